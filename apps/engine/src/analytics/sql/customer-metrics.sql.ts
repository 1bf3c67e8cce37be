import type { AnalysisContext } from './analysis-context';
import type { ScoreSql } from './scores.sql';

/**
 * Replaces the workspace's customer_metrics with this refresh's figures, one row per customer with
 * purchases (segments, branches and the customer profile read them).
 */
export async function writeCustomerMetrics(
  { tx, workspaceId, referenceAt }: AnalysisContext,
  sql: ScoreSql,
): Promise<number> {
  await tx.query('DELETE FROM customer_metrics WHERE workspace_id = $1', [workspaceId]);
  const result = await tx.query(
    `INSERT INTO customer_metrics (
       workspace_id, customer_id, reference_at, first_order_at, last_order_at, purchase_count, trial_orders, revenue,
       returned_amount, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_rank, rf_recency_bucket,
       rf_frequency_bucket, rf_stage, decile, stable_segment, usual_interval_days, rank_down, expected_loss, category_segments,
       preferences)
     SELECT $1, c.customer_id, $2, c.first_at, c.last_at, c.purchase_count, c.trial_orders, c.revenue,
            COALESCE(rt.returned_total, 0), c.recency_days, c.frequency, c.monetary, ${sql.r}, ${sql.f}, ${sql.m},
            ${sql.rank}, ${sql.recencyBucket}, ${sql.frequencyBucket}, stage.code, ${sql.decile},
            st.stable_segment, rd.usual_interval_days,
            COALESCE(rd.rank_down, false), COALESCE(rd.expected_loss, 0), COALESCE(cs.segments, '{}'::jsonb),
            COALESCE(pf.preferences, '{}'::jsonb)
       FROM af_customers c
       LEFT JOIN af_rf_stages stage ON stage.recency = ${sql.recencyBucket} AND stage.frequency = ${sql.frequencyBucket}
       LEFT JOIN af_stable st USING (customer_id)
       LEFT JOIN (SELECT o.customer_id, sum(r.amount) AS returned_total
                    FROM order_return r JOIN customer_order o ON o.id = r.order_id
                   WHERE r.workspace_id = $1 AND r.returned_at < $2 GROUP BY o.customer_id) rt USING (customer_id)
       LEFT JOIN af_rank_down rd USING (customer_id)
       LEFT JOIN (SELECT customer_id, jsonb_object_agg(category, stable_segment) AS segments
                    FROM af_category_segments GROUP BY customer_id) cs USING (customer_id)
       LEFT JOIN af_preferences pf USING (customer_id)`,
    [workspaceId, referenceAt],
  );
  return result.rowCount ?? 0;
}

/** af_rf_stages: the stage of every RF cell, from the workspace's mapping (libs/segments rfCells). */
export async function createRfStages(
  { tx }: AnalysisContext,
  cells: { recency: number; frequency: number; code: string }[],
): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE af_rf_stages ON COMMIT DROP AS
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) AS t(recency, frequency, code)`,
    [cells.map((c) => c.recency), cells.map((c) => c.frequency), cells.map((c) => c.code)],
  );
}
