import { StatisticInputError } from '../analytics-error';
import { fisherExactP } from './fisher-exact';
import { newcombeInterval } from './newcombe-interval';
import { relativeLift } from './relative-lift';
import { compareProportionsTest, twoProportionZTestP } from './two-proportion-test';
import { wilsonInterval } from './wilson-interval';

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

describe('wilsonInterval', () => {
  it('gives the single-proportion ends that Newcombe 1998 (Table II) builds on', () => {
    // 0/20 and 0/10: upper ends 0.1611 and 0.2775 (Table II (e) is -0.1611 to 0.2775); 10/10: lower 0.7225.
    expect(round4(wilsonInterval({ x: 0, n: 20 }).upper)).toBe(0.1611);
    expect(round4(wilsonInterval({ x: 0, n: 10 }).upper)).toBe(0.2775);
    expect(wilsonInterval({ x: 0, n: 10 }).lower).toBe(0);
    expect(round4(wilsonInterval({ x: 10, n: 10 }).lower)).toBe(0.7225);
    expect(wilsonInterval({ x: 10, n: 10 }).upper).toBe(1);
  });

  it('is symmetric about one half and narrows with n', () => {
    const small = wilsonInterval({ x: 10, n: 20 });
    expect(small.lower + small.upper).toBeCloseTo(1, 12);
    const large = wilsonInterval({ x: 1000, n: 2000 });
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });

  it('refuses impossible counts with the field named', () => {
    expect(() => wilsonInterval({ x: 3, n: 2 })).toThrow(StatisticInputError);
    expect(() => wilsonInterval({ x: 3, n: 2 })).toThrow(/group\.x must be a count between 0 and n = 2/);
    expect(() => wilsonInterval({ x: 0, n: 0 })).toThrow(/group\.n must be at least 1/);
    expect(() => wilsonInterval({ x: 1, n: 2 }, 1.5)).toThrow(/confidence must be between 0 and 1/);
  });
});

describe('newcombeInterval (Newcombe 1998, Statistics in Medicine 17:873-890, Table II, method 10)', () => {
  // The published 95% limits, as quoted from p. 877 by the R package pairwiseCI's documentation and
  // reproduced by statsmodels' confint_proportions_2indep(method="newcomb").
  it.each([
    ['(a) 56/70 - 48/80', [56, 70, 48, 80], 0.2, 0.0524, 0.3339],
    ['(b) 9/10 - 3/10', [9, 10, 3, 10], 0.6, 0.1705, 0.809],
    ['(d) 5/56 - 0/29', [5, 56, 0, 29], 5 / 56, -0.0381, 0.1926],
    ['(e) 0/10 - 0/20', [0, 10, 0, 20], 0, -0.1611, 0.2775],
    ['(h) 10/10 - 0/10', [10, 10, 0, 10], 1, 0.6075, 1],
  ])('%s', (_name, [x1, n1, x2, n2], difference, lower, upper) => {
    const interval = newcombeInterval({ x: x1!, n: n1! }, { x: x2!, n: n2! });
    expect(interval.difference).toBeCloseTo(difference, 12);
    expect(round4(interval.lower)).toBe(lower);
    expect(round4(interval.upper)).toBe(upper);
  });

  it('swapping the groups mirrors the interval', () => {
    const ab = newcombeInterval({ x: 12, n: 40 }, { x: 3, n: 35 });
    const ba = newcombeInterval({ x: 3, n: 35 }, { x: 12, n: 40 });
    expect(ba.lower).toBeCloseTo(-ab.upper, 12);
    expect(ba.upper).toBeCloseTo(-ab.lower, 12);
  });
});

describe('fisherExactP', () => {
  it("matches R's fisher.test on Fisher's tea-tasting table (3 1 / 1 3): p = 0.4857", () => {
    expect(round4(fisherExactP({ x: 3, n: 4 }, { x: 1, n: 4 }))).toBe(0.4857);
  });

  it('matches R on (1 9 / 11 3): p = 0.002759', () => {
    // fisher.test(matrix(c(1, 11, 9, 3), 2)): men 1 of 10 dieting, women 11 of 14.
    expect(fisherExactP({ x: 1, n: 10 }, { x: 11, n: 14 })).toBeCloseTo(0.002759, 6);
  });

  it('is 1 for identical groups and for a table without successes', () => {
    expect(fisherExactP({ x: 2, n: 10 }, { x: 2, n: 10 })).toBeCloseTo(1, 12);
    expect(fisherExactP({ x: 0, n: 10 }, { x: 0, n: 7 })).toBe(1);
  });
});

describe('twoProportionZTestP and the small-count rule', () => {
  it('is the pooled z-test: 56/70 vs 48/80 gives z = 2.6500, p = 0.0080', () => {
    // By hand: pooled 104/150; se = sqrt(0.69333 · 0.30667 · (1/70 + 1/80)) = 0.075470; z = 0.2 / se.
    expect(round4(twoProportionZTestP({ x: 56, n: 70 }, { x: 48, n: 80 }))).toBe(0.008);
  });

  it('uses the z-test when every expected count is at least 5, Fisher below', () => {
    expect(compareProportionsTest({ x: 56, n: 70 }, { x: 48, n: 80 }).method).toBe('z-test');
    // Expected conversions in the holdout: 20 · 7 / 220 = 0.64.
    const small = compareProportionsTest({ x: 6, n: 200 }, { x: 1, n: 20 });
    expect(small.method).toBe('fisher-exact');
    expect(small.pValue).toBeCloseTo(fisherExactP({ x: 6, n: 200 }, { x: 1, n: 20 }), 15);
  });

  it('gives p = 1 when nobody converted', () => {
    expect(twoProportionZTestP({ x: 0, n: 100 }, { x: 0, n: 100 })).toBe(1);
  });
});

describe('relativeLift (Katz log interval)', () => {
  it('56/70 vs 48/80: ratio 1.3333, 95% 1.0766 to 1.6512', () => {
    // By hand: se(ln RR) = sqrt(1/56 - 1/70 + 1/48 - 1/80) = 0.109109; exp(ln(4/3) ± 1.959964 · se).
    const lift = relativeLift({ x: 56, n: 70 }, { x: 48, n: 80 })!;
    expect(round4(lift.lift)).toBe(0.3333);
    expect(round4(lift.lower)).toBe(0.0766);
    expect(round4(lift.upper)).toBe(0.6512);
  });

  it('is null when a group has no conversions', () => {
    expect(relativeLift({ x: 5, n: 50 }, { x: 0, n: 10 })).toBeNull();
  });
});
