import type { StableSegment } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';

export interface RankDownResult {
  percentile: number;
  customers: number;
  expectedLoss: number;
  bySegment: { segment: StableSegment; customers: number; expectedLoss: number }[];
  /** The customers with the most to lose, for a first look (the full list is a segment away). */
  top: {
    customerId: number;
    daysSinceLast: number;
    usualIntervalDays: number;
    expectedLoss: number;
    segment: StableSegment;
  }[];
}

export async function rankDownResult({ tx, settings }: AnalysisContext): Promise<RankDownResult> {
  const { rows } = await tx.query<{ stable_segment: StableSegment; customers: number; expected_loss: number }>(
    `SELECT s.stable_segment, count(*)::int AS customers, sum(r.expected_loss)::bigint AS expected_loss
       FROM af_rank_down r JOIN af_stable s USING (customer_id) WHERE r.rank_down GROUP BY 1 ORDER BY 3 DESC`,
  );
  const { rows: top } = await tx.query<{
    customer_id: number;
    days_since_last: number;
    usual_interval_days: number;
    expected_loss: number;
    stable_segment: StableSegment;
  }>(
    `SELECT r.customer_id, s.days_since_last, r.usual_interval_days, r.expected_loss, s.stable_segment
       FROM af_rank_down r JOIN af_stable s USING (customer_id)
      WHERE r.rank_down ORDER BY r.expected_loss DESC, r.customer_id LIMIT 50`,
  );
  return {
    percentile: settings.rankDown.percentile,
    customers: rows.reduce((sum, row) => sum + row.customers, 0),
    expectedLoss: rows.reduce((sum, row) => sum + row.expected_loss, 0),
    bySegment: rows.map((row) => ({
      segment: row.stable_segment,
      customers: row.customers,
      expectedLoss: row.expected_loss,
    })),
    top: top.map((row) => ({
      customerId: row.customer_id,
      daysSinceLast: row.days_since_last,
      usualIntervalDays: row.usual_interval_days,
      expectedLoss: row.expected_loss,
      segment: row.stable_segment,
    })),
  };
}
