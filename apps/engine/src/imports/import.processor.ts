import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ENGINE_CONFIG, runsWorkers, type EngineConfig } from '../config/engine-config';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { JOB_QUEUE, type JobContext, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName, type JobPayloads } from '../infrastructure/queue/queue-definitions';
import { ImportJobExecutor } from './import-job-executor';
import { ImportJobRepository } from './import-job.repository';
import { importQueueJobId } from './import.service';

const SWEEP_EVERY_MS = 60_000;

/**
 * Runs queued import jobs, and finds the ones a stopped process left behind: PostgreSQL is the
 * truth, so a job whose heartbeat stopped (the process died, or Redis lost the queue) is enqueued
 * again and restarted from the top, which is safe because imports are idempotent.
 */
@Injectable()
export class ImportProcessor implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ImportProcessor.name);
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly jobs: ImportJobRepository,
    private readonly executor: ImportJobExecutor,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Imports, (payload, context) => this.process(payload, context));
  }

  onApplicationBootstrap(): void {
    if (!runsWorkers(this.config)) return;
    void this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  async process(
    { workspaceId, importJobId }: JobPayloads[typeof QueueName.Imports],
    context: JobContext,
  ): Promise<void> {
    const job = await this.jobs.find(workspaceId, importJobId);
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    const path = await this.jobs.uploadPathOf(workspaceId, importJobId);
    if (!path || !existsSync(path)) {
      await this.jobs.finish(workspaceId, importJobId, {
        status: 'failed',
        error:
          'The uploaded file is not available to this worker. Upload it again (workers must share KIZUNA_DATA_DIR with the API).',
      });
      return;
    }
    const finished = await this.executor.run(job, path, { signal: context.signal });
    if (finished) await rm(path, { force: true });
  }

  async sweep(): Promise<void> {
    try {
      for (const abandoned of await this.jobs.claimAbandoned()) {
        await this.jobs.resetForRetry(abandoned.workspaceId, abandoned.id);
        // A new queue id: the old one may still be recorded as failed in BullMQ.
        await this.queue.enqueue(
          QueueName.Imports,
          { workspaceId: abandoned.workspaceId, importJobId: abandoned.id },
          { jobId: `${importQueueJobId(abandoned.id)}-resumed-${Date.now()}` },
        );
        this.logger.log(
          { workspaceId: abandoned.workspaceId, importJobId: abandoned.id },
          'resuming an interrupted import',
        );
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not look for interrupted imports');
    }
  }
}
