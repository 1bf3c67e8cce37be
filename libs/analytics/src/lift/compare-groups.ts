import { checkConfidence, checkProportion, type Interval } from '../analytics-error';
import { welchInterval, type MeanDifference, type SampleSummary } from '../means/welch-interval';
import { newcombeInterval } from '../proportions/newcombe-interval';
import { relativeLift, type RelativeLift } from '../proportions/relative-lift';
import { compareProportionsTest, type ProportionTest } from '../proportions/two-proportion-test';
import { alwaysValidDifference, type AlwaysValidDifference, type SequentialOptions } from '../sequential/always-valid';

/** One side of a comparison: customers, how many converted, and revenue per customer (zeros included). */
export interface GroupOutcome {
  customers: number;
  converted: number;
  revenue: SampleSummary;
}

export interface LiftOptions {
  confidence?: number;
  /** Options of the always-valid (sequential) figures, computed alongside the fixed-sample ones. */
  sequential?: SequentialOptions;
}

export interface LiftComparison {
  treatedRate: number;
  controlRate: number;
  /** Treated rate - control rate, with Newcombe's hybrid score interval. */
  difference: { estimate: number } & Interval;
  relativeLift: RelativeLift | null;
  test: ProportionTest;
  /** Fixed-sample verdict: the interval excludes 0 (the same verdict as p < 1 - confidence for the z-test). */
  significant: boolean;
  /** Revenue per customer, treated - control, Welch's interval. */
  revenuePerCustomer: MeanDifference | null;
  /** Always-valid p-value and confidence sequence: the figures to read on a dashboard looked at daily. */
  sequential: AlwaysValidDifference | null;
}

/**
 * Treated against control: rates, difference with Newcombe's interval, relative lift (Katz), the
 * p-value (z-test, or Fisher's exact test for small counts), revenue per customer (Welch) and the
 * always-valid figures. Null when either group is empty: there is nothing to compare yet.
 */
export function compareGroups(
  treated: GroupOutcome,
  control: GroupOutcome,
  options: LiftOptions = {},
): LiftComparison | null {
  const confidence = options.confidence ?? 0.95;
  checkConfidence('lift', confidence);
  const t = { x: treated.converted, n: treated.customers };
  const c = { x: control.converted, n: control.customers };
  checkProportion('lift', 'treated', t);
  checkProportion('lift', 'control', c);
  if (t.n === 0 || c.n === 0) return null;
  const interval = newcombeInterval(t, c, confidence);
  return {
    treatedRate: t.x / t.n,
    controlRate: c.x / c.n,
    difference: { estimate: interval.difference, lower: interval.lower, upper: interval.upper },
    relativeLift: relativeLift(t, c, confidence),
    test: compareProportionsTest(t, c),
    significant: interval.lower > 0 || interval.upper < 0,
    revenuePerCustomer: welchInterval(treated.revenue, control.revenue, confidence),
    sequential: alwaysValidDifference(t, c, { alpha: 1 - confidence, ...options.sequential }),
  };
}
