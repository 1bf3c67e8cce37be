import type { Pool, PoolClient } from '@kizuna/db';
import type { EnrollmentPosition, HoldoutGroup } from '@kizuna/journey';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export type EnrollmentState = 'active' | 'completed' | 'converted' | 'goal-missed' | 'exited';

/** What a step reads of an enrolment (ids and times; the position's context is `visits` and `arms`). */
export interface LeasedEnrollment {
  id: string;
  workspaceId: number;
  journeyId: number;
  versionId: number;
  customerId: number;
  nodeId: string;
  arrivedAt: Date;
  wakeAt: Date | null;
  enteredAt: Date;
  holdoutGroup: HoldoutGroup | null;
  context: { visits?: Record<string, number>; arms?: Record<string, string> };
  resumedByEventId: string | null;
  resumedAt: Date | null;
  convertedGoal: string | null;
  convertedAt: Date | null;
  journeyStatus: string;
}

/** The new state of an enrolment after a step. */
export interface EnrollmentUpdate {
  id: string;
  state: EnrollmentState;
  position: EnrollmentPosition;
  waitingEvent: string | null;
  exitReason: string | null;
}

export interface StepRow {
  workspaceId: number;
  enrollmentId: string;
  versionId: number;
  fromNode: string;
  handle: string;
  toNode: string | null;
  at: Date;
  dueAt: Date | null;
}

export interface ClaimedBatch {
  token: string;
  ids: string[];
}

/** Enrolments: the claim of due ones, their reading under lease, and the write of a step's results. */
@Injectable()
export class EnrollmentRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Claims up to `limit` due enrolments of active journeys, earliest first, for `leaseMs`: rows
   * another ticker is claiming are skipped (SKIP LOCKED); a claimed row is due again when its lease
   * runs out (a killed worker, a lost job) and is then claimed with a new token, so its old job can
   * no longer move it.
   */
  async claimDue(now: Date, limit: number, leaseMs: number, token: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      // ARRAY(...): the due ids once, then each row by its key, whatever the statistics say
      // (a join planned on stale statistics can become a nested loop over every enrolment).
      `UPDATE enrollment e SET lease_token = $3, lease_until = $1::timestamptz + make_interval(secs => $4::float8 / 1000)
       WHERE e.id = ANY(ARRAY(
         SELECT d.id FROM enrollment d
         WHERE d.state = 'active' AND GREATEST(d.wake_at, d.lease_until) <= $1
           AND EXISTS (SELECT 1 FROM journey j WHERE j.id = d.journey_id AND j.status = 'active')
         ORDER BY GREATEST(d.wake_at, d.lease_until)
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED
       ))
       RETURNING e.id, e.wake_at`,
      [now, limit, token, leaseMs],
    );
    return rows.map((row) => row.id);
  }

  /** The enrolments of a batch still held by its lease, locked for the step's transaction. */
  async loadLeased(tx: PoolClient, ids: readonly string[], token: string): Promise<LeasedEnrollment[]> {
    const { rows } = await tx.query<LeasedEnrollment>(
      `SELECT e.id, e.workspace_id AS "workspaceId", e.journey_id AS "journeyId", e.version_id AS "versionId",
         e.customer_id AS "customerId", e.node_id AS "nodeId", e.arrived_at AS "arrivedAt", e.wake_at AS "wakeAt",
         e.entered_at AS "enteredAt", e.holdout_group AS "holdoutGroup", e.context,
         e.resumed_by_event_id AS "resumedByEventId", e.resumed_at AS "resumedAt",
         e.converted_goal AS "convertedGoal", e.converted_at AS "convertedAt", j.status AS "journeyStatus"
       FROM enrollment e JOIN journey j ON j.id = e.journey_id
       WHERE e.id = ANY($1::bigint[]) AND e.lease_token = $2 AND e.state = 'active'
       ORDER BY e.id
       FOR UPDATE OF e`,
      [ids, token],
    );
    return rows;
  }

  /** Writes every enrolment's new position in one statement, releasing the lease. */
  async writeUpdates(tx: PoolClient, updates: readonly EnrollmentUpdate[], now: Date): Promise<void> {
    if (!updates.length) return;
    await tx.query(
      `UPDATE enrollment e SET state = u.state, node_id = u.node_id, arrived_at = u.arrived_at, wake_at = u.wake_at,
         waiting_event = u.waiting_event, holdout_group = u.holdout_group, context = u.context,
         resumed_by_event_id = NULL, resumed_at = NULL, lease_token = NULL, lease_until = NULL,
         exited_at = CASE WHEN u.state = 'active' THEN NULL ELSE $9::timestamptz END, exit_reason = u.exit_reason
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::jsonb[], $10::text[])
         AS u(id, state, node_id, arrived_at, wake_at, waiting_event, holdout_group, context, exit_reason)
       WHERE e.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.state),
        updates.map((u) => u.position.nodeId),
        updates.map((u) => u.position.arrivedAt),
        updates.map((u) => u.position.wakeAt),
        updates.map((u) => u.waitingEvent),
        updates.map((u) => u.position.holdoutGroup),
        updates.map((u) => JSON.stringify({ visits: u.position.visits, arms: u.position.arms })),
        now,
        updates.map((u) => u.exitReason),
      ],
    );
  }

  /** Releases a lease without moving the enrolment (its journey was paused after the claim). */
  async release(tx: Queryable, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await tx.query(`UPDATE enrollment SET lease_token = NULL, lease_until = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async insertSteps(tx: PoolClient, steps: readonly StepRow[], processedAt: Date): Promise<void> {
    if (!steps.length) return;
    await tx.query(
      `INSERT INTO enrollment_step (workspace_id, enrollment_id, version_id, from_node, handle, to_node, at, due_at, processed_at)
       SELECT *, $9::timestamptz FROM unnest($1::integer[], $2::bigint[], $3::integer[], $4::text[], $5::text[], $6::text[],
         $7::timestamptz[], $8::timestamptz[])`,
      [
        steps.map((s) => s.workspaceId),
        steps.map((s) => s.enrollmentId),
        steps.map((s) => s.versionId),
        steps.map((s) => s.fromNode),
        steps.map((s) => s.handle),
        steps.map((s) => s.toNode),
        steps.map((s) => s.at),
        steps.map((s) => s.dueAt),
        processedAt,
      ],
    );
  }

  /** Makes waiting enrolments due now (an event came, a conversion happened). */
  async wake(db: Queryable, ids: readonly string[], now: Date): Promise<void> {
    if (!ids.length) return;
    await db.query(
      `UPDATE enrollment SET wake_at = LEAST(wake_at, $2) WHERE id = ANY($1::bigint[]) AND state = 'active'`,
      [ids, now],
    );
  }

  /** Per journey of the workspace: enrolments ever started and those converted (the journey list's columns). */
  async totalsByJourney(workspaceId: number): Promise<Map<number, { entered: number; converted: number }>> {
    const { rows } = await this.pool.query<{ journeyId: number; entered: number; converted: number }>(
      `SELECT journey_id AS "journeyId", count(*)::integer AS entered,
         count(*) FILTER (WHERE state = 'converted')::integer AS converted
       FROM enrollment WHERE workspace_id = $1 GROUP BY journey_id`,
      [workspaceId],
    );
    return new Map(rows.map((row) => [row.journeyId, { entered: row.entered, converted: row.converted }]));
  }

  async counts(workspaceId: number, journeyId: number): Promise<Record<EnrollmentState, number>> {
    const { rows } = await this.pool.query<{ state: EnrollmentState; count: number }>(
      `SELECT state, count(*)::integer AS count FROM enrollment WHERE workspace_id = $1 AND journey_id = $2 GROUP BY state`,
      [workspaceId, journeyId],
    );
    const counts: Record<EnrollmentState, number> = {
      active: 0,
      completed: 0,
      converted: 0,
      'goal-missed': 0,
      exited: 0,
    };
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }
}
