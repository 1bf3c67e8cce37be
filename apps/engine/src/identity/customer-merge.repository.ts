import type { IdentityClaim } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../infrastructure/database/transaction';
import { PROFILE_COLUMNS } from './customer-columns';

export interface CustomerMerge {
  survivorId: number;
  mergedId: number;
  /** The incoming identities that showed the two records are one person. */
  linkedBy: readonly IdentityClaim[];
}

/**
 * Tables whose rows belong to a customer: a merge moves them to the survivor, never drops them.
 * `update` re-points rows in place; `copy` is for tables with a unique key that includes the
 * customer (the same consent recorded on both sides is kept once). Later modules add their tables.
 */
const CUSTOMER_OWNED_TABLES: readonly (
  { table: string; strategy: 'update' } | { table: string; strategy: 'copy'; columns: readonly string[] }
)[] = [
  { table: 'customer_identity', strategy: 'update' },
  { table: 'customer_order', strategy: 'update' },
  { table: 'event', strategy: 'update' },
  {
    table: 'consent',
    strategy: 'copy',
    columns: ['workspace_id', 'channel', 'status', 'source', 'recorded_at', 'created_at'],
  },
];

const MAPPING = 'unnest($2::int[], $3::int[]) AS m(merged_id, survivor_id)';

@Injectable()
export class CustomerMergeRepository {
  /**
   * Merges each `mergedId` into its `survivorId`, set-based whatever the number of pairs: moves
   * their rows, fills the survivor's empty profile fields, marks the merged records, re-points older
   * merges, and writes the merge log with both sides as they were.
   */
  async merge(tx: Queryable, workspaceId: number, merges: readonly CustomerMerge[], origin: string): Promise<void> {
    if (!merges.length) return;
    const mergedIds = merges.map((m) => m.mergedId);
    const survivorIds = merges.map((m) => m.survivorId);
    const params = [workspaceId, mergedIds, survivorIds];

    await tx.query(
      `INSERT INTO merge_log (workspace_id, survivor_id, merged_id, reason, survivor_snapshot, merged_snapshot, origin)
       SELECT $1, m.survivor_id, m.merged_id, m.reason, ${snapshotSql('m.survivor_id')}, ${snapshotSql('m.merged_id')}, $5
         FROM unnest($2::int[], $3::int[], $4::jsonb[]) AS m(merged_id, survivor_id, reason)`,
      [...params, merges.map((m) => JSON.stringify({ linkedBy: m.linkedBy })), origin],
    );

    // Order lines carry their order's customer (see the OrderLine model); they follow the orders
    // just moved, found through the survivor's orders rather than a scan of all lines.
    const moveOrderLines = `UPDATE order_line l SET customer_id = m.survivor_id
        FROM ${MAPPING} JOIN customer_order o ON o.customer_id = m.survivor_id
       WHERE o.workspace_id = $1 AND l.order_id = o.id AND l.customer_id = m.merged_id`;

    for (const owned of CUSTOMER_OWNED_TABLES) {
      if (owned.strategy === 'update') {
        await tx.query(
          `UPDATE ${owned.table} t SET customer_id = m.survivor_id FROM ${MAPPING}
            WHERE t.workspace_id = $1 AND t.customer_id = m.merged_id`,
          params,
        );
      } else {
        const columns = owned.columns.join(', ');
        await tx.query(
          `INSERT INTO ${owned.table} (customer_id, ${columns})
           SELECT m.survivor_id, ${owned.columns.map((c) => `t.${c}`).join(', ')}
             FROM ${owned.table} t JOIN ${MAPPING} ON t.customer_id = m.merged_id
            WHERE t.workspace_id = $1
           ON CONFLICT DO NOTHING`,
          params,
        );
        await tx.query(
          `DELETE FROM ${owned.table} t USING ${MAPPING} WHERE t.workspace_id = $1 AND t.customer_id = m.merged_id`,
          params,
        );
      }
    }

    await tx.query(moveOrderLines, params);

    // The survivor keeps its values; empty fields take the merged records' (the oldest record's first).
    const fills = PROFILE_COLUMNS.map(({ column }) =>
      column === 'registered_at'
        ? `${column} = LEAST(s.${column}, l.${column})`
        : `${column} = COALESCE(s.${column}, l.${column})`,
    );
    const firstNonNull = PROFILE_COLUMNS.map(
      ({ column }) => `(array_agg(c.${column} ORDER BY c.id) FILTER (WHERE c.${column} IS NOT NULL))[1] AS ${column}`,
    );
    await tx.query(
      `UPDATE customer s SET ${fills.join(', ')}, updated_at = now()
         FROM (SELECT m.survivor_id, ${firstNonNull.join(', ')}
                 FROM ${MAPPING} JOIN customer c ON c.id = m.merged_id
                GROUP BY m.survivor_id) l
        WHERE s.id = l.survivor_id AND s.workspace_id = $1`,
      params,
    );
    // Custom attributes: the survivor's win; keys it lacks come from the merged records (oldest first).
    await tx.query(
      `UPDATE customer s SET attributes = l.attributes || s.attributes
         FROM (SELECT survivor_id, jsonb_object_agg(key, value) AS attributes
                 FROM (SELECT DISTINCT ON (m.survivor_id, e.key) m.survivor_id, e.key, e.value
                         FROM ${MAPPING} JOIN customer c ON c.id = m.merged_id
                        CROSS JOIN jsonb_each(c.attributes) e
                        ORDER BY m.survivor_id, e.key, c.id) first_values
                GROUP BY survivor_id) l
        WHERE s.id = l.survivor_id AND s.workspace_id = $1`,
      params,
    );

    // Figures computed for the merged records no longer describe anyone: the next analytics
    // refresh and scoring run compute the survivor's from all the moved orders.
    await tx.query('DELETE FROM customer_metrics WHERE workspace_id = $1 AND customer_id = ANY($2::int[])', [
      workspaceId,
      mergedIds,
    ]);
    await tx.query('DELETE FROM customer_score WHERE workspace_id = $1 AND customer_id = ANY($2::int[])', [
      workspaceId,
      mergedIds,
    ]);
    // A merged record leaves its segments (an exit journeys can see); the survivor's memberships are
    // re-evaluated with its merged data by the segment refresh the merge triggers.
    await tx.query(
      `WITH exited AS (
         UPDATE segment_membership SET exited_at = now()
          WHERE workspace_id = $1 AND customer_id = ANY($2::int[]) AND exited_at IS NULL
          RETURNING workspace_id, segment_id, customer_id, exited_at
       ), logged AS (
         INSERT INTO segment_change (workspace_id, segment_id, customer_id, change, at)
         SELECT workspace_id, segment_id, customer_id, 'exited', exited_at FROM exited
       )
       UPDATE segment s SET member_count = s.member_count - e.n
         FROM (SELECT segment_id, count(*)::int AS n FROM exited GROUP BY segment_id) e
        WHERE s.id = e.segment_id`,
      [workspaceId, mergedIds],
    );

    await tx.query(
      `UPDATE customer c SET status = 'merged', merged_into_id = m.survivor_id, updated_at = now()
         FROM ${MAPPING} WHERE c.id = m.merged_id AND c.workspace_id = $1`,
      params,
    );
    // Records merged earlier into a now-merged customer point straight at the final survivor.
    await tx.query(
      `UPDATE customer c SET merged_into_id = m.survivor_id
         FROM ${MAPPING} WHERE c.merged_into_id = m.merged_id AND c.workspace_id = $1`,
      params,
    );
  }
}

/** A customer's profile and identities as JSON, for the merge log. */
function snapshotSql(idExpression: string): string {
  return `(SELECT to_jsonb(c) - 'workspace_id' || jsonb_build_object('identities', COALESCE(
            (SELECT jsonb_agg(jsonb_build_object('kind', i.kind, 'source', i.source, 'value', i.value) ORDER BY i.id)
               FROM customer_identity i WHERE i.customer_id = c.id), '[]'::jsonb))
             FROM customer c WHERE c.id = ${idExpression})`;
}
