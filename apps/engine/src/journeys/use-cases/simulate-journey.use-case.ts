import type { Pool } from '@kizuna/db';
import {
  advanceEnrollment,
  assertValidJourney,
  DeliverySettingsSchema,
  isTriggerNode,
  JourneyIndex,
  startPosition,
  type Channel,
  type CustomerFacts,
  type DeliveryPolicy,
  type ExitOutcome,
  type JourneyGraph,
  type Transition,
} from '@kizuna/journey';
import { NotFoundError, ValidationFailedError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction, type Queryable } from '../../infrastructure/database/transaction';
import { MessageRepository } from '../../messages/message.repository';
import { configureRuleEvaluation } from '../../segments/rule-evaluation';
import { SegmentRepository } from '../../segments/segment.repository';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { WorkspaceSettingsStore } from '../../workspaces/workspace-settings.store';
import { CustomerFactsRepository } from '../customer-facts.repository';
import { JourneyRepository } from '../journey.repository';

export const SimulationRequestSchema = z
  .object({
    /** The customers to run; or `segmentId`'s members; or else a sample of the workspace. */
    customerIds: z.array(z.number().int().positive()).min(1).max(1_000).optional(),
    segmentId: z.number().int().positive().optional(),
    sample: z.number().int().min(1).max(1_000).default(20),
    /** The draft (default), a published version number, or a graph sent with the request. */
    version: z.number().int().positive().optional(),
    graph: z.unknown().optional(),
    /** The simulated clock's start (default now) and how far it may run. */
    start: z.iso.datetime({ offset: true }).optional(),
    horizonDays: z.number().int().min(1).max(730).default(90),
    /** Assume every awaited event happens at once (else waits for events time out and goals are missed). */
    assumeEventsHappen: z.boolean().default(false),
  })
  .strict();
export type SimulationRequest = z.input<typeof SimulationRequestSchema>;

export interface SimulatedMessage {
  nodeId: string;
  channel: string;
  templateId: string | null;
  at: Date;
  status: 'would-send' | 'suppressed';
  reason: string | null;
}

export interface SimulatedPath {
  customerId: number;
  transitions: Transition[];
  messages: SimulatedMessage[];
  wakeTimes: { nodeId: string; wakeAt: Date; reason: string }[];
  outcome: ExitOutcome | 'still-waiting';
  endedAt: Date;
}

export interface SimulationResult {
  start: Date;
  horizonEnd: Date;
  customers: SimulatedPath[];
  /** Customers per edge ("source:handle" -> count) and per node reached: the canvas's highlights. */
  edgeCounts: Record<string, number>;
  nodeCounts: Record<string, number>;
  outcomes: Record<string, number>;
}

/** Advances a simulated enrolment at most this many times (waits included). */
const MAX_ADVANCES = 500;

/**
 * The dry run: each customer walks the journey under a simulated clock with the engine's own step
 * function, its branch conditions evaluated on today's data at the simulated time, its consents
 * and frequency caps applied. It sends nothing and stores nothing (a read-only transaction).
 */
@Injectable()
export class SimulateJourneyUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journeys: JourneyRepository,
    private readonly segments: SegmentRepository,
    private readonly facts: CustomerFactsRepository,
    private readonly messages: MessageRepository,
    private readonly workspaces: WorkspaceService,
    private readonly settings: WorkspaceSettingsStore,
  ) {}

  async execute(workspaceId: number, journeyId: number | null, input: SimulationRequest): Promise<SimulationResult> {
    const request = SimulationRequestSchema.parse(input);
    const workspace = await this.workspaces.get(workspaceId);
    const graph = await this.graphFor(workspaceId, journeyId, request, workspace.timezone);
    const index = new JourneyIndex(graph);
    const trigger = index.allNodes().find((node) => isTriggerNode(node))!;
    const delivery = await this.settings.get(workspaceId, 'delivery', DeliverySettingsSchema);
    const start = request.start ? new Date(request.start) : this.clock.now();
    const horizonEnd = new Date(start.getTime() + request.horizonDays * 86_400_000);

    return withTransaction(this.pool, async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await configureRuleEvaluation(tx);
      const customerIds = await this.customersFor(tx, workspaceId, request);
      const consents = await this.facts.consents(tx, workspaceId, customerIds);
      const propensities = await this.facts.propensities(tx, workspaceId, customerIds);
      const recent = await this.messages.recentCounts(
        tx,
        workspaceId,
        customerIds,
        new Date(start.getTime() - delivery.frequencyCap.windowDays * 86_400_000),
      );
      const policy: DeliveryPolicy = {
        timeZone: workspace.timezone,
        quietHours: delivery.quietHours,
        quietHoursExempt: delivery.quietHoursExempt,
        frequencyCap: delivery.frequencyCap,
        channelBudget: {},
        rateWindowEndsAt: start,
      };
      const result: SimulationResult = {
        start,
        horizonEnd,
        customers: [],
        edgeCounts: {},
        nodeCounts: {},
        outcomes: {},
      };
      for (const customerId of customerIds) {
        const path = await this.walk(tx, {
          workspaceId,
          timeZone: workspace.timezone,
          journeyId: journeyId ?? 0,
          index,
          triggerNodeId: trigger.id,
          customerId,
          consents: consents.get(customerId) ?? {},
          propensity: propensities.get(customerId),
          recent: recent.get(customerId) ?? new Map<Channel, number>(),
          policy,
          start,
          horizonEnd,
          assumeEventsHappen: request.assumeEventsHappen,
        });
        result.customers.push(path);
        result.outcomes[path.outcome] = (result.outcomes[path.outcome] ?? 0) + 1;
        result.nodeCounts[trigger.id] = (result.nodeCounts[trigger.id] ?? 0) + 1;
        for (const t of path.transitions) {
          const key = `${t.from}:${t.handle}`;
          result.edgeCounts[key] = (result.edgeCounts[key] ?? 0) + 1;
          if (t.to) result.nodeCounts[t.to] = (result.nodeCounts[t.to] ?? 0) + 1;
        }
      }
      return result;
    });
  }

  private async walk(
    db: Queryable,
    run: {
      workspaceId: number;
      timeZone: string;
      journeyId: number;
      index: JourneyIndex;
      triggerNodeId: string;
      customerId: number;
      consents: Partial<Record<Channel, boolean>>;
      propensity: Partial<Record<Channel, number>> | undefined;
      recent: Map<Channel, number>;
      policy: DeliveryPolicy;
      start: Date;
      horizonEnd: Date;
      assumeEventsHappen: boolean;
    },
  ): Promise<SimulatedPath> {
    const path: SimulatedPath = {
      customerId: run.customerId,
      transitions: [],
      messages: [],
      wakeTimes: [],
      outcome: 'still-waiting',
      endedAt: run.start,
    };
    let position = startPosition(run.triggerNodeId, run.start);
    let now = run.start;
    let conditions: Record<string, boolean> = {};
    let resumed: CustomerFacts['resumedByEvent'];
    const sent = new Map(run.recent);
    for (let i = 0; i < MAX_ADVANCES; i++) {
      const facts: CustomerFacts = {
        customerId: run.customerId,
        consents: run.consents,
        conditions,
        resumedByEvent: resumed,
        recentMessages: { total: [...sent.values()].reduce((a, b) => a + b, 0), byChannel: Object.fromEntries(sent) },
        propensity: run.propensity,
      };
      const step = advanceEnrollment(
        { journeyId: run.journeyId, enteredAt: run.start, index: run.index },
        position,
        facts,
        run.policy,
        now,
      );
      path.transitions.push(...step.transitions);
      for (const action of step.actions) {
        if (action.kind === 'update') continue;
        if (action.kind === 'send') sent.set(action.channel, (sent.get(action.channel) ?? 0) + 1);
        path.messages.push({
          nodeId: action.nodeId,
          channel: action.channel,
          templateId: action.templateId,
          at: now,
          status: action.kind === 'send' ? 'would-send' : 'suppressed',
          reason: action.kind === 'suppressed' ? action.reason : null,
        });
      }
      position = step.position;
      resumed = undefined;
      const status = step.status;
      if (status.kind === 'exited') {
        path.outcome = status.outcome;
        path.endedAt = now;
        return path;
      }
      if (status.kind === 'needs-conditions') {
        const node = run.index.node(status.nodeId);
        if (node?.type !== 'branch') throw new Error(`node "${status.nodeId}" is not a branch`);
        const evaluated = await this.facts.evaluate(
          db,
          run.workspaceId,
          run.timeZone,
          node.config.conditions.map((c) => ({
            key: `${node.id}:${c.id}`,
            rule: c.rule,
            customerIds: [run.customerId],
          })),
          now,
        );
        conditions = { ...conditions };
        for (const [key, members] of evaluated) conditions[key] = members.has(run.customerId);
        continue;
      }
      path.wakeTimes.push({ nodeId: position.nodeId, wakeAt: status.wakeAt, reason: status.reason });
      if (run.assumeEventsHappen && status.waitingForEvent) {
        resumed = { eventId: 'simulated', at: now };
        if (status.reason === 'goal') {
          path.transitions.push({ from: position.nodeId, handle: 'converted', to: null, at: now });
          path.outcome = 'converted';
          path.endedAt = now;
          return path;
        }
        continue;
      }
      if (status.wakeAt > run.horizonEnd) {
        path.endedAt = now;
        return path;
      }
      now = status.wakeAt;
    }
    path.endedAt = now;
    return path;
  }

  private async graphFor(
    workspaceId: number,
    journeyId: number | null,
    request: z.infer<typeof SimulationRequestSchema>,
    timeZone: string,
  ): Promise<JourneyGraph> {
    const segmentIds = new Set((await this.segments.list(workspaceId)).map((s) => s.id));
    const options = { timeZone, segmentExists: (id: number) => segmentIds.has(id) };
    if (request.graph !== undefined) return assertValidJourney(request.graph, options);
    if (journeyId === null)
      throw new ValidationFailedError('Nothing to simulate', [{ field: 'graph', message: 'is required' }]);
    if (request.version !== undefined) {
      const version = await this.journeys.findVersion(workspaceId, journeyId, request.version);
      if (!version) throw new NotFoundError('journey version', `${journeyId} v${request.version}`);
      return version.graph;
    }
    const journey = await this.journeys.find(workspaceId, journeyId);
    if (!journey) throw new NotFoundError('journey', journeyId);
    return assertValidJourney(journey.draft, options);
  }

  private async customersFor(
    db: Queryable,
    workspaceId: number,
    request: z.infer<typeof SimulationRequestSchema>,
  ): Promise<number[]> {
    if (request.customerIds) {
      const { rows } = await db.query<{ id: number }>(
        `SELECT id FROM customer WHERE workspace_id = $1 AND id = ANY($2::integer[]) AND status = 'active' ORDER BY id`,
        [workspaceId, request.customerIds],
      );
      const found = new Set(rows.map((r) => r.id));
      const missing = request.customerIds.filter((id) => !found.has(id));
      if (missing.length) {
        throw new ValidationFailedError(`Unknown customers: ${missing.slice(0, 10).join(', ')}`, [
          { field: 'customerIds', message: `no active customer ${missing.slice(0, 10).join(', ')} in this workspace` },
        ]);
      }
      return rows.map((r) => r.id);
    }
    if (request.segmentId) {
      const segment = await this.segments.find(workspaceId, request.segmentId);
      if (!segment) throw new NotFoundError('segment', request.segmentId);
      const { rows } = await db.query<{ id: number }>(
        `SELECT customer_id AS id FROM segment_membership WHERE workspace_id = $1 AND segment_id = $2 AND exited_at IS NULL
         ORDER BY customer_id LIMIT $3`,
        [workspaceId, request.segmentId, request.sample],
      );
      return rows.map((r) => r.id);
    }
    // An even spread over the customer ids, stable between runs (no random sample to confuse a comparison).
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM (SELECT id, ntile($2) OVER (ORDER BY id) AS tile FROM customer WHERE workspace_id = $1 AND status = 'active') t
       WHERE tile IS NOT NULL GROUP BY tile, id HAVING id = min(id) ORDER BY id LIMIT $2`,
      [workspaceId, request.sample],
    );
    return rows.map((r) => r.id);
  }
}
