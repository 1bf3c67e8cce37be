import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handler.registry';
import { ALL_QUEUES, QUEUE_SETTINGS, type JobPayloads, type QueueName } from './queue-definitions';

/**
 * Aborted on shutdown, so long jobs stop between steps instead of holding the worker open. One per
 * application (a provider, not a module-level constant): an application started after another one
 * closed in the same process must not begin with an aborted signal.
 */
@Injectable()
export class BullmqShutdown extends AbortController {}

/**
 * One @nestjs/bullmq worker host per queue, all dispatching to the handler registry. Workers do not
 * start by themselves (autorun false): the adapter starts them only in processes whose role runs
 * workers.
 */
function createWorkerHost(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: QUEUE_SETTINGS[queue].concurrency, autorun: false })
  class QueueWorkerHost extends WorkerHost {
    constructor(
      @Inject(JobHandlerRegistry) private readonly handlers: JobHandlerRegistry,
      @Inject(BullmqShutdown) private readonly shutdown: BullmqShutdown,
    ) {
      super();
    }

    async process(job: Job<JobPayloads[QueueName]>): Promise<void> {
      await this.handlers.dispatch(queue, job.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        signal: this.shutdown.signal,
      });
    }
  }
  Object.defineProperty(QueueWorkerHost, 'name', { value: `${queue}WorkerHost` });
  return QueueWorkerHost;
}

export const WORKER_HOSTS: ReadonlyMap<QueueName, Type<WorkerHost>> = new Map(
  ALL_QUEUES.map((queue) => [queue, createWorkerHost(queue)]),
);
