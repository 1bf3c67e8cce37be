import type { AnalysisContext } from './analysis-context';
import { daysBetweenSql } from './day-arithmetic.sql';

/**
 * af_rank_down: customers late against their own rhythm: days since the last purchase beyond the
 * percentile of their intervals, or of their stable segment's intervals when they have too few.
 * Expected loss if they lapse = what they spend in a year (net spend of the lookback, annualised).
 * Dormant customers have lapsed already and are not signalled.
 */
export async function createRankDown({ tx, settings }: AnalysisContext): Promise<void> {
  const { percentile, minIntervals } = settings.rankDown;
  await tx.query(
    `CREATE TEMP TABLE af_rank_down ON COMMIT DROP AS
     WITH segment_intervals AS (
       SELECT s.stable_segment, percentile_cont($1::float8) WITHIN GROUP (ORDER BY e.gap) AS usual
         FROM af_stable s JOIN (
           SELECT customer_id,
                  ${daysBetweenSql('effective_at', 'lag(effective_at) OVER (PARTITION BY customer_id ORDER BY effective_at)')} AS gap
             FROM af_order_events WHERE returned < amount
         ) e USING (customer_id)
        WHERE e.gap IS NOT NULL GROUP BY s.stable_segment
     )
     SELECT s.customer_id,
            round(CASE WHEN s.intervals >= $2 THEN s.own_interval ELSE si.usual END)::int AS usual_interval_days,
            (s.stable_segment <> 'dormant'
              AND s.days_since_last > COALESCE(CASE WHEN s.intervals >= $2 THEN s.own_interval ELSE si.usual END, 'infinity'::float8)) AS rank_down,
            GREATEST(s.annual_spend, 0)::int AS expected_loss
       FROM af_stable s LEFT JOIN segment_intervals si USING (stable_segment)`,
    [percentile, minIntervals],
  );
  await tx.query('ALTER TABLE af_rank_down ADD PRIMARY KEY (customer_id)');
}
