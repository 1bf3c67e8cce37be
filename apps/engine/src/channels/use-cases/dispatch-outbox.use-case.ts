import type { Pool } from '@kizuna/db';
import type { MessageChannel } from '@kizuna/channels';
import { groupBy, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { JOB_QUEUE, type JobQueue } from '../../infrastructure/queue/job-queue.port';
import { SEND_QUEUES } from '../../infrastructure/queue/queue-definitions';

/** Messages per send job, per channel: what one provider call or one SMTP pool round handles well. */
const JOB_SIZE: Record<MessageChannel, number> = { email: 50, line: 500, sms: 50, dm: 1_000 };
const CLAIM_LIMIT = 5_000;
/** A claimed message not sent within this long (its worker died) is queued again. */
export const SENDING_LEASE_MS = 10 * 60_000;

/**
 * The outbox's dispatcher: claims queued messages that are due (new, or whose retry time came),
 * marks them `sending` under a lease and hands them to their channel's send queue in batches.
 * Messages whose sender died are returned to the queue when their lease runs out.
 */
@Injectable()
export class DispatchOutboxUseCase {
  private readonly logger = new Logger(DispatchOutboxUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Returns how many messages were handed on. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    await this.pool.query(
      `UPDATE message SET status = 'queued', next_attempt_at = $1, last_error = 'the sender stopped before finishing; queued again'
       WHERE status = 'sending' AND next_attempt_at < $1`,
      [now],
    );
    let total = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ id: string; channel: MessageChannel }>(
        // ARRAY(...): the due ids are found once, then each row by its key. Joined instead, a
        // planner with stale statistics (right after a burst of inserts) chose a nested loop over
        // the whole outbox per due row: 12 s for 10,000 messages instead of 0.1 s.
        `UPDATE message m SET status = 'sending', next_attempt_at = $3
         WHERE m.id = ANY(ARRAY(
           SELECT id FROM message WHERE status = 'queued' AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ))
         RETURNING m.id::text, m.channel`,
        [now, CLAIM_LIMIT, new Date(now.getTime() + SENDING_LEASE_MS)],
      );
      for (const [channel, claimed] of groupBy(rows, (row) => row.channel)) {
        const ids = claimed.map((row) => row.id);
        const size = JOB_SIZE[channel];
        const jobs = [];
        for (let start = 0; start < ids.length; start += size) {
          const chunk = ids.slice(start, start + size);
          jobs.push({
            payload: { messageIds: chunk },
            options: { jobId: `send-${channel}-${chunk[0]}-${now.getTime()}` },
          });
        }
        await this.queue.enqueueMany(SEND_QUEUES[channel], jobs);
      }
      total += rows.length;
      if (rows.length < CLAIM_LIMIT) break;
    }
    if (total) this.logger.debug({ messages: total }, 'outbox dispatched');
    return total;
  }
}
