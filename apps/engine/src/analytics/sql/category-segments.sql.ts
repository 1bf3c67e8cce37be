import type { AnalysisContext } from './analysis-context';
import { daysBetweenSql, wholeDaysBetweenSql } from './day-arithmetic.sql';
import { classifyStableSegmentSql, stableSegmentParams } from './stable-segments.sql';

export const MAX_SEGMENTED_CATEGORIES = 10;

/**
 * af_category_segments: the stable segment of each customer within each of the top categories by
 * sales (at most ten), from that category's purchases only (order dates; returns are recorded per
 * order, not per category, so they are left out here).
 */
export async function createCategorySegments(
  context: AnalysisContext,
  into: string,
  at: Date,
  previousTable?: string,
): Promise<void> {
  const { tx, workspaceId, settings } = context;
  const stable = settings.stableSegments;
  await tx.query(
    `CREATE TEMP TABLE ${into} ON COMMIT DROP AS
     WITH top_categories AS (
       SELECT p.category FROM order_line l JOIN product p ON p.id = l.product_id
        WHERE l.workspace_id = $3 AND l.ordered_at >= $1::timestamptz - $2::interval AND l.ordered_at < $1 AND p.category IS NOT NULL
        GROUP BY p.category ORDER BY sum(l.amount) DESC LIMIT ${MAX_SEGMENTED_CATEGORIES}
     ), category_orders AS (
       SELECT l.customer_id, p.category, l.order_id, min(l.ordered_at) AS effective_at, sum(l.amount) AS amount
         FROM order_line l JOIN product p ON p.id = l.product_id
        WHERE l.workspace_id = $3 AND l.ordered_at < $1 AND l.ordered_at >= $1::timestamptz - $2::interval
          AND p.category IN (SELECT category FROM top_categories)
        GROUP BY l.customer_id, p.category, l.order_id
     ), purchases AS (
       SELECT *, ${daysBetweenSql('effective_at', 'lag(effective_at) OVER (PARTITION BY customer_id, category ORDER BY effective_at)')} AS gap
         FROM category_orders
     ), measured AS (
       SELECT customer_id, category, count(*)::int AS purchases,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_interval,
              ${wholeDaysBetweenSql('$1::timestamptz', 'max(effective_at)')} AS days_since_last,
              round(avg(amount))::bigint AS basket
         FROM purchases GROUP BY customer_id, category
     )
     SELECT customer_id, category, ${classifyStableSegmentSql(4)} AS stable_segment
       FROM (SELECT measured.*, ${previousTable ? 'prev.stable_segment' : 'NULL::text'} AS previous
               FROM measured
               ${previousTable ? `LEFT JOIN ${previousTable} prev USING (customer_id, category)` : ''}) m`,
    [at, `${stable.lookbackMonths} months`, workspaceId, ...stableSegmentParams(stable)],
  );
}
