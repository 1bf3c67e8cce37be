import type { JobPayloads, QueueName } from './queue-definitions';

export interface EnqueueOptions {
  /** A deterministic id: adding a job whose id is already waiting or running does nothing. */
  jobId?: string;
  delayMs?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  /** Aborted when the process shuts down: long jobs stop between steps and are resumed later. */
  signal: AbortSignal;
}

export type JobHandler<Q extends QueueName> = (payload: JobPayloads[Q], context: JobContext) => Promise<void>;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueueHealth {
  adapter: 'inline' | 'bullmq';
  status: 'up' | 'down';
  detail?: string;
}

/**
 * The queue port: the same processors run on BullMQ (REDIS_URL set, any number of processes) or
 * in-process (embedded mode). PostgreSQL holds the state; a queue only carries "work on this".
 */
export interface JobQueue {
  readonly adapter: 'inline' | 'bullmq';
  enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], options?: EnqueueOptions): Promise<void>;
  /** Several jobs of one queue in one round trip (BullMQ addBulk). */
  enqueueMany<Q extends QueueName>(
    queue: Q,
    jobs: readonly { payload: JobPayloads[Q]; options?: EnqueueOptions }[],
  ): Promise<void>;
  counts(queue: QueueName): Promise<QueueCounts>;
  health(): Promise<QueueHealth>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');
