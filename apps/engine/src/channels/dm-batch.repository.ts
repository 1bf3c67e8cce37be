import { groupBy } from '@kizuna/shared';
import type { Pool, PoolClient } from '@kizuna/db';
import { batchDayFor, DmPieceSchema, type DmBatchDay, type DmPiece } from '@kizuna/channels';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction, type Queryable } from '../infrastructure/database/transaction';

export interface DmBatch {
  id: number;
  journeyId: number | null;
  nodeId: string | null;
  sendDate: string;
  status: 'open' | 'exported';
  itemCount: number;
  checksum: string | null;
  createdAt: Date;
  exportedAt: Date | null;
}

/** A piece to collect: the message, the journey step it came from and what it prints. */
export interface DmBatchEntry {
  messageId: string;
  journeyId: number | null;
  nodeId: string | null;
  piece: DmPiece;
}

export interface Collected {
  batchId: number;
  piece: DmPiece;
}

/** A message of a batch as the print file needs it (`rendered` is validated by the reader). */
export interface DmBatchMessage {
  messageId: string;
  customerId: number;
  rendered: unknown;
}

const BATCH_COLUMNS = `id, journey_id AS "journeyId", node_id AS "nodeId", send_date::text AS "sendDate", status,
  item_count AS "itemCount", checksum, created_at AS "createdAt", exported_at AS "exportedAt"`;

/** Advisory lock class of "collecting into a step's DM batch" (the second key is the step's hash). */
const DM_BATCH_LOCK = 0x444d42; // "DMB"

/**
 * Direct-mail batches: one per journey step and local send date, collecting pieces until exported.
 * Collecting is race-safe: a transaction-scoped advisory lock per step serialises the creation of a
 * step's batch (the unique index cannot, since journey and node may be NULL and NULLs are distinct),
 * and joining re-checks `status = 'open'` under the row lock the export takes too.
 */
@Injectable()
export class DmBatchRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Puts each message in its step's open batch of the local day, creating it if needed, and stores
   * its piece on the message in the same transaction (so an export sees every piece it counts). A
   * message already in a batch (a retried send) stays there with the piece it had. Returns each
   * message's batch and piece.
   */
  async collect(workspaceId: number, now: Date, entries: readonly DmBatchEntry[]): Promise<Map<string, Collected>> {
    if (!entries.length) return new Map();
    return withTransaction(this.pool, async (db) => {
      const { rows: locked } = await db.query<{ id: string; dmBatchId: number | null; rendered: unknown }>(
        `SELECT id::text, dm_batch_id AS "dmBatchId", rendered FROM message
          WHERE workspace_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR UPDATE`,
        [workspaceId, entries.map((e) => e.messageId)],
      );
      const entryOf = new Map(entries.map((e) => [e.messageId, e]));
      const collected = new Map<string, Collected>();
      for (const row of locked) {
        if (row.dmBatchId === null) continue;
        const stored = DmPieceSchema.safeParse(row.rendered);
        const piece = stored.success ? stored.data : entryOf.get(row.id)!.piece;
        collected.set(row.id, { batchId: row.dmBatchId, piece });
      }
      const lockedIds = new Set(locked.map((row) => row.id));
      const fresh = entries.filter((e) => lockedIds.has(e.messageId) && !collected.has(e.messageId));
      if (!fresh.length) return collected;

      const { rows: dates } = await db.query<{ today: string }>(
        `SELECT ($2::timestamptz AT TIME ZONE timezone)::date::text AS today FROM workspace WHERE id = $1`,
        [workspaceId, now],
      );
      const today = dates[0]!.today;
      const steps = groupBy(fresh, (entry) => `${entry.journeyId ?? ''}:${entry.nodeId ?? ''}`);
      // Steps in one order in every transaction: two senders never wait on each other's locks in a cycle.
      for (const [key, group] of [...steps].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DM_BATCH_LOCK, `${workspaceId}:${key}`]);
        const { journeyId, nodeId } = group[0]!;
        const batchId = await this.join(db, workspaceId, journeyId, nodeId, today, group.length, now);
        for (const entry of group) collected.set(entry.messageId, { batchId, piece: entry.piece });
      }
      await db.query(
        `UPDATE message m SET dm_batch_id = u.batch_id, rendered = u.rendered
           FROM unnest($2::bigint[], $3::integer[], $4::jsonb[]) AS u(id, batch_id, rendered)
          WHERE m.workspace_id = $1 AND m.id = u.id`,
        [
          workspaceId,
          fresh.map((e) => e.messageId),
          fresh.map((e) => collected.get(e.messageId)!.batchId),
          fresh.map((e) => JSON.stringify(e.piece)),
        ],
      );
      return collected;
    });
  }

  /** Adds `count` pieces to the step's batch of `today` or the next open day (see `batchDayFor`). */
  private async join(
    db: PoolClient,
    workspaceId: number,
    journeyId: number | null,
    nodeId: string | null,
    today: string,
    count: number,
    now: Date,
  ): Promise<number> {
    // A second round only when an export took the chosen batch between the read and the update.
    for (let round = 0; round < 5; round++) {
      const { rows } = await db.query<DmBatchDay>(
        `SELECT id, send_date::text AS "sendDate", status FROM dm_batch
          WHERE workspace_id = $1 AND journey_id IS NOT DISTINCT FROM $2 AND node_id IS NOT DISTINCT FROM $3
            AND send_date >= $4::date
          ORDER BY send_date`,
        [workspaceId, journeyId, nodeId, today],
      );
      const day = batchDayFor(today, rows);
      const { rows: joined } =
        'batchId' in day
          ? await db.query<{ id: number }>(
              `UPDATE dm_batch SET item_count = item_count + $2 WHERE id = $1 AND status = 'open' RETURNING id`,
              [day.batchId, count],
            )
          : await db.query<{ id: number }>(
              `INSERT INTO dm_batch (workspace_id, journey_id, node_id, send_date, item_count, created_at)
               VALUES ($1, $2, $3, $4::date, $5, $6)
               ON CONFLICT DO NOTHING RETURNING id`,
              [workspaceId, journeyId, nodeId, day.create, count, now],
            );
      if (joined[0]) return joined[0].id;
    }
    throw new Error(`no open DM batch for journey ${journeyId ?? '-'} node ${nodeId ?? '-'}`);
  }

  async list(
    workspaceId: number,
    filter: { status?: 'open' | 'exported'; journeyId?: number; limit: number },
  ): Promise<DmBatch[]> {
    const { rows } = await this.pool.query<DmBatch>(
      `SELECT ${BATCH_COLUMNS} FROM dm_batch
        WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::integer IS NULL OR journey_id = $3)
        ORDER BY send_date DESC, id DESC LIMIT $4`,
      [workspaceId, filter.status ?? null, filter.journeyId ?? null, filter.limit],
    );
    return rows;
  }

  /** The batch, row-locked for the rest of the transaction (collecting into it waits). */
  async lock(db: Queryable, workspaceId: number, batchId: number): Promise<DmBatch | null> {
    const { rows } = await db.query<DmBatch>(
      `SELECT ${BATCH_COLUMNS} FROM dm_batch WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, batchId],
    );
    return rows[0] ?? null;
  }

  async find(workspaceId: number, batchId: number): Promise<DmBatch | null> {
    const { rows } = await this.pool.query<DmBatch>(
      `SELECT ${BATCH_COLUMNS} FROM dm_batch WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, batchId],
    );
    return rows[0] ?? null;
  }

  async messages(workspaceId: number, batchId: number, db: Queryable = this.pool): Promise<DmBatchMessage[]> {
    const { rows } = await db.query<DmBatchMessage>(
      `SELECT id::text AS "messageId", customer_id AS "customerId", rendered FROM message
        WHERE workspace_id = $1 AND dm_batch_id = $2 AND channel = 'dm'`,
      [workspaceId, batchId],
    );
    return rows;
  }

  /** Marks an open batch handed to print, with the checksum of the file that was handed over. */
  async markExported(db: Queryable, workspaceId: number, batchId: number, checksum: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE dm_batch SET status = 'exported', exported_at = $3, checksum = $4
        WHERE workspace_id = $1 AND id = $2 AND status = 'open'`,
      [workspaceId, batchId, at, checksum],
    );
  }

  transaction<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }
}
