import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ENGINE_CONFIG, runsWorkers, type EngineConfig } from '../../config/engine-config';
import { JobHandlerRegistry } from './job-handler.registry';
import type { EnqueueOptions, JobQueue, QueueCounts, QueueHealth } from './job-queue.port';
import { ALL_QUEUES, QUEUE_SETTINGS, type JobPayloads, type QueueName } from './queue-definitions';

interface InlineJob {
  id: string;
  queue: QueueName;
  payload: JobPayloads[QueueName];
  attempt: number;
  runAt: number;
  sequence: number;
}

/** How long shutdown waits for running jobs to notice the abort signal and stop. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * The queue of embedded mode (no REDIS_URL): the same processors, run in this process with each
 * queue's concurrency, delays and exponential-backoff retries. Jobs live in memory; what they
 * work on lives in PostgreSQL, so work interrupted by a restart is found again by its owner (e.g.
 * import jobs resume from their database row).
 */
@Injectable()
export class InlineJobQueue implements JobQueue, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly adapter = 'inline';
  private readonly logger = new Logger('InlineJobQueue');
  private readonly waiting = new Map<QueueName, InlineJob[]>(ALL_QUEUES.map((q) => [q, []]));
  private readonly active = new Map<QueueName, number>(ALL_QUEUES.map((q) => [q, 0]));
  private readonly failed = new Map<QueueName, number>(ALL_QUEUES.map((q) => [q, 0]));
  private readonly knownIds = new Set<string>();
  private readonly timers = new Map<QueueName, NodeJS.Timeout>();
  private readonly shutdown = new AbortController();
  private sequence = 0;
  private running = false;

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsWorkers(this.config)) return;
    this.running = true;
    for (const queue of ALL_QUEUES) this.pump(queue);
  }

  /** Before any module shuts down, so running jobs still have their database pool while they stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.shutdown.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while ([...this.active.values()].some((n) => n > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], options: EnqueueOptions = {}): Promise<void> {
    const id = options.jobId ?? `${queue}:${++this.sequence}`;
    if (this.knownIds.has(id)) return;
    this.knownIds.add(id);
    this.insert({
      id,
      queue,
      payload,
      attempt: 1,
      runAt: Date.now() + (options.delayMs ?? 0),
      sequence: ++this.sequence,
    });
    this.pump(queue);
  }

  async enqueueMany<Q extends QueueName>(
    queue: Q,
    jobs: readonly { payload: JobPayloads[Q]; options?: EnqueueOptions }[],
  ): Promise<void> {
    for (const job of jobs) await this.enqueue(queue, job.payload, job.options);
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const now = Date.now();
    const jobs = this.waiting.get(queue)!;
    const delayed = jobs.filter((job) => job.runAt > now).length;
    return {
      waiting: jobs.length - delayed,
      active: this.active.get(queue)!,
      delayed,
      failed: this.failed.get(queue)!,
    };
  }

  async health(): Promise<QueueHealth> {
    return { adapter: 'inline', status: 'up' };
  }

  private insert(job: InlineJob): void {
    const jobs = this.waiting.get(job.queue)!;
    let at = jobs.length;
    while (
      at > 0 &&
      (jobs[at - 1]!.runAt > job.runAt || (jobs[at - 1]!.runAt === job.runAt && jobs[at - 1]!.sequence > job.sequence))
    )
      at--;
    jobs.splice(at, 0, job);
  }

  private pump(queue: QueueName): void {
    if (!this.running || !this.handlers.has(queue)) return;
    const jobs = this.waiting.get(queue)!;
    const { concurrency } = QUEUE_SETTINGS[queue];
    const now = Date.now();
    while (this.active.get(queue)! < concurrency && jobs.length && jobs[0]!.runAt <= now) {
      void this.run(jobs.shift()!);
    }
    const next = jobs[0];
    clearTimeout(this.timers.get(queue));
    if (next && next.runAt > now) this.timers.set(queue, setTimeout(() => this.pump(queue), next.runAt - now).unref());
  }

  private async run(job: InlineJob): Promise<void> {
    const { queue } = job;
    this.active.set(queue, this.active.get(queue)! + 1);
    try {
      await this.handlers.dispatch(queue, job.payload, {
        jobId: job.id,
        attempt: job.attempt,
        signal: this.shutdown.signal,
      });
      this.knownIds.delete(job.id);
    } catch (error) {
      const { attempts, backoffMs } = QUEUE_SETTINGS[queue];
      if (job.attempt < attempts && this.running) {
        const delay = backoffMs * 2 ** (job.attempt - 1);
        this.logger.warn(
          { err: error, queue, jobId: job.id, attempt: job.attempt, retryInMs: delay },
          'job failed, will retry',
        );
        this.insert({ ...job, attempt: job.attempt + 1, runAt: Date.now() + delay, sequence: ++this.sequence });
      } else {
        this.knownIds.delete(job.id);
        this.failed.set(queue, this.failed.get(queue)! + 1);
        this.logger.error({ err: error, queue, jobId: job.id, attempt: job.attempt }, 'job failed');
      }
    } finally {
      this.active.set(queue, this.active.get(queue)! - 1);
      this.pump(queue);
    }
  }
}
