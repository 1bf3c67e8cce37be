import { days, withSortedAggregation, type AnalysisContext } from './analysis-context';
import { wholeDaysBetweenSql } from './day-arithmetic.sql';

/**
 * af_customers: one row per customer with at least one order before the reference date. One pass
 * over the orders (which carry their totals) gives what RFM, the RF matrix (now, and for the
 * repeat-rate cohort one repeat window earlier) and deciles need. Identical aggregates (the RFM
 * and sales windows are usually the same year) are computed once by PostgreSQL.
 * The pass reads the customer index (which includes the totals) in customer order.
 */
export async function createCustomerBase(context: AnalysisContext): Promise<void> {
  const { tx, workspaceId, referenceAt, settings } = context;
  const cohortAt = new Date(referenceAt.getTime() - settings.rfMatrix.repeatWindowDays * 86_400_000);
  await withSortedAggregation(tx, () =>
    tx.query(
      `CREATE TEMP TABLE af_customers ON COMMIT DROP AS
     SELECT customer_id,
            min(ordered_at) AS first_at,
            max(ordered_at) AS last_at,
            ${wholeDaysBetweenSql('$1::timestamptz', 'max(ordered_at)')} AS recency_days,
            (count(*) - count(*) FILTER (WHERE trial_only))::int AS purchase_count,
            count(*) FILTER (WHERE trial_only)::int AS trial_orders,
            sum(amount)::bigint AS revenue,
            count(*) FILTER (WHERE ordered_at >= $1::timestamptz - $2::interval)::int AS frequency,
            COALESCE(sum(amount) FILTER (WHERE ordered_at >= $1::timestamptz - $2::interval), 0)::bigint AS monetary,
            COALESCE(sum(amount) FILTER (WHERE ordered_at >= $1::timestamptz - $4::interval), 0)::bigint AS sales_window,
            ${wholeDaysBetweenSql('$3::timestamptz', 'max(ordered_at) FILTER (WHERE ordered_at < $3::timestamptz)')} AS cohort_last_days,
            count(*) FILTER (WHERE ordered_at >= $3::timestamptz AND NOT trial_only)::int AS repeat_purchases
       FROM customer_order WHERE workspace_id = $5 AND ordered_at < $1
      GROUP BY customer_id`,
      [referenceAt, days(settings.rfm.windowDays), cohortAt, days(settings.rfMatrix.salesWindowDays), workspaceId],
    ),
  );
}
