import { newcombeInterval } from '../proportions/newcombe-interval';
import { twoProportionZTestP } from '../proportions/two-proportion-test';
import { binomial, seededRandom } from '../testing/seeded-random';
import { alwaysValidDifference } from './always-valid';

describe('alwaysValidDifference (mixture SPRT)', () => {
  it('computes the mixture likelihood ratio of Johari et al. at one look', () => {
    // 120/1000 vs 80/1000: V = 0.12·0.88/1000 + 0.08·0.92/1000 = 0.0001792, τ² = 0.0004, d = 0.04;
    // ln Λ = ½ ln(V / (V + τ²)) + τ² d² / (2 V (V + τ²)) = -0.586575 + 3.083151 = 2.496576.
    const result = alwaysValidDifference({ x: 120, n: 1000 }, { x: 80, n: 1000 })!;
    expect(result.difference).toBeCloseTo(0.04, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-2.496576), 4);
    expect(result.significant).toBe(false);
  });

  it('agrees with its own p-value: the sequence excludes 0 exactly when p <= alpha', () => {
    for (const [x1, x2] of [
      [120, 80],
      [140, 80],
      [100, 100],
      [60, 95],
    ] as const) {
      const result = alwaysValidDifference({ x: x1, n: 1000 }, { x: x2, n: 1000 })!;
      expect(result.lower > 0 || result.upper < 0).toBe(result.significant);
    }
  });

  it('is wider than the fixed-sample interval: the price of looking any number of times', () => {
    const sequential = alwaysValidDifference({ x: 140, n: 1000 }, { x: 80, n: 1000 })!;
    const fixed = newcombeInterval({ x: 140, n: 1000 }, { x: 80, n: 1000 });
    expect(sequential.upper - sequential.lower).toBeGreaterThan(fixed.upper - fixed.lower);
  });

  it('under no difference, 12 daily looks reject at most alpha of the time; the fixed-sample test read daily does not', () => {
    // 600 simulated journeys; each day 100 treated and 100 holdout customers arrive, both convert at 10 %.
    const random = seededRandom(20261206);
    const experiments = 600;
    let sequentialRejected = 0;
    let naiveRejected = 0;
    for (let e = 0; e < experiments; e++) {
      const treated = { x: 0, n: 0 };
      const control = { x: 0, n: 0 };
      let sequential = false;
      let naive = false;
      for (let day = 0; day < 12; day++) {
        treated.x += binomial(random, 100, 0.1);
        treated.n += 100;
        control.x += binomial(random, 100, 0.1);
        control.n += 100;
        sequential ||= alwaysValidDifference(treated, control)?.significant ?? false;
        naive ||= twoProportionZTestP(treated, control) <= 0.05;
      }
      if (sequential) sequentialRejected++;
      if (naive) naiveRejected++;
    }
    expect(sequentialRejected / experiments).toBeLessThanOrEqual(0.05);
    // Peeking at the fixed-sample p-value: about a fifth of true nulls "significant" at some look.
    expect(naiveRejected / experiments).toBeGreaterThan(0.15);
  });

  it('detects a real difference as data accumulate', () => {
    const random = seededRandom(7);
    const treated = { x: 0, n: 0 };
    const control = { x: 0, n: 0 };
    let firstSignificantDay: number | null = null;
    for (let day = 0; day < 60 && firstSignificantDay === null; day++) {
      treated.x += binomial(random, 200, 0.14);
      treated.n += 200;
      control.x += binomial(random, 200, 0.1);
      control.n += 200;
      if (alwaysValidDifference(treated, control)?.significant) firstSignificantDay = day;
    }
    expect(firstSignificantDay).not.toBeNull();
  });

  it('has nothing to say without customers or without variance', () => {
    expect(alwaysValidDifference({ x: 0, n: 0 }, { x: 1, n: 10 })).toBeNull();
    expect(alwaysValidDifference({ x: 0, n: 10 }, { x: 0, n: 10 })).toBeNull();
    expect(() => alwaysValidDifference({ x: 1, n: 10 }, { x: 1, n: 10 }, { mixtureSd: 0 })).toThrow(
      /mixtureSd must be positive/,
    );
  });
});
