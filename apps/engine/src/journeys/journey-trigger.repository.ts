import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export type TriggerKind = 'segment-entry' | 'segment-exit' | 'event' | 'schedule' | 'date-relative';

export interface JourneyTriggerRecord {
  id: number;
  workspaceId: number;
  journeyId: number;
  versionId: number;
  nodeId: string;
  kind: TriggerKind;
  segmentId: number | null;
  eventName: string | null;
  cursor: string;
  nextRunAt: Date | null;
  scannedUntil: string | null;
}

export interface NewTrigger {
  nodeId: string;
  kind: TriggerKind;
  segmentId: number | null;
  eventName: string | null;
  cursor: string;
  nextRunAt: Date | null;
}

const COLUMNS = `t.id, t.workspace_id AS "workspaceId", t.journey_id AS "journeyId", t.version_id AS "versionId",
  t.node_id AS "nodeId", t.kind, t.segment_id AS "segmentId", t.event_name AS "eventName", t.cursor::text AS cursor,
  t.next_run_at AS "nextRunAt", to_char(t.scanned_until, 'YYYY-MM-DD') AS "scannedUntil"`;

/** The triggers of published versions and their progress. */
@Injectable()
export class JourneyTriggerRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The triggers that enrol now: of the current version of each active journey. */
  async listActive(workspaceId: number | null, kinds: readonly TriggerKind[]): Promise<JourneyTriggerRecord[]> {
    const { rows } = await this.pool.query<JourneyTriggerRecord>(
      `SELECT ${COLUMNS} FROM journey_trigger t JOIN journey j ON j.id = t.journey_id
       WHERE t.active AND j.status = 'active' AND t.version_id = j.current_version_id AND t.kind = ANY($2::text[])
         AND ($1::integer IS NULL OR t.workspace_id = $1)
       ORDER BY t.id`,
      [workspaceId, kinds],
    );
    return rows;
  }

  async listForVersion(db: Queryable, versionId: number): Promise<JourneyTriggerRecord[]> {
    const { rows } = await db.query<JourneyTriggerRecord>(
      `SELECT ${COLUMNS} FROM journey_trigger t WHERE t.version_id = $1`,
      [versionId],
    );
    return rows;
  }

  /** Locks one trigger for a pass; undefined when another process is running it (it will catch up). */
  async lock(db: Queryable, id: number): Promise<JourneyTriggerRecord | undefined> {
    const { rows } = await db.query<JourneyTriggerRecord>(
      `SELECT ${COLUMNS} FROM journey_trigger t WHERE t.id = $1 AND t.active FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return rows[0];
  }

  /** Replaces the journey's triggers with a new version's (older versions' stop enrolling). */
  async replace(
    db: Queryable,
    workspaceId: number,
    journeyId: number,
    versionId: number,
    triggers: readonly NewTrigger[],
  ): Promise<void> {
    await db.query(`UPDATE journey_trigger SET active = false WHERE journey_id = $1`, [journeyId]);
    for (const trigger of triggers) {
      await db.query(
        `INSERT INTO journey_trigger (workspace_id, journey_id, version_id, node_id, kind, segment_id, event_name, cursor, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          workspaceId,
          journeyId,
          versionId,
          trigger.nodeId,
          trigger.kind,
          trigger.segmentId,
          trigger.eventName,
          trigger.cursor,
          trigger.nextRunAt,
        ],
      );
    }
  }

  async setProgress(
    db: Queryable,
    id: number,
    progress: { cursor?: string; nextRunAt?: Date | null; scannedUntil?: string },
  ): Promise<void> {
    await db.query(
      `UPDATE journey_trigger SET cursor = COALESCE($2::bigint, cursor),
         next_run_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE next_run_at END,
         scanned_until = COALESCE($5::date, scanned_until)
       WHERE id = $1`,
      [
        id,
        progress.cursor ?? null,
        progress.nextRunAt !== undefined,
        progress.nextRunAt ?? null,
        progress.scannedUntil ?? null,
      ],
    );
  }

  /** The newest segment change and event ids: where a new trigger starts reading. */
  async heads(db: Queryable, workspaceId: number): Promise<{ segmentChange: string; event: string }> {
    const { rows } = await db.query<{ segmentChange: string; event: string }>(
      `SELECT COALESCE((SELECT max(id) FROM segment_change WHERE workspace_id = $1), 0)::text AS "segmentChange",
              COALESCE((SELECT max(id) FROM event), 0)::text AS event`,
      [workspaceId],
    );
    return rows[0]!;
  }
}
