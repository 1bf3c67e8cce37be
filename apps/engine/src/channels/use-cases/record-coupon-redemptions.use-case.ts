import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../../infrastructure/database/database.tokens';

/**
 * A coupon redeemed is the answer to the message that carried it, whatever the channel (a printed
 * DM has no other response to record). Every order of the workspace whose coupon code is a sent
 * message's code, placed after the message was sent, becomes one `converted` response of that
 * message (deduplicated by order, so running it after every import records each order once).
 * Codes are compared upper-cased: they are Crockford base32, and cashiers type them in any case.
 */
@Injectable()
export class RecordCouponRedemptionsUseCase {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Returns how many redemptions were new. */
  async execute(workspaceId: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel,
         kind, at, detail, dedupe_key)
       SELECT DISTINCT ON (o.id) m.workspace_id, m.customer_id, m.id, m.enrollment_id, m.journey_id, m.version_id,
         m.node_id, m.channel, 'converted', o.ordered_at, jsonb_build_object('orderId', o.id, 'amount', o.amount, 'via', 'coupon'),
         'coupon:' || o.id
         FROM customer_order o
         JOIN message m ON m.workspace_id = o.workspace_id AND m.coupon_code = upper(o.coupon_code)
        WHERE o.workspace_id = $1 AND o.coupon_code IS NOT NULL
          AND m.status IN ('sent', 'delivered') AND o.ordered_at >= m.sent_at
        -- A code on two messages (never, by construction) credits the latest one sent before the order.
        ORDER BY o.id, m.sent_at DESC, m.id DESC
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      [workspaceId],
    );
    return rowCount ?? 0;
  }
}
