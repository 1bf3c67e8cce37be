import type { Pool, PoolClient } from '@kizuna/db';
import {
  advanceEnrollment,
  DeliverySettingsSchema,
  type Channel,
  type CustomerFacts,
  type DeliveryPolicy,
  type EnrollmentPosition,
  type NodeConfig,
  type StepResult,
} from '@kizuna/journey';
import { groupBy, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { MessageRepository, type OutboxMessage } from '../../messages/message.repository';
import { configureRuleEvaluation } from '../../segments/rule-evaluation';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { WorkspaceSettingsStore } from '../../workspaces/workspace-settings.store';
import { reserveRateBudget, spendRateBudget } from '../channel-rate-limiter';
import { CustomerFactsRepository, type ConditionCheck } from '../customer-facts.repository';
import {
  EnrollmentRepository,
  type EnrollmentState,
  type EnrollmentUpdate,
  type LeasedEnrollment,
  type StepRow,
} from '../enrollment.repository';
import { JourneyVersionCache, type RunnableVersion } from '../journey-version.cache';

export interface StepBatchOutcome {
  processed: number;
  steps: number;
  messagesQueued: number;
  /** Enrolments whose lease had passed to another batch (nothing done for them here). */
  skipped: number;
}

/** Rounds of branch evaluation one batch may need: one per branch an enrolment passes without waiting. */
const MAX_CONDITION_ROUNDS = 20;

/**
 * Moves a claimed batch of enrolments: reads what the steps need (consents, recent messages,
 * branch conditions), runs the pure step semantics of libs/journey, and writes every transition,
 * new position and outbox message in ONE transaction. A crash before the commit leaves nothing; a
 * redelivered batch finds its lease token gone and does nothing. Message keys (enrolment, node,
 * visit) make a second creation impossible even so.
 */
@Injectable()
export class ProcessStepBatchUseCase {
  private readonly logger = new Logger(ProcessStepBatchUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly enrollments: EnrollmentRepository,
    private readonly messages: MessageRepository,
    private readonly facts: CustomerFactsRepository,
    private readonly versions: JourneyVersionCache,
    private readonly workspaces: WorkspaceService,
    private readonly settings: WorkspaceSettingsStore,
  ) {}

  async execute(enrollmentIds: readonly string[], leaseToken: string): Promise<StepBatchOutcome> {
    return withTransaction(this.pool, async (tx) => {
      const now = this.clock.now();
      const leased = await this.enrollments.loadLeased(tx, enrollmentIds, leaseToken);
      const outcome: StepBatchOutcome = {
        processed: 0,
        steps: 0,
        messagesQueued: 0,
        skipped: enrollmentIds.length - leased.length,
      };
      // Paused after the claim: let go; they are claimed again when the journey resumes.
      const paused = leased.filter((e) => e.journeyStatus !== 'active');
      await this.enrollments.release(
        tx,
        paused.map((e) => e.id),
      );
      const runnable = leased.filter((e) => e.journeyStatus === 'active');
      if (!runnable.length) return outcome;

      await configureRuleEvaluation(tx);
      const versions = await this.versions.get(runnable.map((e) => e.versionId));
      const byWorkspace = groupBy(runnable, (e) => e.workspaceId);
      const updates: EnrollmentUpdate[] = [];
      const steps: StepRow[] = [];
      const outbox: OutboxMessage[] = [];
      for (const [workspaceId, batch] of byWorkspace) {
        const written = await this.stepWorkspace(tx, workspaceId, batch, versions, now);
        updates.push(...written.updates);
        steps.push(...written.steps);
        outbox.push(...written.outbox);
      }
      await this.enrollments.insertSteps(tx, steps, now);
      outcome.messagesQueued = await this.messages.insertOutbox(tx, outbox, now);
      await this.enrollments.writeUpdates(tx, updates, now);
      outcome.processed = updates.length;
      outcome.steps = steps.length;
      return outcome;
    });
  }

  private async stepWorkspace(
    tx: PoolClient,
    workspaceId: number,
    batch: LeasedEnrollment[],
    versions: Map<number, RunnableVersion>,
    now: Date,
  ): Promise<{ updates: EnrollmentUpdate[]; steps: StepRow[]; outbox: OutboxMessage[] }> {
    const workspace = await this.workspaces.get(workspaceId);
    const delivery = await this.settings.get(workspaceId, 'delivery', DeliverySettingsSchema);
    const customerIds = [...new Set(batch.map((e) => e.customerId))];
    const capSince = new Date(now.getTime() - delivery.frequencyCap.windowDays * 86_400_000);
    const [consents, propensities, recent, budget] = [
      await this.facts.consents(tx, workspaceId, customerIds),
      await this.facts.propensities(tx, workspaceId, customerIds),
      await this.messages.recentCounts(tx, workspaceId, customerIds, capSince),
      await reserveRateBudget(tx, workspaceId, delivery.rateLimits, now),
    ];
    const policy: DeliveryPolicy = {
      timeZone: workspace.timezone,
      quietHours: delivery.quietHours,
      quietHoursExempt: delivery.quietHoursExempt,
      frequencyCap: delivery.frequencyCap,
      channelBudget: { ...budget.remaining },
      rateWindowEndsAt: budget.windowEndsAt,
    };
    const sentByChannel = new Map<Channel, number>();
    const conditions = new Map<string, Record<string, boolean>>();
    const updates: EnrollmentUpdate[] = [];
    const steps: StepRow[] = [];
    const outbox: OutboxMessage[] = [];
    const pendingUpdates: { update: NodeConfig<'update'>; customerId: number }[] = [];

    // Each round advances every enrolment as far as it goes; those stopped at a branch have its
    // conditions evaluated for all of them at once (one SQL per condition), then go on.
    let pending = batch.map((enrollment) => ({ enrollment, position: positionOf(enrollment), first: true }));
    for (let round = 0; pending.length && round < MAX_CONDITION_ROUNDS; round++) {
      const checks = new Map<string, ConditionCheck>();
      const next: typeof pending = [];
      for (const item of pending) {
        const { enrollment } = item;
        const version = versions.get(enrollment.versionId);
        if (!version) {
          updates.push(exitUpdate(enrollment, item.position, 'exited', 'version-missing'));
          continue;
        }
        const customerFacts = this.customerFacts(enrollment, item.first, consents, propensities, recent, conditions);
        let result: StepResult;
        try {
          result = advanceEnrollment(
            { journeyId: enrollment.journeyId, enteredAt: enrollment.enteredAt, index: version.index },
            item.position,
            customerFacts,
            policy,
            now,
          );
        } catch (error) {
          // A bad graph must not block the batch: this enrolment leaves with the reason logged.
          this.logger.error(
            { err: error, enrollmentId: enrollment.id, journeyId: enrollment.journeyId },
            'journey step failed',
          );
          updates.push(exitUpdate(enrollment, item.position, 'exited', 'step-error'));
          continue;
        }
        for (const t of result.transitions) {
          steps.push({
            workspaceId,
            enrollmentId: enrollment.id,
            versionId: enrollment.versionId,
            fromNode: t.from,
            handle: t.handle,
            toNode: t.to,
            at: t.at,
            dueAt: item.first ? enrollment.wakeAt : null,
          });
        }
        for (const action of result.actions) {
          if (action.kind === 'update') {
            pendingUpdates.push({ update: action.update, customerId: enrollment.customerId });
            continue;
          }
          const sent = action.kind === 'send';
          if (sent) {
            sentByChannel.set(action.channel, (sentByChannel.get(action.channel) ?? 0) + 1);
            const spent = policy.channelBudget[action.channel];
            if (spent !== undefined) policy.channelBudget[action.channel] = spent - 1;
            const counts = recent.get(enrollment.customerId) ?? new Map<Channel, number>();
            counts.set(action.channel, (counts.get(action.channel) ?? 0) + 1);
            recent.set(enrollment.customerId, counts);
          }
          outbox.push({
            workspaceId,
            customerId: enrollment.customerId,
            enrollmentId: enrollment.id,
            journeyId: enrollment.journeyId,
            versionId: enrollment.versionId,
            nodeId: action.nodeId,
            channel: action.channel,
            templateId: action.templateId,
            idempotencyKey: `enrollment:${enrollment.id}:${action.nodeId}:${action.visit}`,
            status: sent ? 'queued' : 'suppressed',
            suppressionReason: sent ? null : action.reason,
          });
        }
        const status = result.status;
        if (status.kind === 'needs-conditions') {
          const node = version.index.node(status.nodeId);
          if (node?.type === 'branch') {
            for (const condition of node.config.conditions) {
              const key = `${enrollment.versionId}:${status.nodeId}:${condition.id}`;
              const check = checks.get(key) ?? { key, rule: condition.rule, customerIds: [] };
              check.customerIds.push(enrollment.customerId);
              checks.set(key, check);
            }
          }
          next.push({ enrollment, position: result.position, first: false });
          continue;
        }
        if (status.kind === 'exited') {
          updates.push({
            id: enrollment.id,
            state: status.outcome,
            position: result.position,
            waitingEvent: null,
            exitReason: status.outcome,
          });
        } else {
          updates.push({
            id: enrollment.id,
            state: 'active',
            position: result.position,
            waitingEvent: status.waitingForEvent?.eventName ?? null,
            exitReason: null,
          });
        }
      }
      if (checks.size) {
        const evaluated = await this.facts.evaluate(tx, workspaceId, workspace.timezone, [...checks.values()], now);
        for (const item of next) {
          const record = conditions.get(item.enrollment.id) ?? {};
          for (const [key, members] of evaluated) {
            const [versionId, nodeId, conditionId] = key.split(':');
            if (Number(versionId) !== item.enrollment.versionId) continue;
            record[`${nodeId}:${conditionId}`] = members.has(item.enrollment.customerId);
          }
          conditions.set(item.enrollment.id, record);
        }
      }
      pending = next;
    }
    // Still at a branch after every round: a graph of branches only, which validation refuses.
    for (const item of pending) updates.push(exitUpdate(item.enrollment, item.position, 'exited', 'too-many-branches'));

    for (const [, group] of groupBy(pendingUpdates, (u) => JSON.stringify(u.update))) {
      await this.facts.applyUpdate(
        tx,
        workspaceId,
        group[0]!.update,
        group.map((u) => u.customerId),
        now,
      );
    }
    await spendRateBudget(tx, workspaceId, sentByChannel, now);
    return { updates, steps, outbox };
  }

  private customerFacts(
    enrollment: LeasedEnrollment,
    first: boolean,
    consents: Map<number, Partial<Record<Channel, boolean>>>,
    propensities: Map<number, Partial<Record<Channel, number>>>,
    recent: Map<number, Map<Channel, number>>,
    conditions: Map<string, Record<string, boolean>>,
  ): CustomerFacts {
    const counts = recent.get(enrollment.customerId);
    const byChannel = Object.fromEntries(counts ?? []) as Partial<Record<Channel, number>>;
    return {
      customerId: enrollment.customerId,
      consents: consents.get(enrollment.customerId) ?? {},
      conditions: conditions.get(enrollment.id) ?? {},
      // Only on the first advance: later rounds continue the same step and must not exit twice.
      converted:
        first && enrollment.convertedGoal && enrollment.convertedAt
          ? { goalNodeId: enrollment.convertedGoal, at: enrollment.convertedAt }
          : undefined,
      resumedByEvent:
        first && enrollment.resumedByEventId && enrollment.resumedAt
          ? { eventId: enrollment.resumedByEventId, at: enrollment.resumedAt }
          : undefined,
      // Counted before this batch's sends; sends made in the same advance are counted by the step itself.
      recentMessages: { total: [...(counts?.values() ?? [])].reduce((a, b) => a + b, 0), byChannel },
      propensity: propensities.get(enrollment.customerId),
    };
  }
}

function positionOf(enrollment: LeasedEnrollment): EnrollmentPosition {
  return {
    nodeId: enrollment.nodeId,
    arrivedAt: enrollment.arrivedAt,
    wakeAt: enrollment.wakeAt,
    visits: enrollment.context.visits ?? {},
    arms: enrollment.context.arms ?? {},
    holdoutGroup: enrollment.holdoutGroup,
  };
}

function exitUpdate(
  enrollment: LeasedEnrollment,
  position: EnrollmentPosition,
  state: EnrollmentState,
  reason: string,
): EnrollmentUpdate {
  return { id: enrollment.id, state, position: { ...position, wakeAt: null }, waitingEvent: null, exitReason: reason };
}
