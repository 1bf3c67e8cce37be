import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';

/** A DM piece planned into a parcel, with the parcel's numbers (`rendered` is validated by the reader). */
export interface PackageInsertRecord {
  shipmentId: number;
  shipmentNo: string;
  orderNo: string;
  carrier: string | null;
  trackingNo: string | null;
  customerId: number;
  messageId: string;
  rendered: unknown;
}

/** Shipments (s, with o their order) of workspace $1... */
const SHIPMENTS = `shipment s
  JOIN customer_order o ON o.id = s.order_id AND o.workspace_id = s.workspace_id
  JOIN workspace w ON w.id = s.workspace_id`;
/** ...whose `shipped_at` falls on local date $2 (the day's shipping plan, imported as shipments). */
const OF_THE_DAY = `s.workspace_id = $1
  AND s.shipped_at >= ($2::date::timestamp AT TIME ZONE w.timezone)
  AND s.shipped_at < (($2::date + 1)::timestamp AT TIME ZONE w.timezone)`;

/**
 * Package inserts (同梱): DM pieces that ride in a parcel leaving that day instead of going by post.
 * Planning moves them out of their open DM batch (its count goes down) and notes the parcel on the
 * message's `rendered` (`packageInsert: {date, shipmentId}`), which the packing list reads.
 */
@Injectable()
export class PackageInsertRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * For every customer with a parcel leaving on `date` (not yet delivered), their sent DM pieces
   * still waiting in an open batch go in their first parcel of the day. Returns how many moved.
   */
  async plan(workspaceId: number, date: string): Promise<number> {
    return withTransaction(this.pool, async (db) => {
      // Locks the pieces and their batches: an export of the same batch waits, or is waited for
      // (then its pieces are no longer in an open batch and stay in the print file).
      const { rows } = await db.query<{ messageId: string; batchId: number; shipmentId: number }>(
        `SELECT m.id::text AS "messageId", m.dm_batch_id AS "batchId", p.shipment_id AS "shipmentId"
           FROM (SELECT DISTINCT ON (o.customer_id) o.customer_id, s.id AS shipment_id
                   FROM ${SHIPMENTS} WHERE ${OF_THE_DAY} AND s.delivered_at IS NULL
                  ORDER BY o.customer_id, s.shipped_at, s.id) p
           JOIN message m ON m.workspace_id = $1 AND m.customer_id = p.customer_id AND m.channel = 'dm' AND m.status = 'sent'
           JOIN dm_batch b ON b.id = m.dm_batch_id AND b.workspace_id = $1 AND b.status = 'open'
          ORDER BY b.id, m.id
          FOR UPDATE OF m, b`,
        [workspaceId, date],
      );
      if (!rows.length) return 0;
      const perBatch = new Map<number, number>();
      for (const row of rows) perBatch.set(row.batchId, (perBatch.get(row.batchId) ?? 0) + 1);
      await db.query(
        `UPDATE dm_batch b SET item_count = b.item_count - u.moved
           FROM unnest($2::integer[], $3::integer[]) AS u(id, moved) WHERE b.workspace_id = $1 AND b.id = u.id`,
        [workspaceId, [...perBatch.keys()], [...perBatch.values()]],
      );
      await db.query(
        `UPDATE message m SET dm_batch_id = NULL,
           rendered = m.rendered || jsonb_build_object('packageInsert', jsonb_build_object('date', $2::text, 'shipmentId', u.shipment_id))
           FROM unnest($3::bigint[], $4::integer[]) AS u(id, shipment_id) WHERE m.workspace_id = $1 AND m.id = u.id`,
        [workspaceId, date, rows.map((r) => r.messageId), rows.map((r) => r.shipmentId)],
      );
      return rows.length;
    });
  }

  /** The pieces planned into the parcels leaving on `date`. */
  async list(workspaceId: number, date: string): Promise<PackageInsertRecord[]> {
    const { rows } = await this.pool.query<PackageInsertRecord>(
      `SELECT s.id AS "shipmentId", s.external_id AS "shipmentNo", o.external_id AS "orderNo", s.carrier,
         s.tracking_no AS "trackingNo", m.customer_id AS "customerId", m.id::text AS "messageId", m.rendered
         FROM ${SHIPMENTS}
         JOIN message m ON m.workspace_id = s.workspace_id AND m.customer_id = o.customer_id AND m.channel = 'dm'
          AND m.dm_batch_id IS NULL AND m.rendered -> 'packageInsert' ->> 'shipmentId' = s.id::text
        WHERE ${OF_THE_DAY}`,
      [workspaceId, date],
    );
    return rows;
  }
}
