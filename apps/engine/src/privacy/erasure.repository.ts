import { Injectable } from '@nestjs/common';
import type { Queryable } from '../infrastructure/database/transaction';

/** Response detail keys that carry no personal data (amounts, attribution, delivery status, the link). */
const RESPONSE_DETAIL_KEPT = ['orderId', 'eventId', 'amount', 'via', 'event', 'status', 'errorCode', 'url'];
const CONSENT_CHANNELS = ['email', 'line', 'sms', 'dm'];

export interface ErasureCounts {
  records: number;
  identities: number;
  events: number;
  messages: number;
  responses: number;
  merges: number;
  importRejections: number;
}

/**
 * The column-by-column erasure decided in docs/adr/0014-personal-data-erasure.md. Every statement
 * takes the workspace and the customer's record ids (the customer and the records merged into it).
 */
@Injectable()
export class ErasureRepository {
  async lockCustomers(
    db: Queryable,
    workspaceId: number,
    customerId: number,
  ): Promise<{ id: number; status: string; erasedAt: Date | null }[]> {
    // The identity lock: an import resolving this customer's email now waits, then finds no identity.
    await db.query("SELECT pg_advisory_xact_lock(hashtext('kizuna:identity'), $1)", [workspaceId]);
    const { rows } = await db.query<{ id: number; status: string; erasedAt: Date | null }>(
      `SELECT id, status::text, erased_at AS "erasedAt" FROM customer
        WHERE workspace_id = $1 AND (id = $2 OR merged_into_id = $2) ORDER BY id FOR UPDATE`,
      [workspaceId, customerId],
    );
    return rows;
  }

  /**
   * What finds the customer in free text that is linked to no customer (rejected import rows):
   * emails and LINE ids as stored, and phone numbers as digits in the national and international
   * forms (a file writes 090-1234-5678 or +81 90 1234 5678; both read 09012345678 or 819012345678
   * without separators). Member numbers and external ids are too short to search for safely.
   */
  async searchableIdentities(
    db: Queryable,
    workspaceId: number,
    ids: readonly number[],
  ): Promise<{ texts: string[]; digits: string[] }> {
    const { rows } = await db.query<{ kind: string; value: string }>(
      `SELECT DISTINCT kind::text, value FROM customer_identity
        WHERE workspace_id = $1 AND customer_id = ANY($2::int[]) AND kind IN ('email', 'line', 'phone')`,
      [workspaceId, ids],
    );
    const texts = rows.filter((row) => row.kind !== 'phone').map((row) => row.value.toLowerCase());
    const digits = rows
      .filter((row) => row.kind === 'phone')
      .flatMap((row) => {
        const international = row.value.replace(/\D/g, '');
        return international.startsWith('81') ? [international, `0${international.slice(2)}`] : [international];
      });
    return { texts, digits };
  }

  async erase(
    db: Queryable,
    workspaceId: number,
    customerId: number,
    ids: readonly number[],
    searchable: { texts: readonly string[]; digits: readonly string[] },
    now: Date,
  ): Promise<ErasureCounts> {
    const params = [workspaceId, ids];
    const count = async (sql: string, extra: unknown[] = []) =>
      (await db.query(sql, [...params, ...extra])).rowCount ?? 0;

    const identities = await count(
      'DELETE FROM customer_identity WHERE workspace_id = $1 AND customer_id = ANY($2::int[])',
    );
    const records = await count(
      `UPDATE customer SET family_name = NULL, given_name = NULL, family_name_kana = NULL, given_name_kana = NULL,
              gender = NULL, birth_date = NULL, postal_code = NULL, prefecture = NULL, city = NULL,
              address_line1 = NULL, address_line2 = NULL, attributes = '{}', erased_at = $3, updated_at = $3
        WHERE workspace_id = $1 AND id = ANY($2::int[])`,
      [now],
    );
    const merges = await count(
      `UPDATE merge_log SET reason = '{"erased": true}', survivor_snapshot = '{"erased": true}', merged_snapshot = '{"erased": true}'
        WHERE workspace_id = $1 AND (survivor_id = ANY($2::int[]) OR merged_id = ANY($2::int[]))`,
    );
    // Numbers and booleans stay (amounts, quantities, flags feed segments and reports); text may name them.
    const events = await count(
      `UPDATE event SET properties = (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb)
                                        FROM jsonb_each(event.properties) WHERE jsonb_typeof(value) IN ('number', 'boolean'))
        WHERE workspace_id = $1 AND customer_id = ANY($2::int[])`,
    );
    await count(
      `UPDATE shipment s SET tracking_no = NULL FROM customer_order o
        WHERE o.workspace_id = $1 AND o.customer_id = ANY($2::int[]) AND s.order_id = o.id AND s.tracking_no IS NOT NULL`,
    );
    await count(
      `UPDATE order_return r SET reason = NULL FROM customer_order o
        WHERE o.workspace_id = $1 AND o.customer_id = ANY($2::int[]) AND r.order_id = o.id AND r.reason IS NOT NULL`,
    );
    // What was sent where and what it said goes; that a message of a journey step was sent stays (statistics, lift).
    // Messages still waiting in the outbox never go.
    const messages = await count(
      `UPDATE message SET recipient = NULL, rendered = NULL, last_error = NULL, payload = '{}',
              status = CASE WHEN status = 'queued' THEN 'suppressed' ELSE status END,
              suppression_reason = CASE WHEN status = 'queued' THEN 'erased' ELSE suppression_reason END,
              next_attempt_at = CASE WHEN status = 'queued' THEN NULL ELSE next_attempt_at END
        WHERE workspace_id = $1 AND customer_id = ANY($2::int[])`,
    );
    const responses = await count(
      `UPDATE response SET detail = (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb)
                                       FROM jsonb_each(response.detail) WHERE key = ANY($3::text[]))
        WHERE workspace_id = $1 AND customer_id = ANY($2::int[])`,
      [RESPONSE_DETAIL_KEPT],
    );
    await count('DELETE FROM line_link_nonce WHERE workspace_id = $1 AND customer_id = ANY($2::int[])');
    // Consent withdrawn on every channel: journey steps and the sender both suppress on it (direct mail too).
    await db.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT $1, $2, channel::consent_channel, 'revoked', 'erasure', $3 FROM unnest($4::text[]) AS channel
       ON CONFLICT DO NOTHING`,
      [workspaceId, customerId, now, CONSENT_CHANNELS],
    );
    // Rejected import rows are not linked to a customer: found by the identities' values in the raw row.
    let importRejections = 0;
    if (searchable.texts.length || searchable.digits.length) {
      const rejected = await db.query(
        `UPDATE import_rejection SET raw = '[erased]'
          WHERE workspace_id = $1
            AND (EXISTS (SELECT 1 FROM unnest($2::text[]) AS v WHERE position(v IN lower(raw)) > 0)
                 OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS d
                             WHERE position(d IN regexp_replace(raw, '[^0-9]', '', 'g')) > 0))`,
        [workspaceId, searchable.texts, searchable.digits],
      );
      importRejections = rejected.rowCount ?? 0;
    }
    return { records, identities, events, messages, responses, merges, importRejections };
  }
}
