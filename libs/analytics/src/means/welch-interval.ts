import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkConfidence, StatisticInputError } from '../analytics-error';

/** A group's figure per customer (revenue in yen): count, mean and sample variance (n - 1). */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

export interface MeanDifference {
  /** mean1 - mean2. */
  difference: number;
  lower: number;
  upper: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  t: number;
  pValue: number;
}

/**
 * Welch's interval and test for mean1 - mean2 with unequal variances (Welch 1947; the default of R's
 * `t.test`). Revenue per customer is mostly zeros with a long tail; with the group sizes a journey
 * has (hundreds and up) the mean is close enough to normal, and unlike a bootstrap the figure is the
 * same on every refresh. Null when a group has fewer than two customers (no variance to estimate).
 */
export function welchInterval(group1: SampleSummary, group2: SampleSummary, confidence = 0.95): MeanDifference | null {
  checkConfidence('Welch interval', confidence);
  for (const [field, group] of [
    ['group1', group1],
    ['group2', group2],
  ] as const) {
    if (!(group.variance >= 0))
      throw new StatisticInputError('Welch interval', `${field}.variance`, 'must be >= 0', group.variance);
  }
  if (group1.n < 2 || group2.n < 2) return null;
  const difference = group1.mean - group2.mean;
  const v1 = group1.variance / group1.n;
  const v2 = group2.variance / group2.n;
  const se = Math.sqrt(v1 + v2);
  // Every customer of both groups spent the same: the difference is known exactly.
  if (se === 0) {
    return {
      difference,
      lower: difference,
      upper: difference,
      df: group1.n + group2.n - 2,
      t: 0,
      pValue: difference === 0 ? 1 : 0,
    };
  }
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (group1.n - 1) + v2 ** 2 / (group2.n - 1));
  const critical = tQuantile(1 - (1 - confidence) / 2, df);
  const t = difference / se;
  return {
    difference,
    lower: difference - critical * se,
    upper: difference + critical * se,
    df,
    t,
    pValue: Math.min(1, 2 * tCdf(-Math.abs(t), df)),
  };
}

/** Count, mean and sample variance of raw values (tests and small inputs; SQL computes these with var_samp). */
export function summarise(values: readonly number[]): SampleSummary {
  const n = values.length;
  const mean = n ? values.reduce((s, v) => s + v, 0) / n : 0;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}
