import { compareGroups, type GroupOutcome } from './compare-groups';
import { repeatRateByStage } from './repeat-rate-by-stage';
import { returnOnInvestment } from './roi';
import { compareSplitArms } from './split-comparison';

const group = (customers: number, converted: number, mean = 0, variance = 0): GroupOutcome => ({
  customers,
  converted,
  revenue: { n: customers, mean, variance },
});

describe('compareGroups', () => {
  it('puts the figures of one treated/holdout comparison together', () => {
    const lift = compareGroups(group(70, 56, 4000, 9e6), group(80, 48, 3000, 8e6))!;
    expect(lift.treatedRate).toBe(0.8);
    expect(lift.controlRate).toBe(0.6);
    expect(lift.difference.estimate).toBeCloseTo(0.2, 12);
    expect(lift.difference.lower).toBeCloseTo(0.0524, 4);
    expect(lift.difference.upper).toBeCloseTo(0.3339, 4);
    expect(lift.significant).toBe(true);
    expect(lift.test.method).toBe('z-test');
    expect(lift.relativeLift!.lift).toBeCloseTo(1 / 3, 12);
    expect(lift.revenuePerCustomer!.difference).toBe(1000);
    expect(lift.sequential!.difference).toBeCloseTo(0.2, 12);
  });

  it('switches to the exact test for a small holdout and says nothing for an empty one', () => {
    expect(compareGroups(group(200, 12), group(20, 1))!.test.method).toBe('fisher-exact');
    expect(compareGroups(group(200, 12), group(0, 0))).toBeNull();
  });
});

describe('compareSplitArms', () => {
  it('names a winner only when it beats every other arm significantly', () => {
    const clear = compareSplitArms([
      { arm: 'coupon', ...group(2000, 300) },
      { arm: 'care', ...group(2000, 200) },
    ]);
    expect(clear.winner).toBe('coupon');
    expect(clear.pairs).toHaveLength(1);
    expect(clear.pairs[0]).toMatchObject({ arm: 'coupon', against: 'care' });

    const close = compareSplitArms([
      { arm: 'coupon', ...group(200, 30) },
      { arm: 'care', ...group(200, 25) },
    ]);
    expect(close.winner).toBeNull();
  });

  it('corrects for the number of pairs among three arms', () => {
    const result = compareSplitArms([
      { arm: 'a', ...group(3000, 450) },
      { arm: 'b', ...group(3000, 300) },
      { arm: 'c', ...group(3000, 440) },
    ]);
    expect(result.pairConfidence).toBeCloseTo(1 - 0.05 / 3, 12);
    expect(result.pairs).toHaveLength(3);
    // a beats b but not c: no winner.
    expect(result.winner).toBeNull();
    expect(result.arms.map((arm) => arm.rate)).toEqual([0.15, 0.1, 440 / 3000]);
  });

  it('with the sequential option, decides on the always-valid sequence (more cautious)', () => {
    const arms = [
      { arm: 'a', ...group(1500, 200) },
      { arm: 'b', ...group(1500, 150) },
    ];
    expect(compareSplitArms(arms).winner).toBe('a');
    expect(compareSplitArms(arms, { useSequential: true }).winner).toBeNull();
  });
});

describe('repeatRateByStage', () => {
  it('gives points gained per stage with the interval in points', () => {
    const [first, lapsed] = repeatRateByStage([
      {
        stage: 'new_active',
        label: '新規現役',
        treated: { customers: 70, repeated: 56 },
        control: { customers: 80, repeated: 48 },
      },
      {
        stage: 'loyal_lapsed',
        label: '優良離脱',
        treated: { customers: 10, repeated: 1 },
        control: { customers: 0, repeated: 0 },
      },
    ]);
    expect(first).toMatchObject({ stage: 'new_active', treatedRepeatRate: 0.8, controlRepeatRate: 0.6 });
    expect(first!.pointsGained!.estimate).toBeCloseTo(20, 10);
    expect(first!.pointsGained!.lower).toBeCloseTo(5.24, 2);
    expect(first!.pointsGained!.upper).toBeCloseTo(33.39, 2);
    expect(lapsed).toMatchObject({ treatedRepeatRate: 0.1, controlRepeatRate: null, pointsGained: null });
  });
});

describe('returnOnInvestment', () => {
  it('incremental revenue = lift x customers x AOV, minus the channel costs', () => {
    const roi = returnOnInvestment({
      treatedCustomers: 10_000,
      difference: { estimate: 0.02, lower: 0.005, upper: 0.035 },
      averageOrderValue: 6000,
      cost: 300_000,
    });
    expect(roi.incrementalConversions).toBeCloseTo(200, 10);
    expect(roi.incrementalRevenue.estimate).toBeCloseTo(1_200_000, 6);
    expect(roi.incrementalRevenue.lower).toBeCloseTo(300_000, 6);
    expect(roi.net.estimate).toBeCloseTo(900_000, 6);
    expect(roi.net.lower).toBeCloseTo(0, 6);
    expect(roi.roi).toBeCloseTo(3, 10);
    expect(
      returnOnInvestment({
        ...{ treatedCustomers: 1, averageOrderValue: 1 },
        difference: { estimate: 0, lower: 0, upper: 0 },
        cost: 0,
      }).roi,
    ).toBeNull();
  });
});
