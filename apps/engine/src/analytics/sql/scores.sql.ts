import type { AnalyticsSettings } from '@kizuna/segments';
import type { AnalysisContext } from './analysis-context';
import { monthsFromDaysSql } from './day-arithmetic.sql';

export interface RfmCuts {
  recencyDays: number[];
  frequency: number[];
  monetary: number[];
  /** Sales at the 10%, 20% ... 90% marks of the customers with sales (deciles by cut points). */
  deciles: number[];
}

const DECILE_MARKS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The four RFM cut points of each dimension (quantiles of the customers, or fixed values) and the decile cuts. */
export async function computeCuts({ tx, settings }: AnalysisContext): Promise<RfmCuts> {
  const scoring = settings.rfm.scoring;
  const quantiles = scoring.mode === 'quantile' ? scoring.quantiles : [0.2, 0.4, 0.6, 0.8];
  const { rows } = await tx.query<{ r: number[] | null; f: number[] | null; m: number[] | null; d: number[] | null }>(
    `SELECT percentile_cont($1::float8[]) WITHIN GROUP (ORDER BY recency_days) AS r,
            percentile_cont($1::float8[]) WITHIN GROUP (ORDER BY frequency) AS f,
            percentile_cont($1::float8[]) WITHIN GROUP (ORDER BY monetary) AS m,
            percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY sales_window DESC) FILTER (WHERE sales_window > 0) AS d
       FROM af_customers`,
    [quantiles, DECILE_MARKS],
  );
  const row = rows[0]!;
  const zeros = [0, 0, 0, 0];
  // Arrays of bigint arrive as strings from pg.
  const deciles = (row.d ?? []).map(Number);
  if (scoring.mode === 'fixed')
    return { recencyDays: scoring.recencyDays, frequency: scoring.frequency, monetary: scoring.monetary, deciles };
  return { recencyDays: row.r ?? zeros, frequency: row.f ?? zeros, monetary: row.m ?? zeros, deciles };
}

/**
 * A number for SQL text. The classifications below are evaluated for every customer in several
 * statements; with the cut points written in as constants PostgreSQL folds them, where a join to a
 * row of cut points (or array subscripts) cost more than the aggregation itself. Only numbers
 * computed here or validated settings reach this, never user text.
 */
function literal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/**
 * `1 + (value > cut1) + ...`: ties share a score (libs/segments scoreFromCuts). The values are
 * integers, so `v > 2.5` is `v > 2`: cuts are floored and compared as integers.
 */
function scoreExpression(column: string, cuts: readonly number[], lowerIsBetter: boolean): string {
  // A cut of 30.999999999999996 (float interpolation) is 31: the epsilon keeps floor from losing a day.
  const above = cuts.map((cut) => `(${column} > ${literal(Math.floor(cut + 1e-9))})::int`).join(' + ');
  return lowerIsBetter ? `(5 - (${above}))` : `(1 + ${above})`;
}

export interface ScoreSql {
  r: string;
  f: string;
  m: string;
  rank: string;
  recencyBucket: string;
  frequencyBucket: string;
  cohortRecencyBucket: string;
  cohortFrequencyBucket: string;
  decile: string;
}

/** Per-customer classifications as expressions over `af_customers c`. */
export function scoreSql(cuts: RfmCuts, settings: AnalyticsSettings): ScoreSql {
  const { highFrequencyScore, highMonetaryScore } = settings.rfm;
  const { recencyMonths, frequencyCap } = settings.rfMatrix;
  const f = scoreExpression('c.frequency', cuts.frequency, false);
  const m = scoreExpression('c.monetary', cuts.monetary, false);
  const highF = `${f} >= ${literal(highFrequencyScore)}`;
  const highM = `${m} >= ${literal(highMonetaryScore)}`;
  // Decile 1 is the top tenth by sales: one more for every cut the sales fall below.
  const belowCuts = cuts.deciles.map((cut) => `(c.sales_window < ${literal(cut)})::int`);
  return {
    r: scoreExpression('c.recency_days', cuts.recencyDays, true),
    f,
    m,
    rank: `CASE WHEN ${highF} AND ${highM} THEN 'loyal' WHEN ${highM} THEN 'semi_loyal' WHEN ${highF} THEN 'general' ELSE 'lapsed' END`,
    recencyBucket: `LEAST(${monthsFromDaysSql('c.recency_days')}, ${literal(recencyMonths)})`,
    frequencyBucket: `LEAST(c.purchase_count, ${literal(frequencyCap)})`,
    cohortRecencyBucket: `LEAST(${monthsFromDaysSql('c.cohort_last_days')}, ${literal(recencyMonths)})`,
    cohortFrequencyBucket: `LEAST(c.purchase_count - c.repeat_purchases, ${literal(frequencyCap)})`,
    decile: `CASE WHEN c.sales_window > 0 THEN ${['1', ...belowCuts].join(' + ')} END`,
  };
}
