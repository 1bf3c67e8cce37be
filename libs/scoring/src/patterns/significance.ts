import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** A 2x2 table: customers in / out of a pattern, with / without the KPI. */
export interface TwoByTwo {
  inWith: number;
  inWithout: number;
  outWith: number;
  outWithout: number;
}

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * Fisher's exact test, two-sided: the probability, under the hypergeometric distribution with the
 * table's margins, of tables no more likely than the observed one (R's fisher.test convention,
 * with a relative tolerance for ties in probability).
 */
export function fisherExactTwoSided(table: TwoByTwo): number {
  const { inWith: a, inWithout: b, outWith: c, outWithout: d } = table;
  const rowIn = a + b;
  const colWith = a + c;
  const total = a + b + c + d;
  const logDenominator = logChoose(total, colWith);
  const logP = (x: number) => logChoose(rowIn, x) + logChoose(total - rowIn, colWith - x) - logDenominator;
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, colWith - (total - rowIn)); x <= Math.min(rowIn, colWith); x++) {
    const value = logP(x);
    if (value <= observed + 1e-7 * Math.abs(observed) + 1e-12) p += Math.exp(value);
  }
  return Math.min(1, p);
}

/**
 * Pearson's chi-square test of independence on a 2x2 table (1 degree of freedom, no continuity
 * correction), as the two-sided normal tail of the signed root: the same p-value without a
 * chi-square CDF. NaN when a margin is empty.
 */
export function chiSquareTwoByTwo(table: TwoByTwo): number {
  const { inWith: a, inWithout: b, outWith: c, outWithout: d } = table;
  const n = a + b + c + d;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  if (margins === 0) return Number.NaN;
  const z = ((a * d - b * c) * Math.sqrt(n)) / Math.sqrt(margins);
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/**
 * The 2x2 test to use: Fisher's exact test when an expected count is under 5 (where the
 * chi-square approximation is poor, Cochran 1954), else chi-square (Fisher's sum grows with the
 * counts, and with thousands per cell the two agree).
 */
export function twoByTwoPValue(table: TwoByTwo): { test: 'fisher' | 'chi-square'; pValue: number } {
  const { inWith: a, inWithout: b, outWith: c, outWithout: d } = table;
  const n = a + b + c + d;
  const smallest = Math.min((a + b) * (a + c), (a + b) * (b + d), (c + d) * (a + c), (c + d) * (b + d)) / n;
  return smallest < 5
    ? { test: 'fisher', pValue: fisherExactTwoSided(table) }
    : { test: 'chi-square', pValue: chiSquareTwoByTwo(table) };
}

/** Count, mean and (unbiased) variance of a sample, from its sums. */
export interface SampleMoments {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/** Welch's t-test of two means with unequal variances (two-sided), with Welch-Satterthwaite degrees of freedom. */
export function welchTTest(x: SampleMoments, y: SampleMoments): number {
  if (x.count < 2 || y.count < 2) return Number.NaN;
  const meanX = x.sum / x.count;
  const meanY = y.sum / y.count;
  const varX = Math.max(0, (x.sumOfSquares - x.count * meanX * meanX) / (x.count - 1));
  const varY = Math.max(0, (y.sumOfSquares - y.count * meanY * meanY) / (y.count - 1));
  const se2 = varX / x.count + varY / y.count;
  if (se2 === 0) return meanX === meanY ? 1 : 0;
  const t = (meanX - meanY) / Math.sqrt(se2);
  const df = (se2 * se2) / ((varX / x.count) ** 2 / (x.count - 1) + (varY / y.count) ** 2 / (y.count - 1));
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values): the false discovery rate at which each test
 * would be rejected (Benjamini & Hochberg 1995). NaN p-values stay NaN and do not count as tests.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, index) => ({ p, index })).filter((t) => !Number.isNaN(t.p));
  tested.sort((x, y) => x.p - y.p || x.index - y.index);
  const m = tested.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = tested[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
