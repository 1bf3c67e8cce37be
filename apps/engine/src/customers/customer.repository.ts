import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';

export interface CustomerRecord {
  id: number;
  status: 'active' | 'merged';
  mergedIntoId: number | null;
  profile: {
    familyName: string | null;
    givenName: string | null;
    familyNameKana: string | null;
    givenNameKana: string | null;
    gender: string | null;
    birthDate: string | null;
    postalCode: string | null;
    prefecture: string | null;
    city: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    registeredAt: Date | null;
  };
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomerIdentityRecord {
  kind: string;
  source: string;
  value: string;
  createdAt: Date;
}

export interface ConsentState {
  channel: string;
  status: string;
  recordedAt: Date;
  source: string;
}

export interface MergeRecord {
  id: number;
  survivorId: number;
  mergedId: number;
  reason: unknown;
  origin: string;
  createdAt: Date;
}

export interface CustomerStats {
  orders: number;
  totalSpend: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  events: number;
}

export interface RecentOrder {
  id: number;
  externalId: string;
  source: string;
  channel: string;
  orderedAt: Date;
  totalAmount: number;
  lines: number;
}

export interface CustomerSearchHit {
  id: number;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  memberNo: string | null;
  ordersCount: number;
  lastOrderAt: Date | null;
}

interface CustomerDbRow {
  id: number;
  status: 'active' | 'merged';
  merged_into_id: number | null;
  family_name: string | null;
  given_name: string | null;
  family_name_kana: string | null;
  given_name_kana: string | null;
  gender: string | null;
  birth_date: string | null;
  postal_code: string | null;
  prefecture: string | null;
  city: string | null;
  address_line1: string | null;
  address_line2: string | null;
  registered_at: Date | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

interface CustomerAnalyticsRow {
  referenceAt: Date;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  revenue: number;
  returnedAmount: number;
  purchaseCount: number;
  trialOrders: number;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  rfmRank: string | null;
  rfRecencyBucket: number | null;
  rfFrequencyBucket: number | null;
  rfStage: string | null;
  decile: number | null;
  stableSegment: string | null;
  categorySegments: Record<string, string>;
  usualIntervalDays: number | null;
  rankDown: boolean;
  expectedLoss: number;
  preferences: { tag?: Record<string, number>; series?: Record<string, number> };
}

export interface PreferenceShare {
  name: string;
  spend: number;
  share: number;
}

export type CustomerAnalytics = Omit<CustomerAnalyticsRow, 'preferences'> & {
  preferences: { tags: PreferenceShare[]; series: PreferenceShare[] };
};

@Injectable()
export class CustomerRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async find(workspaceId: number, id: number): Promise<CustomerRecord | undefined> {
    const { rows } = await this.pool.query<CustomerDbRow>(
      `SELECT id, status, merged_into_id, family_name, given_name, family_name_kana, given_name_kana, gender,
              birth_date, postal_code, prefecture, city, address_line1, address_line2, registered_at, attributes,
              created_at, updated_at
         FROM customer WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      status: row.status,
      mergedIntoId: row.merged_into_id,
      profile: {
        familyName: row.family_name,
        givenName: row.given_name,
        familyNameKana: row.family_name_kana,
        givenNameKana: row.given_name_kana,
        gender: row.gender,
        birthDate: row.birth_date,
        postalCode: row.postal_code,
        prefecture: row.prefecture,
        city: row.city,
        addressLine1: row.address_line1,
        addressLine2: row.address_line2,
        registeredAt: row.registered_at,
      },
      attributes: row.attributes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async identities(workspaceId: number, customerId: number): Promise<CustomerIdentityRecord[]> {
    const { rows } = await this.pool.query<CustomerIdentityRecord>(
      `SELECT kind::text AS kind, source, value, created_at AS "createdAt" FROM customer_identity
        WHERE workspace_id = $1 AND customer_id = $2 ORDER BY kind, source, value`,
      [workspaceId, customerId],
    );
    return rows;
  }

  /** The current consent per channel: the latest decision recorded. */
  async consents(workspaceId: number, customerId: number): Promise<ConsentState[]> {
    const { rows } = await this.pool.query<ConsentState>(
      `SELECT DISTINCT ON (channel) channel::text AS channel, status::text AS status, recorded_at AS "recordedAt", source
         FROM consent WHERE workspace_id = $1 AND customer_id = $2
        ORDER BY channel, recorded_at DESC, id DESC`,
      [workspaceId, customerId],
    );
    return rows;
  }

  /** Merges this customer took part in, on either side, and those of the records merged into it. */
  async merges(workspaceId: number, customerId: number): Promise<MergeRecord[]> {
    const { rows } = await this.pool.query<MergeRecord>(
      `SELECT id, survivor_id AS "survivorId", merged_id AS "mergedId", reason, origin, created_at AS "createdAt"
         FROM merge_log
        WHERE workspace_id = $1
          AND (survivor_id = $2 OR merged_id = $2
               OR survivor_id IN (SELECT id FROM customer WHERE workspace_id = $1 AND merged_into_id = $2))
        ORDER BY id`,
      [workspaceId, customerId],
    );
    return rows;
  }

  async stats(workspaceId: number, customerId: number): Promise<CustomerStats> {
    const { rows } = await this.pool.query<CustomerStats>(
      `SELECT (SELECT count(*) FROM customer_order WHERE workspace_id = $1 AND customer_id = $2) AS orders,
              (SELECT COALESCE(sum(l.amount), 0) FROM customer_order o JOIN order_line l ON l.order_id = o.id
                WHERE o.workspace_id = $1 AND o.customer_id = $2) AS "totalSpend",
              (SELECT min(ordered_at) FROM customer_order WHERE workspace_id = $1 AND customer_id = $2) AS "firstOrderAt",
              (SELECT max(ordered_at) FROM customer_order WHERE workspace_id = $1 AND customer_id = $2) AS "lastOrderAt",
              (SELECT count(*) FROM event WHERE workspace_id = $1 AND customer_id = $2) AS events`,
      [workspaceId, customerId],
    );
    return rows[0]!;
  }

  /**
   * The customer's figures from the last analytics refresh (undefined before the first one, or for
   * a customer without purchases), with spend per tag and series as shares of their revenue.
   */
  async analytics(workspaceId: number, customerId: number): Promise<CustomerAnalytics | undefined> {
    const { rows } = await this.pool.query<CustomerAnalyticsRow>(
      `SELECT reference_at AS "referenceAt", recency_days AS "recencyDays", frequency, monetary, revenue,
              returned_amount AS "returnedAmount", purchase_count AS "purchaseCount", trial_orders AS "trialOrders",
              r_score AS "rScore", f_score AS "fScore", m_score AS "mScore", rfm_rank AS "rfmRank",
              rf_recency_bucket AS "rfRecencyBucket", rf_frequency_bucket AS "rfFrequencyBucket", rf_stage AS "rfStage",
              decile, stable_segment AS "stableSegment", category_segments AS "categorySegments",
              usual_interval_days AS "usualIntervalDays", rank_down AS "rankDown", expected_loss AS "expectedLoss", preferences
         FROM customer_metrics WHERE workspace_id = $1 AND customer_id = $2`,
      [workspaceId, customerId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { preferences, ...figures } = row;
    const shares = (dimension: 'tag' | 'series') =>
      Object.entries(preferences[dimension] ?? {})
        .map(([name, spend]) => ({
          name,
          spend,
          share: row.revenue > 0 ? Math.round((spend / row.revenue) * 10_000) / 10_000 : 0,
        }))
        .sort((a, b) => b.spend - a.spend || a.name.localeCompare(b.name));
    return { ...figures, preferences: { tags: shares('tag'), series: shares('series') } };
  }

  /** The segments the customer is in now, most recent entry first. */
  async currentSegments(
    workspaceId: number,
    customerId: number,
  ): Promise<{ id: number; name: string; enteredAt: Date }[]> {
    const { rows } = await this.pool.query<{ id: number; name: string; enteredAt: Date }>(
      `SELECT g.id, g.name, m.entered_at AS "enteredAt"
         FROM segment_membership m JOIN segment g ON g.id = m.segment_id
        WHERE m.workspace_id = $1 AND m.customer_id = $2 AND m.exited_at IS NULL AND g.archived_at IS NULL
        ORDER BY m.entered_at DESC, g.id`,
      [workspaceId, customerId],
    );
    return rows;
  }

  async recentOrders(workspaceId: number, customerId: number, limit: number): Promise<RecentOrder[]> {
    const { rows } = await this.pool.query<RecentOrder>(
      `SELECT o.id, o.external_id AS "externalId", o.source, o.channel::text AS channel, o.ordered_at AS "orderedAt",
              COALESCE(sum(l.amount), 0) AS "totalAmount", count(l.line_no) AS lines
         FROM customer_order o LEFT JOIN order_line l ON l.order_id = o.id
        WHERE o.workspace_id = $1 AND o.customer_id = $2
        GROUP BY o.id ORDER BY o.ordered_at DESC LIMIT $3`,
      [workspaceId, customerId, limit],
    );
    return rows;
  }

  /**
   * Customers whose identity equals the normalised query (email, phone, member number, external id,
   * LINE id), or whose name or kana contains it.
   */
  async search(
    workspaceId: number,
    identityValues: readonly string[],
    text: string,
    limit: number,
  ): Promise<CustomerSearchHit[]> {
    const { rows } = await this.pool.query<CustomerSearchHit>(
      `WITH hits AS (
         SELECT customer_id AS id FROM customer_identity WHERE workspace_id = $1 AND value = ANY($2::text[])
         UNION
         SELECT id FROM customer
          WHERE workspace_id = $1 AND status = 'active' AND $3 <> ''
            AND (concat(family_name, given_name) LIKE '%' || $3 || '%'
                 OR concat(family_name_kana, given_name_kana) LIKE '%' || $3 || '%')
       ), limited AS (SELECT id FROM hits ORDER BY id LIMIT $4)
       SELECT c.id,
              NULLIF(concat_ws(' ', c.family_name, c.given_name), '') AS "displayName",
              (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.id LIMIT 1) AS email,
              (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'phone' ORDER BY i.id LIMIT 1) AS phone,
              (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'member' ORDER BY i.id LIMIT 1) AS "memberNo",
              (SELECT count(*) FROM customer_order o WHERE o.workspace_id = $1 AND o.customer_id = c.id) AS "ordersCount",
              (SELECT max(ordered_at) FROM customer_order o WHERE o.workspace_id = $1 AND o.customer_id = c.id) AS "lastOrderAt"
         FROM limited JOIN customer c ON c.id = limited.id
        ORDER BY c.id`,
      [workspaceId, identityValues, text, limit],
    );
    return rows;
  }
}
