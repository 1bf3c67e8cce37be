import type { Pool } from '@kizuna/db';
import { validateJourney, type JourneyIssue } from '@kizuna/journey';
import { ConflictError, NotFoundError, ValidationFailedError, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { TemplateService } from '../channels/template.service';
import { SegmentRepository } from '../segments/segment.repository';
import { WorkspaceService } from '../workspaces/workspace.service';
import { EnrollmentRepository, type EnrollmentState } from './enrollment.repository';
import { JourneyTriggerRepository } from './journey-trigger.repository';
import { JourneyRepository, type JourneyRecord } from './journey.repository';

export interface JourneyView extends JourneyRecord {
  /** The draft's problems (empty when it could be published as it is). */
  issues: JourneyIssue[];
  enrollments: Record<EnrollmentState, number>;
}

export interface MigrationResult {
  moved: number;
  /** Enrolments left on their version: their node has no counterpart in the current one. */
  stayed: number;
}

/** Journeys' drafts and lifecycle: create, save, pause, resume, archive, migrate enrolments. */
@Injectable()
export class JourneyService {
  private readonly logger = new Logger(JourneyService.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journeys: JourneyRepository,
    private readonly triggers: JourneyTriggerRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly segments: SegmentRepository,
    private readonly workspaces: WorkspaceService,
    private readonly templates: TemplateService,
    private readonly audit: AuditLog,
  ) {}

  /** The journeys with their totals: enrolments started and converted (all versions). */
  async list(workspaceId: number): Promise<(JourneyRecord & { entered: number; converted: number })[]> {
    const [journeys, totals] = await Promise.all([
      this.journeys.list(workspaceId),
      this.enrollments.totalsByJourney(workspaceId),
    ]);
    return journeys.map((journey) => ({ ...journey, ...(totals.get(journey.id) ?? { entered: 0, converted: 0 }) }));
  }

  async get(workspaceId: number, id: number): Promise<JourneyView> {
    const journey = await this.journeys.find(workspaceId, id);
    if (!journey) throw new NotFoundError('journey', id);
    return {
      ...journey,
      issues: await this.issues(workspaceId, journey.draft),
      enrollments: await this.enrollments.counts(workspaceId, id),
    };
  }

  async create(
    workspaceId: number,
    input: { name: string; description?: string; graph: unknown },
  ): Promise<JourneyView> {
    const created = await this.journeys.insert(workspaceId, {
      name: input.name,
      description: input.description ?? '',
      draft: input.graph,
    });
    if (!created) throw new ConflictError(`a journey named "${input.name}" already exists`);
    return this.get(workspaceId, created.id);
  }

  /** Saves the draft (autosave); a published version is untouched until the next publish. */
  async update(
    workspaceId: number,
    id: number,
    change: { name?: string; description?: string; graph?: unknown },
  ): Promise<JourneyView> {
    const journey = await this.requireJourney(workspaceId, id);
    if (journey.status === 'archived') throw new ConflictError(`journey ${id} is archived`);
    const saved = await this.journeys.updateDraft(workspaceId, id, {
      name: change.name,
      description: change.description,
      draft: change.graph,
    });
    if (!saved) throw new ConflictError(`a journey named "${change.name}" already exists`);
    return this.get(workspaceId, id);
  }

  /** Checks a graph (the draft, or one sent) against the workspace's segments, as publishing would. */
  async issues(workspaceId: number, graph: unknown): Promise<JourneyIssue[]> {
    const workspace = await this.workspaces.get(workspaceId);
    const segmentIds = new Set((await this.segments.list(workspaceId)).map((s) => s.id));
    const templates = await this.templates.keysByChannel(workspaceId);
    const validation = validateJourney(graph, {
      timeZone: workspace.timezone,
      segmentExists: (id) => segmentIds.has(id),
      templateExists: (channel, key) => templates.get(channel)?.has(key) ?? false,
    });
    return validation.issues;
  }

  /** Stops enrolling and holds every enrolment where it is. */
  async pause(workspaceId: number, id: number): Promise<JourneyView> {
    const journey = await this.requireJourney(workspaceId, id);
    if (journey.status !== 'active')
      throw new ConflictError(`journey ${id} is ${journey.status}: only an active journey can be paused`);
    await this.journeys.setStatus(this.pool, workspaceId, id, 'paused');
    await this.audit.record(workspaceId, 'journey.pause', { type: 'journey', id });
    this.logger.log({ workspaceId, journeyId: id }, 'journey paused');
    return this.get(workspaceId, id);
  }

  /**
   * Resumes a paused journey: waiting enrolments go on (those that fell due meanwhile at once).
   * Segment changes and events of the pause are not replayed: their trigger cursors move to now.
   */
  async resume(workspaceId: number, id: number): Promise<JourneyView> {
    await withTransaction(this.pool, async (tx) => {
      const journey = await this.journeys.find(workspaceId, id, tx, true);
      if (!journey) throw new NotFoundError('journey', id);
      if (journey.status !== 'paused')
        throw new ConflictError(`journey ${id} is ${journey.status}: only a paused journey can be resumed`);
      const heads = await this.triggers.heads(tx, workspaceId);
      await tx.query(
        `UPDATE journey_trigger SET cursor = CASE WHEN kind IN ('segment-entry', 'segment-exit') THEN $2::bigint
           WHEN event_name IS NOT NULL THEN $3::bigint ELSE cursor END
         WHERE journey_id = $1 AND active`,
        [id, heads.segmentChange, heads.event],
      );
      await this.journeys.setStatus(tx, workspaceId, id, 'active');
      await this.audit.record(workspaceId, 'journey.resume', { type: 'journey', id }, {}, tx);
    });
    this.logger.log({ workspaceId, journeyId: id }, 'journey resumed');
    return this.get(workspaceId, id);
  }

  /** Ends the journey: no more enrolments, and every running one exits (reason "archived"). */
  async archive(workspaceId: number, id: number): Promise<JourneyView> {
    const now = this.clock.now();
    await withTransaction(this.pool, async (tx) => {
      const journey = await this.journeys.find(workspaceId, id, tx, true);
      if (!journey) throw new NotFoundError('journey', id);
      await tx.query(
        `UPDATE enrollment SET state = 'exited', exit_reason = 'archived', exited_at = $3, wake_at = NULL, lease_token = NULL, lease_until = NULL
         WHERE workspace_id = $1 AND journey_id = $2 AND state = 'active'`,
        [workspaceId, id, now],
      );
      await tx.query(`UPDATE journey_trigger SET active = false WHERE journey_id = $1`, [id]);
      await this.journeys.setStatus(tx, workspaceId, id, 'archived');
      await this.audit.record(workspaceId, 'journey.archive', { type: 'journey', id }, {}, tx);
    });
    this.logger.log({ workspaceId, journeyId: id }, 'journey archived');
    return this.get(workspaceId, id);
  }

  /**
   * Moves running enrolments of older versions onto the current version, at the node of the same
   * id (or the one `nodeMap` names). Asked for explicitly: by default enrolments finish on the
   * version they entered.
   */
  async migrate(
    workspaceId: number,
    id: number,
    options: { fromVersion?: number; nodeMap?: Record<string, string> },
  ): Promise<MigrationResult> {
    return withTransaction(this.pool, async (tx) => {
      const journey = await this.journeys.find(workspaceId, id, tx, true);
      if (!journey) throw new NotFoundError('journey', id);
      if (!journey.currentVersionId) throw new ConflictError(`journey ${id} has no published version`);
      const [current] = await this.journeys.versionsById([journey.currentVersionId]);
      const nodeIds = new Set(current!.graph.nodes.map((n) => n.id));
      const nodeMap = options.nodeMap ?? {};
      const unknown = Object.entries(nodeMap).filter(([, to]) => !nodeIds.has(to));
      if (unknown.length) {
        throw new ValidationFailedError(
          `nodeMap names nodes the current version does not have: ${unknown.map(([, to]) => to).join(', ')}`,
          unknown.map(([from, to]) => ({
            field: `nodeMap.${from}`,
            message: `no node "${to}" in version ${journey.currentVersion}`,
          })),
        );
      }
      const { rows } = await tx.query<{ id: string; nodeId: string }>(
        `SELECT e.id, e.node_id AS "nodeId" FROM enrollment e JOIN journey_version v ON v.id = e.version_id
         WHERE e.workspace_id = $1 AND e.journey_id = $2 AND e.state = 'active' AND e.version_id <> $3
           AND ($4::integer IS NULL OR v.version = $4)
         FOR UPDATE OF e`,
        [workspaceId, id, journey.currentVersionId, options.fromVersion ?? null],
      );
      const moves = rows.flatMap((row) => {
        const target = nodeMap[row.nodeId] ?? row.nodeId;
        return nodeIds.has(target) ? [{ id: row.id, target }] : [];
      });
      if (moves.length) {
        await tx.query(
          `UPDATE enrollment e SET version_id = $1, node_id = m.target FROM unnest($2::bigint[], $3::text[]) AS m(id, target) WHERE e.id = m.id`,
          [journey.currentVersionId, moves.map((m) => m.id), moves.map((m) => m.target)],
        );
      }
      this.logger.log({ workspaceId, journeyId: id, moved: moves.length }, 'enrolments migrated');
      return { moved: moves.length, stayed: rows.length - moves.length };
    });
  }

  private async requireJourney(workspaceId: number, id: number): Promise<JourneyRecord> {
    const journey = await this.journeys.find(workspaceId, id);
    if (!journey) throw new NotFoundError('journey', id);
    return journey;
  }
}
