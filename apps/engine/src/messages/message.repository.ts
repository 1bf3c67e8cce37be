import type { Pool } from '@kizuna/db';
import type { Channel } from '@kizuna/journey';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'bounced' | 'suppressed';

/** A message to put in the outbox (or record as suppressed), created in the step's transaction. */
export interface OutboxMessage {
  workspaceId: number;
  customerId: number;
  enrollmentId: string | null;
  journeyId: number | null;
  versionId: number | null;
  nodeId: string | null;
  channel: string;
  templateId: string | null;
  /** Unique per workspace: the same key is never created twice, whatever retries or crashes happen. */
  idempotencyKey: string;
  status: 'queued' | 'suppressed';
  suppressionReason: string | null;
}

export interface MessageRecord {
  id: string;
  customerId: number;
  enrollmentId: string | null;
  journeyId: number | null;
  nodeId: string | null;
  channel: string;
  templateId: string | null;
  idempotencyKey: string;
  status: MessageStatus;
  suppressionReason: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The message outbox and what delivery controls read of it. */
@Injectable()
export class MessageRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Inserts the messages whose key is new; returns how many were queued (not suppressed). */
  async insertOutbox(db: Queryable, messages: readonly OutboxMessage[], now: Date): Promise<number> {
    if (!messages.length) return 0;
    const { rows } = await db.query<{ status: string }>(
      `INSERT INTO message (workspace_id, customer_id, enrollment_id, journey_id, version_id, node_id, channel, template_id,
         idempotency_key, status, suppression_reason, next_attempt_at, created_at)
       SELECT w, c, e, j, v, n, ch, t, k, s, r, CASE WHEN s = 'queued' THEN $12::timestamptz END, $12::timestamptz
       FROM unnest($1::integer[], $2::integer[], $3::bigint[], $4::integer[], $5::integer[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[]) AS m(w, c, e, j, v, n, ch, t, k, s, r)
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
       RETURNING status`,
      [
        messages.map((m) => m.workspaceId),
        messages.map((m) => m.customerId),
        messages.map((m) => m.enrollmentId),
        messages.map((m) => m.journeyId),
        messages.map((m) => m.versionId),
        messages.map((m) => m.nodeId),
        messages.map((m) => m.channel),
        messages.map((m) => m.templateId),
        messages.map((m) => m.idempotencyKey),
        messages.map((m) => m.status),
        messages.map((m) => m.suppressionReason),
        now,
      ],
    );
    return rows.filter((row) => row.status === 'queued').length;
  }

  /** Messages created (not suppressed) per customer and channel since `since`: the frequency caps' count. */
  async recentCounts(
    db: Queryable,
    workspaceId: number,
    customerIds: readonly number[],
    since: Date,
  ): Promise<Map<number, Map<Channel, number>>> {
    const { rows } = await db.query<{ customerId: number; channel: Channel; count: number }>(
      `SELECT customer_id AS "customerId", channel, count(*)::integer AS count FROM message
       WHERE workspace_id = $1 AND customer_id = ANY($2::integer[]) AND created_at > $3 AND status <> 'suppressed'
       GROUP BY customer_id, channel`,
      [workspaceId, customerIds, since],
    );
    const counts = new Map<number, Map<Channel, number>>();
    for (const row of rows) {
      if (!counts.has(row.customerId)) counts.set(row.customerId, new Map());
      counts.get(row.customerId)!.set(row.channel, row.count);
    }
    return counts;
  }

  async listForJourney(workspaceId: number, journeyId: number, limit = 1000): Promise<MessageRecord[]> {
    const { rows } = await this.pool.query<MessageRecord>(
      `SELECT id, customer_id AS "customerId", enrollment_id AS "enrollmentId", journey_id AS "journeyId", node_id AS "nodeId",
         channel, template_id AS "templateId", idempotency_key AS "idempotencyKey", status,
         suppression_reason AS "suppressionReason", created_at AS "createdAt", delivered_at AS "deliveredAt"
       FROM message WHERE workspace_id = $1 AND journey_id = $2 ORDER BY id LIMIT $3`,
      [workspaceId, journeyId, limit],
    );
    return rows;
  }
}
