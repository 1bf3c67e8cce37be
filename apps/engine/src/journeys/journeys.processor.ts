import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { CLOCK } from '../infrastructure/clock.provider';
import type { DataChange } from '../infrastructure/data-changes/data-change';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName } from '../infrastructure/queue/queue-definitions';
import { PeriodicTasks } from '../infrastructure/scheduling/periodic-tasks';
import type { Pool } from '@kizuna/db';
import { WorkspaceService } from '../workspaces/workspace.service';
import { pruneRateWindows } from './channel-rate-limiter';
import { JourneyTicker } from './journey-ticker';
import { EnrolFromTriggersUseCase } from './use-cases/enrol-from-triggers.use-case';
import { ProcessStepBatchUseCase } from './use-cases/process-step-batch.use-case';
import { ResumeOnActivityUseCase } from './use-cases/resume-on-activity.use-case';

/** How often triggers are caught up (schedules, birthdays, segment changes and events a notification missed). */
export const JOURNEY_TRIGGERS_EVERY_MS = 5_000;

/**
 * The journey engine's workers: the ticker (due enrolments -> step jobs), the step jobs, trigger
 * catch-up and reactions to data changes (segment entries, events, purchases). Messages the
 * steps create are handed to the outbox's dispatcher (channels module). Everything reads PostgreSQL; a lost job or notification is made up by the
 * next tick.
 */
@Injectable()
export class JourneysProcessor implements OnModuleInit {
  private readonly logger = new Logger(JourneysProcessor.name);

  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly notifier: DataChangeNotifier,
    private readonly ticker: JourneyTicker,
    private readonly steps: ProcessStepBatchUseCase,
    private readonly enrol: EnrolFromTriggersUseCase,
    private readonly activity: ResumeOnActivityUseCase,
    private readonly workspaces: WorkspaceService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.JourneySteps, async ({ enrollmentIds, leaseToken }) => {
      const outcome = await this.steps.execute(enrollmentIds, leaseToken);
      if (outcome.messagesQueued) {
        // One dispatch job per second at most: a burst of batches shares it.
        const now = this.clock.now();
        await this.queue.enqueue(
          QueueName.Messages,
          { requestedAt: now.toISOString() },
          { jobId: `messages-dispatch-${Math.floor(now.getTime() / 1000)}` },
        );
      }
    });
    this.periodic.register('journey-ticker', this.config.KIZUNA_JOURNEY_TICK_MS, async () => {
      await this.ticker.tick();
    });
    this.periodic.register('journey-triggers', JOURNEY_TRIGGERS_EVERY_MS, async () => {
      await this.enrol.runAll();
      for (const workspace of await this.workspaces.list()) await this.activity.onPurchases(workspace.id);
      await pruneRateWindows(this.pool, this.clock.now());
    });
    this.notifier.subscribe((change) => this.react(change));
  }

  private async react(change: DataChange): Promise<void> {
    switch (change.kind) {
      case 'segment':
        await this.enrol.segmentChanges(change.workspaceId, change.segmentId);
        return;
      case 'events':
        await this.enrol.events(change.workspaceId, { customerIds: change.customerIds, eventNames: change.eventNames });
        await this.activity.onEvents(change.workspaceId, change.customerIds);
        return;
      case 'import':
        if (change.importKind === 'orders') await this.activity.onPurchases(change.workspaceId);
        if (change.importKind === 'events') await this.enrol.events(change.workspaceId);
        return;
      default:
        return;
    }
  }
}
