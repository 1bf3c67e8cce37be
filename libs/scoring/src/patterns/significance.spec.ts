import fc from 'fast-check';
import { benjaminiHochberg, chiSquareTwoByTwo, fisherExactTwoSided, twoByTwoPValue, welchTTest } from './significance';

describe('fisherExactTwoSided', () => {
  it("gives Fisher's tea-tasting p-value (3 of 4 cups right: 0.4857)", () => {
    // Tables with a = 0..4 have probabilities 1, 16, 36, 16, 1 over 70; a = 3 or 1, 0 or 4 are as unlikely.
    expect(fisherExactTwoSided({ inWith: 3, inWithout: 1, outWith: 1, outWithout: 3 })).toBeCloseTo(34 / 70, 12);
    expect(fisherExactTwoSided({ inWith: 4, inWithout: 0, outWith: 0, outWithout: 4 })).toBeCloseTo(2 / 70, 12);
  });

  it('is 1 for a table exactly at independence', () => {
    expect(fisherExactTwoSided({ inWith: 2, inWithout: 2, outWith: 2, outWithout: 2 })).toBeCloseTo(1, 12);
  });
});

describe('chiSquareTwoByTwo', () => {
  it('matches the chi-square statistic of a hand-computed table', () => {
    // [[20, 30], [30, 20]]: chi2 = 100 * (400 - 900)^2 / (50^4) = 4, so p = P(|Z| > 2) = 0.0455.
    expect(chiSquareTwoByTwo({ inWith: 20, inWithout: 30, outWith: 30, outWithout: 20 })).toBeCloseTo(0.0455003, 6);
  });

  it('is undefined with an empty margin', () => {
    expect(chiSquareTwoByTwo({ inWith: 0, inWithout: 0, outWith: 3, outWithout: 4 })).toBeNaN();
  });
});

describe('twoByTwoPValue', () => {
  it('uses the exact test for small expected counts and chi-square otherwise', () => {
    expect(twoByTwoPValue({ inWith: 3, inWithout: 1, outWith: 1, outWithout: 3 }).test).toBe('fisher');
    expect(twoByTwoPValue({ inWith: 20, inWithout: 30, outWith: 30, outWithout: 20 }).test).toBe('chi-square');
  });
});

describe('welchTTest', () => {
  it('gives the two-sided p-value of a hand-computed difference of means', () => {
    // x = 1..5 (mean 3, var 2.5), y = 3..7 (mean 5, var 2.5): t = -2 / sqrt(1) = -2, df = 8.
    const moments = (values: number[]) => ({
      count: values.length,
      sum: values.reduce((s, v) => s + v, 0),
      sumOfSquares: values.reduce((s, v) => s + v * v, 0),
    });
    // P(|T_8| > 2) = 0.0805 (t tables).
    expect(welchTTest(moments([1, 2, 3, 4, 5]), moments([3, 4, 5, 6, 7]))).toBeCloseTo(0.0805, 4);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts p-values by rank and keeps them monotone', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): p·m/rank = 0.02, 0.02, 0.04, 0.04.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q.map((v) => Number(v.toFixed(12)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('carries a smaller adjusted value down to larger p-values', () => {
    // 0.01·3/1 = 0.03, 0.02·3/2 = 0.03, 0.025·3/3 = 0.025 -> the minimum from the end: 0.025 for all.
    expect(benjaminiHochberg([0.01, 0.02, 0.025]).map((v) => Number(v.toFixed(12)))).toEqual([0.025, 0.025, 0.025]);
  });

  it('leaves NaN out of the count', () => {
    expect(benjaminiHochberg([Number.NaN, 0.01])).toEqual([Number.NaN, 0.01]);
  });
});

describe('benjaminiHochberg properties', () => {
  it('never lowers a p-value, caps at 1, and keeps the order of the p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (p) => {
        const q = benjaminiHochberg(p);
        p.forEach((value, i) => {
          expect(q[i]!).toBeGreaterThanOrEqual(value - 1e-15);
          expect(q[i]!).toBeLessThanOrEqual(1);
        });
        const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
        for (let k = 1; k < order.length; k++) expect(q[order[k]!]!).toBeGreaterThanOrEqual(q[order[k - 1]!]! - 1e-15);
      }),
    );
  });
});
