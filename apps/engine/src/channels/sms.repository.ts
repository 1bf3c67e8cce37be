import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export interface SmsMessageRef {
  id: string;
  customerId: number;
  status: string;
}

/** What SMS delivery and Twilio's webhooks read and write: settings by account, messages, phone identities, consent. */
@Injectable()
export class SmsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The workspaces whose SMS settings name this Twilio account (one account may serve several). */
  async workspacesForAccount(accountSid: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ workspaceId: number }>(
      `SELECT workspace_id AS "workspaceId" FROM channel_settings
        WHERE channel = 'sms' AND public->>'accountSid' = $1 ORDER BY workspace_id`,
      [accountSid],
    );
    return rows.map((row) => row.workspaceId);
  }

  /**
   * The message a status callback is about. Our callback URL carries the message id, so the lookup
   * is by primary key; Twilio's sid must agree once it is stored. Without the id (a callback URL set
   * on the Twilio side), by sid alone.
   */
  async messageForStatus(
    workspaceId: number,
    sid: string,
    messageId: string | null,
  ): Promise<SmsMessageRef | undefined> {
    const { rows } = messageId
      ? await this.pool.query<SmsMessageRef>(
          `SELECT id::text, customer_id AS "customerId", status FROM message
            WHERE workspace_id = $1 AND id = $2 AND channel = 'sms' AND (provider_message_id IS NULL OR provider_message_id = $3)`,
          [workspaceId, messageId, sid],
        )
      : await this.pool.query<SmsMessageRef>(
          `SELECT id::text, customer_id AS "customerId", status FROM message
            WHERE workspace_id = $1 AND channel = 'sms' AND provider_message_id = $2 ORDER BY id DESC LIMIT 1`,
          [workspaceId, sid],
        );
    return rows[0];
  }

  /**
   * Delivered: a sent message becomes delivered. A callback that overtakes the sender's own record
   * (status still 'sending') only leaves the time; the sender then records it as sent.
   */
  async markDelivered(workspaceId: number, messageId: string, at: Date, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `UPDATE message SET delivered_at = COALESCE(delivered_at, $3),
         status = CASE WHEN status = 'sent' THEN 'delivered' ELSE status END
       WHERE workspace_id = $1 AND id = $2 AND status IN ('sending', 'sent', 'delivered')`,
      [workspaceId, messageId, at],
    );
  }

  /** Undelivered or failed after it was accepted: the message ends bounced or failed, with Twilio's error code. */
  async markUndelivered(
    workspaceId: number,
    messageId: string,
    status: 'bounced' | 'failed',
    error: string,
    db: Queryable = this.pool,
  ): Promise<void> {
    await db.query(
      `UPDATE message SET status = $3, last_error = $4 WHERE workspace_id = $1 AND id = $2 AND status = 'sent'`,
      [workspaceId, messageId, status, error],
    );
  }

  /** The active customer with this E.164 number. */
  async customerByPhone(workspaceId: number, phone: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ id: number }>(
      `SELECT c.id FROM customer_identity i JOIN customer c ON c.id = i.customer_id
        WHERE i.workspace_id = $1 AND i.kind = 'phone' AND i.value = $2 AND c.status = 'active'
        ORDER BY i.id DESC LIMIT 1`,
      [workspaceId, phone],
    );
    return rows[0]?.id;
  }

  /** The latest SMS sent to this customer at this number: what a reply answers. */
  async latestSentTo(workspaceId: number, customerId: number, phone: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id::text FROM message
        WHERE workspace_id = $1 AND customer_id = $2 AND channel = 'sms' AND recipient = $3 AND sent_at IS NOT NULL
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [workspaceId, customerId, phone],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Records an SMS consent decision unless it is already the current one (a STOP sent twice, or a
   * webhook delivered twice, adds no row). Returns whether the consent changed.
   */
  async recordConsent(
    workspaceId: number,
    customerId: number,
    status: 'granted' | 'revoked',
    source: string,
    at: Date,
    db: Queryable = this.pool,
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT $1, $2, 'sms', $3::consent_status, $4, $5
        WHERE (SELECT status FROM consent WHERE workspace_id = $1 AND customer_id = $2 AND channel = 'sms'
                ORDER BY recorded_at DESC, id DESC LIMIT 1) IS DISTINCT FROM $3::consent_status
       ON CONFLICT DO NOTHING`,
      [workspaceId, customerId, status, source, at],
    );
    return (rowCount ?? 0) > 0;
  }
}
