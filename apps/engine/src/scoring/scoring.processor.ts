import { DomainError, parseCronSchedule, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName, type JobPayloads } from '../infrastructure/queue/queue-definitions';
import { PeriodicTasks } from '../infrastructure/scheduling/periodic-tasks';
import { WorkspaceService } from '../workspaces/workspace.service';
import { PropensityDatasetRepository } from './propensity-dataset.repository';
import { ScoreFitRepository } from './score-fit.repository';
import { PROPENSITY_MODELS, type ScoreModelName } from './score-models';
import { ScoringJobSchema } from './scoring-input.schema';
import { ScoringSettingsService } from './scoring-settings.service';
import { FitScoreModelUseCase } from './use-cases/fit-score-model.use-case';

const SCORING_SCHEDULE_EVERY_MS = 60_000;

/**
 * Refits models on each workspace's scoring cron (nightly, after the analytics refresh, by default)
 * and runs fits requested through the API with `queue: true`. Propensity is fitted for the
 * channels the workspace has sent on. A fit that finished after a job was requested covers it.
 */
@Injectable()
export class ScoringProcessor implements OnModuleInit {
  private readonly logger = new Logger(ScoringProcessor.name);
  /** When each workspace model was last queued: one that cannot fit yet is tried again at its next cron time, not every minute. */
  private readonly attempted = new Map<string, Date>();

  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly fitModel: FitScoreModelUseCase,
    private readonly fits: ScoreFitRepository,
    private readonly settings: ScoringSettingsService,
    private readonly workspaces: WorkspaceService,
    private readonly datasets: PropensityDatasetRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Scoring, (payload) => this.process(payload));
    this.periodic.register('scoring-schedule', SCORING_SCHEDULE_EVERY_MS, async () => {
      await this.queueDue();
    });
  }

  async process(payload: JobPayloads[typeof QueueName.Scoring]): Promise<void> {
    const job = ScoringJobSchema.parse(payload);
    const latest = await this.fits.latest(job.workspaceId, job.model);
    if (latest && latest.fittedAt >= new Date(job.requestedAt)) return;
    try {
      await this.fitModel.execute(job.workspaceId, job.model);
    } catch (error) {
      // Too little data is the workspace's state, not a failure to retry: logged once, here.
      if (error instanceof DomainError && error.code === 'unprocessable') {
        this.logger.warn(
          { workspaceId: job.workspaceId, model: job.model, reason: job.reason, detail: error.details },
          `score model not fitted: ${error.message}`,
        );
        return;
      }
      throw error;
    }
  }

  /** The models a workspace fits on its schedule: propensity only on channels it has sent on. */
  private async scheduledModels(workspaceId: number): Promise<ScoreModelName[]> {
    const channels = new Set(
      (await this.datasets.channelsSentOn(workspaceId)).map((channel) => `propensity_${channel}`),
    );
    return ['repeat_purchase', 'affinity', ...PROPENSITY_MODELS.filter((model) => channels.has(model))];
  }

  /** Queues every model whose scheduled time has passed since its last fit (or last attempt). */
  async queueDue(): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    for (const workspace of await this.workspaces.list()) {
      const { schedule } = await this.settings.get(workspace.id);
      if (schedule.cron === null) continue;
      const cron = parseCronSchedule(schedule.cron, workspace.timezone);
      if (!cron.ok) continue;
      for (const model of await this.scheduledModels(workspace.id)) {
        const key = `${workspace.id}:${model}`;
        const fitted = (await this.fits.latest(workspace.id, model))?.fittedAt ?? workspace.createdAt;
        const attempted = this.attempted.get(key);
        const due = cron.next(attempted && attempted > fitted ? attempted : fitted);
        if (due > now) continue;
        await this.queue.enqueue(
          QueueName.Scoring,
          { workspaceId: workspace.id, model, requestedAt: due.toISOString(), reason: 'schedule' },
          { jobId: `scoring-${workspace.id}-${model}-${due.getTime()}` },
        );
        this.attempted.set(key, now);
        queued++;
      }
    }
    if (queued) this.logger.log({ models: queued }, 'scheduled score fits queued');
    return queued;
  }
}
