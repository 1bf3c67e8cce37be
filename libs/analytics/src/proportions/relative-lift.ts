import type { Interval, Proportion } from '../analytics-error';
import { zCritical } from './normal';

export interface RelativeLift extends Interval {
  /** p1 / p2 - 1: +0.25 is "a quarter more conversions than without the message". */
  lift: number;
}

/**
 * Relative lift p1 / p2 - 1 with the Katz log interval for the risk ratio (Katz et al. 1978,
 * Biometrics 34:469-474): ln(p1/p2) ± z·sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2), exponentiated. Null when a
 * group has no conversions: the ratio (or its logarithm) is then undefined, and the difference of
 * rates is the figure to read.
 */
export function relativeLift(group1: Proportion, group2: Proportion, confidence = 0.95): RelativeLift | null {
  if (group1.x === 0 || group2.x === 0) return null;
  const ratio = group1.x / group1.n / (group2.x / group2.n);
  const se = Math.sqrt(1 / group1.x - 1 / group1.n + 1 / group2.x - 1 / group2.n);
  const z = zCritical(confidence);
  return {
    lift: ratio - 1,
    lower: Math.exp(Math.log(ratio) - z * se) - 1,
    upper: Math.exp(Math.log(ratio) + z * se) - 1,
  };
}
