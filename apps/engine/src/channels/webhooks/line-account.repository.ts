import type { Pool } from '@kizuna/db';
import type { IdentityClaim } from '@kizuna/ingest';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import type { Queryable } from '../../infrastructure/database/transaction';

/** A LINE message Kizuna sent, as a webhook event refers to it. */
export interface SentLineMessage {
  id: string;
  customerId: number;
}

/**
 * What the LINE webhook and account linking read and write: identities, LINE consent, the LINE
 * messages a reply or tap answers, link nonces. Every method is scoped to a workspace.
 */
@Injectable()
export class LineAccountRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The workspace a webhook URL names (by slug). */
  async workspaceIdBySlug(slug: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ id: number }>('SELECT id FROM workspace WHERE slug = $1', [slug]);
    return rows[0]?.id;
  }

  /** The customer owning an identity (identities always belong to an active customer: merges move them). */
  async ownerOf(
    workspaceId: number,
    kind: IdentityClaim['kind'],
    value: string,
    db: Queryable = this.pool,
  ): Promise<number | undefined> {
    const { rows } = await db.query<{ customerId: number }>(
      `SELECT customer_id AS "customerId" FROM customer_identity
        WHERE workspace_id = $1 AND kind = $2::identity_kind AND source = '' AND value = $3`,
      [workspaceId, kind, value],
    );
    return rows[0]?.customerId;
  }

  /** The customer's identities, LINE ids last (to tell a LINE-only record from a known member). */
  async identities(workspaceId: number, customerId: number, db: Queryable = this.pool): Promise<IdentityClaim[]> {
    const { rows } = await db.query<IdentityClaim>(
      `SELECT kind::text AS kind, source, value FROM customer_identity
        WHERE workspace_id = $1 AND customer_id = $2 ORDER BY (kind = 'line'), id`,
      [workspaceId, customerId],
    );
    return rows;
  }

  /** A consent change at the time LINE reports it; the same event recorded twice is one row. Returns whether it was new. */
  async recordLineConsent(
    workspaceId: number,
    customerId: number,
    status: 'granted' | 'revoked',
    source: string,
    at: Date,
    db: Queryable = this.pool,
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       VALUES ($1, $2, 'line', $3::consent_status, $4, $5) ON CONFLICT DO NOTHING`,
      [workspaceId, customerId, status, source, at],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The last LINE message sent to the customer at or before `at` (what a reply answers). */
  async latestLineMessage(
    workspaceId: number,
    customerId: number,
    at: Date,
    db: Queryable = this.pool,
  ): Promise<SentLineMessage | undefined> {
    const { rows } = await db.query<SentLineMessage>(
      `SELECT id::text, customer_id AS "customerId" FROM message
        WHERE workspace_id = $1 AND channel = 'line' AND status IN ('sent', 'delivered') AND sent_at <= $3
          -- Messages stay with a merged record: those sent to records merged into this one count too.
          AND customer_id IN (SELECT $2::int UNION ALL SELECT id FROM customer WHERE workspace_id = $1 AND merged_into_id = $2)
        ORDER BY sent_at DESC, id DESC LIMIT 1`,
      [workspaceId, customerId, at],
    );
    return rows[0];
  }

  /** A LINE message by id, only if it went to this LINE user (a postback cannot claim someone else's message). */
  async lineMessageTo(
    workspaceId: number,
    messageId: string,
    lineUserId: string,
    db: Queryable = this.pool,
  ): Promise<SentLineMessage | undefined> {
    const { rows } = await db.query<SentLineMessage>(
      `SELECT id::text, customer_id AS "customerId" FROM message
        WHERE workspace_id = $1 AND id = $2 AND channel = 'line' AND recipient = $3`,
      [workspaceId, messageId, lineUserId],
    );
    return rows[0];
  }

  /** The customer (followed to the record it was merged into), if it is in the workspace. */
  async currentCustomer(
    workspaceId: number,
    customerId: number,
    db: Queryable = this.pool,
  ): Promise<number | undefined> {
    const { rows } = await db.query<{ id: number }>(
      `SELECT COALESCE(merged_into_id, id) AS id FROM customer WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, customerId],
    );
    return rows[0]?.id;
  }

  /** Stores a nonce; expired ones of the workspace are cleared on the way. */
  async createLinkNonce(
    workspaceId: number,
    customerId: number,
    nonce: string,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    await this.pool.query(`DELETE FROM line_link_nonce WHERE workspace_id = $1 AND expires_at < $2`, [
      workspaceId,
      now,
    ]);
    await this.pool.query(
      `INSERT INTO line_link_nonce (nonce, workspace_id, customer_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [nonce, workspaceId, customerId, expiresAt],
    );
  }

  /** Uses a nonce up (once): the customer it was issued for, if it exists and has not expired. */
  async consumeLinkNonce(
    workspaceId: number,
    nonce: string,
    now: Date,
    db: Queryable = this.pool,
  ): Promise<number | undefined> {
    const { rows } = await db.query<{ customerId: number; expiresAt: Date }>(
      `DELETE FROM line_link_nonce WHERE workspace_id = $1 AND nonce = $2
       RETURNING customer_id AS "customerId", expires_at AS "expiresAt"`,
      [workspaceId, nonce],
    );
    const row = rows[0];
    return row && row.expiresAt > now ? row.customerId : undefined;
  }
}
