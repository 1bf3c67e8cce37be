import gammaln from '@stdlib/math-base-special-gammaln';
import { checkProportion, type Proportion } from '../analytics-error';

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * Two-sided p-value of Fisher's exact test for the 2x2 table (x1, n1 - x1; x2, n2 - x2): the
 * hypergeometric probability of every table with the same margins that is no more likely than the
 * observed one. Ties are taken with R's relative tolerance (1 + 1e-7), so the figures match
 * `fisher.test`. The work is linear in the smaller margin, which the small-count rule keeps small.
 */
export function fisherExactP(group1: Proportion, group2: Proportion): number {
  checkProportion("Fisher's exact test", 'group1', group1);
  checkProportion("Fisher's exact test", 'group2', group2);
  const successes = group1.x + group2.x;
  const total = group1.n + group2.n;
  const lowest = Math.max(0, successes - group2.n);
  const highest = Math.min(successes, group1.n);
  const logP = (k: number) => logChoose(group1.n, k) + logChoose(group2.n, successes - k) - logChoose(total, successes);
  const observed = logP(group1.x);
  const threshold = observed + Math.log1p(1e-7);
  let p = 0;
  for (let k = lowest; k <= highest; k++) {
    const logPk = logP(k);
    if (logPk <= threshold) p += Math.exp(logPk);
  }
  return Math.min(1, p);
}
