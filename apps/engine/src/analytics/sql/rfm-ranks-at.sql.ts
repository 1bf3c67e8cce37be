import type { AnalysisContext } from './analysis-context';

/**
 * `into`: the RFM rank of each customer as of `at` (quantile scores recomputed at that date, as a
 * marketer running RFM that day would), for comparing the stability of ranks with stable segments.
 */
export async function createRfmRanksAt(context: AnalysisContext, into: string, at: Date): Promise<void> {
  const { tx, settings } = context;
  const { rfm } = settings;
  const quantiles = rfm.scoring.mode === 'quantile' ? rfm.scoring.quantiles : null;
  await tx.query(
    `CREATE TEMP TABLE ${into} ON COMMIT DROP AS
     WITH base AS (
       SELECT customer_id,
              count(*) FILTER (WHERE ordered_at >= $1::timestamptz - $2::interval)::int AS frequency,
              COALESCE(sum(amount) FILTER (WHERE ordered_at >= $1::timestamptz - $2::interval), 0)::bigint AS monetary
         FROM af_orders WHERE ordered_at < $1 GROUP BY customer_id
     ), cuts AS (
       SELECT COALESCE($3::float8[], percentile_cont($4::float8[]) WITHIN GROUP (ORDER BY frequency)) AS f,
              COALESCE($5::float8[], percentile_cont($4::float8[]) WITHIN GROUP (ORDER BY monetary)) AS m
         FROM base
     ), scored AS (
       SELECT b.customer_id,
              1 + (b.frequency > cuts.f[1])::int + (b.frequency > cuts.f[2])::int + (b.frequency > cuts.f[3])::int + (b.frequency > cuts.f[4])::int AS f_score,
              1 + (b.monetary > cuts.m[1])::int + (b.monetary > cuts.m[2])::int + (b.monetary > cuts.m[3])::int + (b.monetary > cuts.m[4])::int AS m_score
         FROM base b, cuts
     )
     SELECT customer_id,
            CASE WHEN f_score >= $6 AND m_score >= $7 THEN 'loyal' WHEN m_score >= $7 THEN 'semi_loyal'
                 WHEN f_score >= $6 THEN 'general' ELSE 'lapsed' END AS rank
       FROM scored`,
    [
      at,
      `${rfm.windowDays} days`,
      rfm.scoring.mode === 'fixed' ? rfm.scoring.frequency : null,
      quantiles ?? [0.2, 0.4, 0.6, 0.8],
      rfm.scoring.mode === 'fixed' ? rfm.scoring.monetary : null,
      rfm.highFrequencyScore,
      rfm.highMonetaryScore,
    ],
  );
  await tx.query(`ALTER TABLE ${into} ADD PRIMARY KEY (customer_id)`);
}
