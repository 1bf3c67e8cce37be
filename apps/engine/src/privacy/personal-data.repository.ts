import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

type JsonRow = Record<string, unknown>;

/**
 * Every section of a customer's export: one query each, every column of the table (to_jsonb of the
 * row, less the workspace id), so a column added later is exported without touching this file.
 * `$1` is the workspace, `$2` the customer's record ids (the customer and the records merged into it).
 */
const SECTIONS = {
  identities: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM customer_identity t
                WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.id`,
  consents: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM consent t
              WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.recorded_at, t.id`,
  mergedRecords: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM customer t
                   WHERE t.workspace_id = $1 AND t.merged_into_id = ANY($2::int[]) ORDER BY t.id`,
  merges: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM merge_log t
            WHERE t.workspace_id = $1 AND (t.survivor_id = ANY($2::int[]) OR t.merged_id = ANY($2::int[])) ORDER BY t.id`,
  orders: `SELECT to_jsonb(o) - 'workspace_id' || jsonb_build_object(
                  'lines', COALESCE((SELECT jsonb_agg(to_jsonb(l) - 'workspace_id' || jsonb_build_object('sku', p.sku, 'productName', p.name) ORDER BY l.line_no)
                                       FROM order_line l LEFT JOIN product p ON p.id = l.product_id WHERE l.order_id = o.id), '[]'::jsonb),
                  'shipments', COALESCE((SELECT jsonb_agg(to_jsonb(s) - 'workspace_id' ORDER BY s.id) FROM shipment s WHERE s.order_id = o.id), '[]'::jsonb),
                  'returns', COALESCE((SELECT jsonb_agg(to_jsonb(r) - 'workspace_id' ORDER BY r.id) FROM order_return r WHERE r.order_id = o.id), '[]'::jsonb)
                ) AS row
             FROM customer_order o WHERE o.workspace_id = $1 AND o.customer_id = ANY($2::int[]) ORDER BY o.ordered_at, o.id`,
  events: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM event t
            WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.occurred_at, t.id`,
  messages: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM message t
              WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.created_at, t.id`,
  responses: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM response t
               WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.at, t.id`,
  journeyEnrollments: `SELECT to_jsonb(e) - 'workspace_id' - 'lease_token' - 'lease_until' || jsonb_build_object('journey_name', j.name) AS row
                        FROM enrollment e LEFT JOIN journey j ON j.id = e.journey_id
                       WHERE e.workspace_id = $1 AND e.customer_id = ANY($2::int[]) ORDER BY e.entered_at, e.id`,
  scores: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM customer_score t
            WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[]) ORDER BY t.model`,
  analytics: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM customer_metrics t
               WHERE t.workspace_id = $1 AND t.customer_id = ANY($2::int[])`,
  segmentMemberships: `SELECT to_jsonb(m) - 'workspace_id' || jsonb_build_object('segment_name', g.name) AS row
                        FROM segment_membership m LEFT JOIN segment g ON g.id = m.segment_id
                       WHERE m.workspace_id = $1 AND m.customer_id = ANY($2::int[]) ORDER BY m.entered_at, m.id`,
} as const;

export type PersonalDataSection = keyof typeof SECTIONS;
export const PERSONAL_DATA_SECTIONS = Object.keys(SECTIONS) as PersonalDataSection[];

@Injectable()
export class PersonalDataRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async profile(db: Queryable, workspaceId: number, customerId: number): Promise<JsonRow | undefined> {
    const { rows } = await db.query<{ row: JsonRow }>(
      `SELECT to_jsonb(c) - 'workspace_id' AS row FROM customer c WHERE c.workspace_id = $1 AND c.id = $2`,
      [workspaceId, customerId],
    );
    return rows[0]?.row;
  }

  /** The customer and every record merged into it (their rows moved to it; their profiles stayed). */
  async recordIds(db: Queryable, workspaceId: number, customerId: number): Promise<number[]> {
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM customer WHERE workspace_id = $1 AND (id = $2 OR merged_into_id = $2) ORDER BY id`,
      [workspaceId, customerId],
    );
    return rows.map((row) => row.id);
  }

  async section(
    db: Queryable,
    section: PersonalDataSection,
    workspaceId: number,
    recordIds: readonly number[],
  ): Promise<JsonRow[]> {
    const { rows } = await db.query<{ row: JsonRow }>(SECTIONS[section], [workspaceId, recordIds]);
    return rows.map((row) => row.row);
  }
}
