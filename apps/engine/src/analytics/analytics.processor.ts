import { parseCronSchedule, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import type { DataChange } from '../infrastructure/data-changes/data-change';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName, type JobPayloads } from '../infrastructure/queue/queue-definitions';
import { PeriodicTasks } from '../infrastructure/scheduling/periodic-tasks';
import { WorkspaceService } from '../workspaces/workspace.service';
import { AnalyticsSettingsService } from './analytics-settings.service';
import { AnalyticsSnapshotRepository } from './analytics-snapshot.repository';
import { RefreshAnalyticsUseCase } from './use-cases/refresh-analytics.use-case';

const ANALYTICS_SCHEDULE_EVERY_MS = 60_000;
/** Imports that change what the analyses read. */
const ANALYSED_IMPORTS = new Set(['orders', 'shipments', 'returns', 'products']);

/**
 * Recomputes analytics when they go stale: on each workspace's schedule (nightly by default) and
 * after imports of orders, shipments, returns or products. A refresh that started after a request
 * was made covers it, so a burst of imports costs one refresh.
 */
@Injectable()
export class AnalyticsProcessor implements OnModuleInit {
  private readonly logger = new Logger(AnalyticsProcessor.name);

  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly notifier: DataChangeNotifier,
    private readonly refreshAnalytics: RefreshAnalyticsUseCase,
    private readonly settings: AnalyticsSettingsService,
    private readonly snapshots: AnalyticsSnapshotRepository,
    private readonly workspaces: WorkspaceService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Analytics, (payload) => this.process(payload));
    this.periodic.register('analytics-schedule', ANALYTICS_SCHEDULE_EVERY_MS, async () => {
      await this.queueDue();
    });
    this.notifier.subscribe((change) => this.react(change));
  }

  async process({ workspaceId, requestedAt }: JobPayloads[typeof QueueName.Analytics]): Promise<void> {
    const latest = await this.snapshots.find(workspaceId, 'rfm');
    const requested = new Date(requestedAt);
    if (latest && latest.computedAt >= requested && latest.referenceAt >= requested) return;
    await this.refreshAnalytics.execute(workspaceId);
  }

  /** Queues the workspaces whose scheduled refresh time has passed since their last refresh. */
  async queueDue(): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    for (const workspace of await this.workspaces.list()) {
      const { schedule } = await this.settings.get(workspace.id);
      if (schedule.cron === null) continue;
      const cron = parseCronSchedule(schedule.cron, workspace.timezone);
      if (!cron.ok) continue;
      const last = (await this.snapshots.find(workspace.id, 'rfm'))?.referenceAt ?? workspace.createdAt;
      const due = cron.next(last);
      if (due > now) continue;
      // One job per due time: the next ticks while it runs find it already queued.
      await this.queue.enqueue(
        QueueName.Analytics,
        { workspaceId: workspace.id, requestedAt: due.toISOString(), reason: 'schedule' },
        { jobId: `analytics-${workspace.id}-${due.getTime()}` },
      );
      queued++;
    }
    if (queued) this.logger.log({ workspaces: queued }, 'scheduled analytics refreshes queued');
    return queued;
  }

  private async react(change: DataChange): Promise<void> {
    if (change.kind !== 'import' || !ANALYSED_IMPORTS.has(change.importKind)) return;
    const { schedule } = await this.settings.get(change.workspaceId);
    if (!schedule.afterImports) return;
    await this.queue.enqueue(QueueName.Analytics, {
      workspaceId: change.workspaceId,
      requestedAt: this.clock.now().toISOString(),
      reason: `${change.importKind} import`,
    });
  }
}
