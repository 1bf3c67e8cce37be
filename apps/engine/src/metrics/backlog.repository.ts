import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';

/** Work waiting in PostgreSQL across every workspace, as a scrape reads it. */
export interface Backlog {
  /** Enrolments of active journeys that are due and not claimed by a live lease. */
  dueEnrollments: number;
  /** now - wake_at of the oldest of them, in seconds; 0 when none. */
  oldestDueEnrollmentSeconds: number;
  /** Outbox messages queued and due (new, or whose retry time came). */
  dueMessages: number;
  oldestDueMessageSeconds: number;
  importJobs: { queued: number; running: number };
}

/**
 * One statement, each part on a partial index the workers themselves use: `enrollment_due_idx`
 * (the ticker's claim predicate, so enrolments in flight are not counted as late) and
 * `message_queued_idx` (the dispatcher's). Scrape cost stays a range scan of the backlog.
 */
@Injectable()
export class BacklogRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async read(now: Date): Promise<Backlog> {
    const { rows } = await this.pool.query<{
      due_enrollments: number;
      oldest_wake_at: Date | null;
      due_messages: number;
      oldest_message_due_at: Date | null;
      imports_queued: number;
      imports_running: number;
    }>(
      `SELECT e.due_enrollments, e.oldest_wake_at, m.due_messages, m.oldest_message_due_at, i.imports_queued, i.imports_running
       FROM (SELECT count(*)::integer AS due_enrollments, min(d.wake_at) AS oldest_wake_at
             FROM enrollment d
             WHERE d.state = 'active' AND GREATEST(d.wake_at, d.lease_until) <= $1
               AND EXISTS (SELECT 1 FROM journey j WHERE j.id = d.journey_id AND j.status = 'active')) e,
            (SELECT count(*)::integer AS due_messages, min(next_attempt_at) AS oldest_message_due_at
             FROM message WHERE status = 'queued' AND next_attempt_at <= $1) m,
            (SELECT count(*) FILTER (WHERE status = 'queued')::integer AS imports_queued,
                    count(*) FILTER (WHERE status = 'running')::integer AS imports_running
             FROM import_job WHERE status IN ('queued', 'running')) i`,
      [now],
    );
    const row = rows[0]!;
    const age = (since: Date | null) => (since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0);
    return {
      dueEnrollments: row.due_enrollments,
      oldestDueEnrollmentSeconds: age(row.oldest_wake_at),
      dueMessages: row.due_messages,
      oldestDueMessageSeconds: age(row.oldest_message_due_at),
      importJobs: { queued: row.imports_queued, running: row.imports_running },
    };
  }
}
