import { parseCronSchedule, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { QueueName, type JobPayloads } from '../infrastructure/queue/queue-definitions';
import { PeriodicTasks } from '../infrastructure/scheduling/periodic-tasks';
import { WorkspaceService } from '../workspaces/workspace.service';
import { SegmentRepository } from './segment.repository';
import { SegmentService } from './segment.service';
import { RefreshSegmentUseCase } from './use-cases/refresh-segment.use-case';

/** How often worker processes look for segments whose scheduled refresh is due. */
export const SEGMENT_SCHEDULE_EVERY_MS = 30_000;

/**
 * Runs queued segment refreshes, and queues the scheduled ones (each segment's cron, in its
 * workspace's timezone). A full refresh requested before the last full refresh finished is
 * already done and skipped, so a burst of imports costs one refresh, not one per file.
 */
@Injectable()
export class SegmentProcessor implements OnModuleInit {
  private readonly logger = new Logger(SegmentProcessor.name);

  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly refreshSegment: RefreshSegmentUseCase,
    private readonly segments: SegmentRepository,
    private readonly service: SegmentService,
    private readonly workspaces: WorkspaceService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Segments, (payload) => this.process(payload));
    this.periodic.register('segment-schedule', SEGMENT_SCHEDULE_EVERY_MS, async () => {
      await this.queueDue();
    });
  }

  async process({
    workspaceId,
    segmentId,
    customerIds,
    requestedAt,
  }: JobPayloads[typeof QueueName.Segments]): Promise<void> {
    const segment = await this.segments.find(workspaceId, segmentId);
    if (!segment || segment.archivedAt) return;
    if (!customerIds && segment.lastRefreshedAt && segment.lastRefreshedAt >= new Date(requestedAt)) return;
    await this.refreshSegment.execute(workspaceId, segmentId, customerIds ? { customerIds } : {});
  }

  /** Claims the segments whose time has come (moving each to its next run) and queues a full refresh. */
  async queueDue(): Promise<number> {
    const timeZones = new Map<number, string>();
    for (const workspace of await this.workspaces.list()) timeZones.set(workspace.id, workspace.timezone);
    const now = this.clock.now();
    const due = await this.segments.claimDue(now, (segment) => {
      const schedule = segment.refreshCron
        ? parseCronSchedule(segment.refreshCron, timeZones.get(segment.workspaceId) ?? 'UTC')
        : undefined;
      return schedule?.ok ? schedule.next(now) : null;
    });
    for (const segment of due) await this.service.queueRefresh(segment, 'schedule');
    if (due.length) this.logger.log({ segments: due.map((s) => s.id) }, 'scheduled segment refreshes queued');
    return due.length;
  }
}
