/**
 * Every queue, its job payload and its worker settings, in one module that producers and
 * consumers both import (Immich's job registry). Payloads are ids, never personal data: the job
 * reads current state from PostgreSQL, the source of truth.
 */
export const QueueName = {
  Imports: 'imports',
  Segments: 'segments',
  Analytics: 'analytics',
  JourneySteps: 'journey-steps',
  Messages: 'messages',
  SendEmail: 'send-email',
  SendLine: 'send-line',
  SendSms: 'send-sms',
  SendDm: 'send-dm',
  Scoring: 'scoring',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobPayloads {
  [QueueName.Imports]: { workspaceId: number; importJobId: number };
  /**
   * Refresh a segment: in full, or only for `customerIds` (the customers an event or a change
   * concerned). `requestedAt` (ISO): a full refresh already done since then makes this one moot.
   */
  [QueueName.Segments]: {
    workspaceId: number;
    segmentId: number;
    customerIds?: number[];
    requestedAt: string;
    reason: string;
  };
  /** Recompute a workspace's analytics (skipped when a refresh finished after `requestedAt`). */
  [QueueName.Analytics]: { workspaceId: number; requestedAt: string; reason: string };
  /** Move these claimed enrolments (ids as strings: bigint); only while `leaseToken` still holds them. */
  [QueueName.JourneySteps]: { enrollmentIds: string[]; leaseToken: string };
  /** Hand queued outbox messages to the channel queues. */
  [QueueName.Messages]: { requestedAt: string };
  /** Send these outbox messages (claimed by the dispatcher: status 'sending'). */
  [QueueName.SendEmail]: { messageIds: string[] };
  [QueueName.SendLine]: { messageIds: string[] };
  [QueueName.SendSms]: { messageIds: string[] };
  [QueueName.SendDm]: { messageIds: string[] };
  /** Fit a scoring model (repeat_purchase, propensity_<channel>, affinity); skipped when a fit finished after `requestedAt`. */
  [QueueName.Scoring]: { workspaceId: number; model: string; requestedAt: string; reason: string };
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
  // Refreshes are short set-based statements; two at a time keep event-driven updates flowing
  // while a full refresh runs. Refreshes of one segment serialise on an advisory lock.
  [QueueName.Segments]: { concurrency: 2, attempts: 3, backoffMs: 2_000 },
  // A refresh rewrites every customer's figures: one at a time per process.
  [QueueName.Analytics]: { concurrency: 1, attempts: 2, backoffMs: 30_000 },
  // Each job is one transaction over a batch of enrolments; a few at once keep both cores and the
  // database busy. A failed batch is retried; a batch whose lease moved on does nothing.
  [QueueName.JourneySteps]: { concurrency: 4, attempts: 5, backoffMs: 500 },
  [QueueName.Messages]: { concurrency: 1, attempts: 3, backoffMs: 1_000 },
  // Sends wait on providers, not on the CPU: several batches at once. A provider failure is
  // handled per message (retry later or bounce), so a job fails only when PostgreSQL does.
  [QueueName.SendEmail]: { concurrency: 8, attempts: 5, backoffMs: 1_000 },
  [QueueName.SendLine]: { concurrency: 4, attempts: 5, backoffMs: 1_000 },
  [QueueName.SendSms]: { concurrency: 4, attempts: 5, backoffMs: 1_000 },
  [QueueName.SendDm]: { concurrency: 1, attempts: 5, backoffMs: 1_000 },
  // A fit holds a million rows in memory and both cores for seconds: one at a time per process.
  [QueueName.Scoring]: { concurrency: 1, attempts: 2, backoffMs: 30_000 },
};

/** The queue that sends each channel's messages. */
export const SEND_QUEUES = {
  email: QueueName.SendEmail,
  line: QueueName.SendLine,
  sms: QueueName.SendSms,
  dm: QueueName.SendDm,
} as const;

export const ALL_QUEUES = Object.values(QueueName);
