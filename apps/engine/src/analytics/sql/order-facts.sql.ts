import type { AnalysisContext } from './analysis-context';

/**
 * af_orders: one row per order before the reference date, with its amount and whether it held
 * trial sets only. Orders carry their totals (kept by the importer), so this reads a third as many
 * rows as the order lines and needs no join.
 */
export async function createOrderFacts({ tx, workspaceId, referenceAt }: AnalysisContext): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE af_orders ON COMMIT DROP AS
     SELECT customer_id, id AS order_id, ordered_at, amount::bigint AS amount, trial_only
       FROM customer_order
      WHERE workspace_id = $1 AND ordered_at < $2`,
    [workspaceId, referenceAt],
  );
  await tx.query('ANALYZE af_orders');
}
