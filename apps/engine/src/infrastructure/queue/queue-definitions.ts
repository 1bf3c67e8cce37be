/**
 * Every queue, its job payload and its worker settings, in one module that producers and
 * consumers both import (Immich's job registry). Payloads are ids, never personal data: the job
 * reads current state from PostgreSQL, the source of truth.
 */
export const QueueName = {
  Imports: 'imports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobPayloads {
  [QueueName.Imports]: { workspaceId: number; importJobId: number };
}

export interface QueueSettings {
  /** Jobs of this queue run at once in one process. */
  concurrency: number;
  /** Tries before a job is left failed (the first run included). */
  attempts: number;
  /** First retry delay; doubles each attempt (exponential backoff). */
  backoffMs: number;
}

export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  // Imports are long and I/O bound; one at a time per process keeps the database responsive.
  [QueueName.Imports]: { concurrency: 1, attempts: 3, backoffMs: 5_000 },
};

export const ALL_QUEUES = Object.values(QueueName);
