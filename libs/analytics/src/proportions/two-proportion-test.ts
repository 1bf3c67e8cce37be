import { checkProportion, type Proportion } from '../analytics-error';
import { fisherExactP } from './fisher-exact';
import { twoSidedNormalP } from './normal';

/** Two-sided p-value of the pooled two-proportion z-test (= Pearson's chi-squared without continuity correction). */
export function twoProportionZTestP(group1: Proportion, group2: Proportion): number {
  checkProportion('two-proportion z-test', 'group1', group1);
  checkProportion('two-proportion z-test', 'group2', group2);
  if (group1.n === 0 || group2.n === 0) return 1;
  const pooled = (group1.x + group2.x) / (group1.n + group2.n);
  const variance = pooled * (1 - pooled) * (1 / group1.n + 1 / group2.n);
  // Nobody (or everybody) converted in either group: no evidence of a difference.
  if (variance === 0) return 1;
  return twoSidedNormalP((group1.x / group1.n - group2.x / group2.n) / Math.sqrt(variance));
}

/** The smallest expected count of the 2x2 table under independence. */
export function smallestExpectedCount(group1: Proportion, group2: Proportion): number {
  const total = group1.n + group2.n;
  if (total === 0) return 0;
  const successes = group1.x + group2.x;
  const failures = total - successes;
  return (Math.min(group1.n, group2.n) * Math.min(successes, failures)) / total;
}

/** Below this expected count the normal approximation is not trusted (Cochran 1954). */
export const SMALL_EXPECTED_COUNT = 5;

export interface ProportionTest {
  method: 'z-test' | 'fisher-exact';
  pValue: number;
}

/**
 * The p-value of "the two rates are equal": the z-test, or Fisher's exact test when any expected
 * cell count is below 5 (Cochran's rule, the one R's `chisq.test` warns on). The exact test is then
 * both cheap (the smaller margin is small) and the only one whose size is guaranteed.
 */
export function compareProportionsTest(group1: Proportion, group2: Proportion): ProportionTest {
  if (smallestExpectedCount(group1, group2) < SMALL_EXPECTED_COUNT) {
    return { method: 'fisher-exact', pValue: fisherExactP(group1, group2) };
  }
  return { method: 'z-test', pValue: twoProportionZTestP(group1, group2) };
}
