import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { ENGINE_CONFIG, runsWorkers, type EngineConfig } from '../../config/engine-config';
import { BullmqShutdown, WORKER_HOSTS } from './bullmq-worker-hosts';
import type { EnqueueOptions, JobQueue, QueueCounts, QueueHealth } from './job-queue.port';
import { QUEUE_SETTINGS, type JobPayloads, type QueueName } from './queue-definitions';

/** BullMQ on Redis: jobs survive restarts and are shared by every worker process. */
@Injectable()
export class BullmqJobQueue implements JobQueue, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly adapter = 'bullmq';

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly shutdown: BullmqShutdown,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsWorkers(this.config)) return;
    for (const host of WORKER_HOSTS.values()) {
      const { worker } = this.moduleRef.get(host, { strict: false });
      void worker.run();
    }
  }

  // Before, not on, application shutdown: @nestjs/bullmq closes the workers on shutdown, and a
  // worker's close() waits for its running jobs, which stop only once they see this abort.
  beforeApplicationShutdown(): void {
    this.shutdown.abort();
  }

  async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], options: EnqueueOptions = {}): Promise<void> {
    await this.queue(queue).add(queue, payload, this.jobOptions(queue, options));
  }

  async enqueueMany<Q extends QueueName>(
    queue: Q,
    jobs: readonly { payload: JobPayloads[Q]; options?: EnqueueOptions }[],
  ): Promise<void> {
    if (!jobs.length) return;
    await this.queue(queue).addBulk(
      jobs.map((job) => ({ name: queue, data: job.payload, opts: this.jobOptions(queue, job.options ?? {}) })),
    );
  }

  private jobOptions(queue: QueueName, options: EnqueueOptions) {
    const { attempts, backoffMs } = QUEUE_SETTINGS[queue];
    return {
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: { age: 3_600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    };
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed');
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async health(): Promise<QueueHealth> {
    try {
      // A real round trip to Redis, bounded: a health check must answer even when Redis does not.
      const roundTrip = this.queue(WORKER_HOSTS.keys().next().value!).getJobCounts('waiting');
      await Promise.race([
        roundTrip,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('Redis did not answer within 1 s')), 1_000).unref(),
        ),
      ]);
      return { adapter: 'bullmq', status: 'up' };
    } catch (error) {
      return { adapter: 'bullmq', status: 'down', detail: (error as Error).message };
    }
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
