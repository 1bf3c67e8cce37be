import type { Pool } from '@kizuna/db';
import type { SegmentRule } from '@kizuna/segments';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export interface SegmentRecord {
  id: number;
  workspaceId: number;
  name: string;
  description: string;
  definition: SegmentRule;
  refreshCron: string | null;
  memberCount: number;
  lastRefreshedAt: Date | null;
  lastRefreshMs: number | null;
  lastError: string | null;
  nextRefreshAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface NewSegment {
  name: string;
  description: string;
  definition: SegmentRule;
  refreshCron: string | null;
  nextRefreshAt: Date | null;
}

const COLUMNS = `id, workspace_id AS "workspaceId", name, description, definition, refresh_cron AS "refreshCron",
  member_count AS "memberCount", last_refreshed_at AS "lastRefreshedAt", last_refresh_ms AS "lastRefreshMs",
  last_error AS "lastError", next_refresh_at AS "nextRefreshAt", created_at AS "createdAt", updated_at AS "updatedAt",
  archived_at AS "archivedAt"`;

/** Segment definitions and their refresh bookkeeping (memberships: SegmentMembershipRepository). */
@Injectable()
export class SegmentRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(workspaceId: number, options: { includeArchived?: boolean } = {}): Promise<SegmentRecord[]> {
    const { rows } = await this.pool.query<SegmentRecord>(
      `SELECT ${COLUMNS} FROM segment WHERE workspace_id = $1 ${options.includeArchived ? '' : 'AND archived_at IS NULL'} ORDER BY id`,
      [workspaceId],
    );
    return rows;
  }

  async find(workspaceId: number, id: number, db: Queryable = this.pool): Promise<SegmentRecord | undefined> {
    const { rows } = await db.query<SegmentRecord>(
      `SELECT ${COLUMNS} FROM segment WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return rows[0];
  }

  async findByName(workspaceId: number, name: string): Promise<SegmentRecord | undefined> {
    const { rows } = await this.pool.query<SegmentRecord>(
      `SELECT ${COLUMNS} FROM segment WHERE workspace_id = $1 AND name = $2`,
      [workspaceId, name],
    );
    return rows[0];
  }

  /** Inserts, or returns undefined when the name is taken (the unique index decides, not a race-prone lookup). */
  async insert(workspaceId: number, segment: NewSegment): Promise<SegmentRecord | undefined> {
    const { rows } = await this.pool.query<SegmentRecord>(
      `INSERT INTO segment (workspace_id, name, description, definition, refresh_cron, next_refresh_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (workspace_id, name) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        workspaceId,
        segment.name,
        segment.description,
        JSON.stringify(segment.definition),
        segment.refreshCron,
        segment.nextRefreshAt,
      ],
    );
    return rows[0];
  }

  /** Returns undefined when the new name is taken by another segment. */
  async update(workspaceId: number, id: number, segment: NewSegment): Promise<SegmentRecord | undefined> {
    const { rows } = await this.pool.query<SegmentRecord>(
      `UPDATE segment SET name = $3, description = $4, definition = $5, refresh_cron = $6, next_refresh_at = $7, updated_at = now()
        WHERE workspace_id = $1 AND id = $2
          AND NOT EXISTS (SELECT 1 FROM segment o WHERE o.workspace_id = $1 AND o.name = $3 AND o.id <> $2)
        RETURNING ${COLUMNS}`,
      [
        workspaceId,
        id,
        segment.name,
        segment.description,
        JSON.stringify(segment.definition),
        segment.refreshCron,
        segment.nextRefreshAt,
      ],
    );
    return rows[0];
  }

  /**
   * Archives a segment: it stops refreshing and its current stays close (no exit is logged: the
   * customers did not leave, the segment did, and journeys must not react as if they had).
   */
  async archive(workspaceId: number, id: number, db: Queryable): Promise<void> {
    await db.query(
      `UPDATE segment SET archived_at = now(), next_refresh_at = NULL, member_count = 0, updated_at = now()
        WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    await db.query(
      'UPDATE segment_membership SET exited_at = now() WHERE workspace_id = $1 AND segment_id = $2 AND exited_at IS NULL',
      [workspaceId, id],
    );
  }

  async recordRefresh(
    db: Queryable,
    segmentId: number,
    outcome: { full: boolean; memberCount: number; tookMs: number; at: Date },
  ): Promise<void> {
    await db.query(
      `UPDATE segment SET member_count = $2, last_error = NULL,
              last_refreshed_at = CASE WHEN $3 THEN $5 ELSE last_refreshed_at END,
              last_refresh_ms = CASE WHEN $3 THEN $4 ELSE last_refresh_ms END
        WHERE id = $1`,
      [segmentId, outcome.memberCount, outcome.full, outcome.tookMs, outcome.at],
    );
  }

  async recordFailure(segmentId: number, error: string): Promise<void> {
    await this.pool.query('UPDATE segment SET last_error = $2 WHERE id = $1', [segmentId, error.slice(0, 2_000)]);
  }

  /**
   * Segments whose scheduled refresh is due, each claimed by moving its next refresh on (computed
   * by `next`): two worker processes never both claim one.
   */
  async claimDue(
    now: Date,
    next: (segment: Pick<SegmentRecord, 'refreshCron' | 'workspaceId'>) => Date | null,
  ): Promise<SegmentRecord[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<SegmentRecord>(
        `SELECT ${COLUMNS} FROM segment WHERE archived_at IS NULL AND next_refresh_at <= $1 ORDER BY next_refresh_at LIMIT 100
         FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const segment of rows) {
        await client.query('UPDATE segment SET next_refresh_at = $2 WHERE id = $1', [segment.id, next(segment)]);
      }
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
