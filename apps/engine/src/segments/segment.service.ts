import { assertValidSegmentRule, referencedSegmentIds, type SegmentRule } from '@kizuna/segments';
import { ConflictError, NotFoundError, parseCronSchedule, ValidationFailedError, type Clock } from '@kizuna/shared';
import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName } from '../infrastructure/queue/queue-definitions';
import { WorkspaceService } from '../workspaces/workspace.service';
import type { CreateSegmentBody, UpdateSegmentBody } from './segment-input.schema';
import { SegmentRepository, type SegmentRecord } from './segment.repository';

/**
 * Daily at 05:00 in the workspace's timezone, after the nightly analytics (03:00): rules that
 * read "within the last N days" change with time alone, and a daily pass is the safety net for
 * every other rule, which also refreshes when its data changes.
 */
export const DEFAULT_SEGMENT_REFRESH_CRON = '0 5 * * *';

/** Creating, changing and archiving segments, with their rules, schedules and references checked. */
@Injectable()
export class SegmentService {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly workspaces: WorkspaceService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(workspaceId: number, includeArchived = false): Promise<SegmentRecord[]> {
    return this.segments.list(workspaceId, { includeArchived });
  }

  async get(workspaceId: number, id: number): Promise<SegmentRecord> {
    const segment = await this.segments.find(workspaceId, id);
    if (!segment) throw new NotFoundError('segment', id);
    return segment;
  }

  /** Creates the segment and queues its first refresh. */
  async create(workspaceId: number, input: CreateSegmentBody): Promise<SegmentRecord> {
    const definition = assertValidSegmentRule(input.definition);
    await this.checkReferences(workspaceId, definition, undefined);
    const schedule = await this.schedule(
      workspaceId,
      input.refreshCron === undefined ? DEFAULT_SEGMENT_REFRESH_CRON : input.refreshCron,
    );
    const created = await this.segments.insert(workspaceId, {
      name: input.name,
      description: input.description,
      definition,
      ...schedule,
    });
    if (!created) throw new ConflictError(`a segment named "${input.name}" already exists`, { field: 'name' });
    await this.queueRefresh(created, 'created');
    return created;
  }

  /** Changes any of name, description, rule and schedule; a new rule is refreshed at once. */
  async update(workspaceId: number, id: number, input: UpdateSegmentBody): Promise<SegmentRecord> {
    const current = await this.get(workspaceId, id);
    if (current.archivedAt) throw new ConflictError(`segment ${id} is archived`);
    const definition = input.definition === undefined ? current.definition : assertValidSegmentRule(input.definition);
    if (input.definition !== undefined) await this.checkReferences(workspaceId, definition, id);
    const schedule =
      input.refreshCron === undefined
        ? { refreshCron: current.refreshCron, nextRefreshAt: current.nextRefreshAt }
        : await this.schedule(workspaceId, input.refreshCron);
    const name = input.name ?? current.name;
    const updated = await this.segments.update(workspaceId, id, {
      name,
      description: input.description ?? current.description,
      definition,
      ...schedule,
    });
    if (!updated) throw new ConflictError(`a segment named "${name}" already exists`, { field: 'name' });
    if (input.definition !== undefined) await this.queueRefresh(updated, 'rule changed');
    return updated;
  }

  /** Archives a segment no other segment reads (their rules would silently lose a condition). */
  async archive(workspaceId: number, id: number): Promise<void> {
    const segment = await this.get(workspaceId, id);
    if (segment.archivedAt) return;
    const readers = (await this.segments.list(workspaceId)).filter((other) =>
      referencedSegmentIds(other.definition).includes(id),
    );
    if (readers.length) {
      throw new ConflictError(
        `segment ${id} is used by ${readers.map((r) => `"${r.name}" (${r.id})`).join(', ')}; change those rules first`,
        {
          usedBy: readers.map((r) => r.id),
        },
      );
    }
    await withTransaction(this.pool, (tx) => this.segments.archive(workspaceId, id, tx));
  }

  async queueRefresh(
    segment: Pick<SegmentRecord, 'id' | 'workspaceId'>,
    reason: string,
    customerIds?: number[],
  ): Promise<void> {
    const requestedAt = this.clock.now().toISOString();
    await this.queue.enqueue(QueueName.Segments, {
      workspaceId: segment.workspaceId,
      segmentId: segment.id,
      requestedAt,
      reason,
      ...(customerIds ? { customerIds } : {}),
    });
  }

  private async schedule(
    workspaceId: number,
    refreshCron: string | null,
  ): Promise<{ refreshCron: string | null; nextRefreshAt: Date | null }> {
    if (refreshCron === null) return { refreshCron: null, nextRefreshAt: null };
    const { timezone } = await this.workspaces.get(workspaceId);
    const schedule = parseCronSchedule(refreshCron, timezone);
    if (!schedule.ok)
      throw new ValidationFailedError(`Invalid refreshCron: ${schedule.reason}`, [
        { field: 'refreshCron', message: schedule.reason },
      ]);
    return { refreshCron: schedule.expression, nextRefreshAt: schedule.next(this.clock.now()) };
  }

  /** Segments a rule reads must exist, be active, and not lead back to the segment itself. */
  private async checkReferences(workspaceId: number, rule: SegmentRule, selfId: number | undefined): Promise<void> {
    const referenced = referencedSegmentIds(rule);
    if (!referenced.length) return;
    const all = new Map((await this.segments.list(workspaceId)).map((segment) => [segment.id, segment]));
    const missing = referenced.filter((id) => !all.has(id));
    if (missing.length) {
      throw new ValidationFailedError(
        `The rule reads segments that do not exist or are archived: ${missing.join(', ')}`,
        [{ field: 'definition', message: `unknown segment ${missing.join(', ')}` }],
      );
    }
    if (selfId === undefined) return;
    // Depth-first through what the referenced segments read: reaching selfId is a cycle.
    const seen = new Set<number>();
    const path: number[] = [];
    const reaches = (id: number): boolean => {
      if (id === selfId) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      path.push(id);
      const next = all.get(id);
      if (next && referencedSegmentIds(next.definition).some(reaches)) return true;
      path.pop();
      return false;
    };
    if (referenced.some(reaches)) {
      const cycle = [selfId, ...path, selfId].join(' -> ');
      throw new ValidationFailedError(`The rule would make segments read each other in a cycle: ${cycle}`, [
        { field: 'definition', message: `cycle ${cycle}` },
      ]);
    }
  }
}
