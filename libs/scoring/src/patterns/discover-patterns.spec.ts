import { validateSegmentRule } from '@kizuna/segments';
import type { PatternFeature } from './conditions';
import { discoverPatterns } from './discover-patterns';

/**
 * 400 customers: F score 1-4 (100 each) and whether they buy mostly in the morning (i % 5 < 2:
 * 160). The KPI holds for every F >= 3 morning buyer and for 1 in 10 of the others.
 */
const N = 400;
const fScore = Float64Array.from({ length: N }, (_, i) => 1 + (i % 4));
const morning = (i: number) => i % 5 < 2;
const secondPurchase = Uint8Array.from({ length: N }, (_, i) =>
  (fScore[i]! >= 3 && morning(i)) || i % 10 === 9 ? 1 : 0,
);
const features: PatternFeature[] = [
  { name: 'f_score', kind: 'numeric', values: fScore, rule: { type: 'metric', field: 'f_score' }, thresholds: [3] },
  {
    name: 'time_of_day',
    kind: 'categorical',
    codes: Int32Array.from({ length: N }, (_, i) => (morning(i) ? 0 : 1)),
    categories: ['morning', 'evening'],
    rule: { type: 'attribute', field: 'attributes.time_of_day' },
  },
];

describe('discoverPatterns', () => {
  const result = discoverPatterns(features, { kind: 'binary', values: secondPurchase }, { minCustomers: 10 });
  const count = (holds: (i: number) => boolean) => Array.from({ length: N }, (_, i) => i).filter(holds).length;

  it('ranks the conjunction that explains the KPI first, with support, rate, lift and a corrected test', () => {
    const overall = count((i) => secondPurchase[i] === 1) / N;
    expect(result.overall).toBe(overall);
    const top = result.patterns[0]!;
    expect(top.conditions.map((c) => [c.feature, c.operator, c.value])).toEqual([
      ['f_score', 'gte', 3],
      ['time_of_day', 'eq', 'morning'],
    ]);
    const inPattern = count((i) => fScore[i]! >= 3 && morning(i));
    expect(top.customers).toBe(inPattern);
    expect(top.support).toBe(inPattern / N);
    expect(top.kpi).toBe(1);
    expect(top.lift).toBeCloseTo(1 / overall, 12);
    expect(top.test).toBe('chi-square');
    expect(top.significant).toBe(true);
    expect(top.qValue).toBeGreaterThanOrEqual(top.pValue);
  });

  it('states every pattern as a valid segment rule', () => {
    for (const pattern of result.patterns) expect(validateSegmentRule(pattern.segmentRule).ok).toBe(true);
    expect(result.patterns[0]!.segmentRule.root.rules).toEqual([
      { type: 'metric', field: 'f_score', operator: 'gte', value: 3 },
      { type: 'attribute', field: 'attributes.time_of_day', operator: 'eq', value: 'morning' },
    ]);
  });

  it('keeps a conjunction only when it moves the KPI further than both its parts', () => {
    // "F < 3 and evening" (rate 1/10) is no further from the overall rate than "F < 3" alone (1/10).
    const weak = result.patterns.find(
      (p) => p.conditions.length === 2 && p.conditions[0]!.operator === 'lt' && p.conditions[1]!.value === 'evening',
    );
    expect(weak).toBeUndefined();
    expect(result.tested).toBeLessThan(4 + 4);
  });

  it('tests a numeric KPI by difference of means', () => {
    const spend = Float64Array.from({ length: N }, (_, i) => 1000 * fScore[i]! + (morning(i) ? 500 : 0));
    const numeric = discoverPatterns(
      features,
      { kind: 'numeric', values: spend },
      { minCustomers: 10, maxConditions: 1 },
    );
    const top = numeric.patterns[0]!;
    expect(top.conditions.map((c) => [c.feature, c.operator, c.value])).toEqual([['f_score', 'gte', 3]]);
    expect(top.test).toBe('welch-t');
    // F 3 and 4 average 3500, plus 500 for the 40% morning buyers: 3700; overall 2500 + 200.
    expect(top.kpi).toBe(3700);
    expect(top.lift).toBeCloseTo(3700 / 2700, 12);
    expect(top.significant).toBe(true);
  });

  it('leaves out patterns held by too few customers', () => {
    const few = discoverPatterns(features, { kind: 'binary', values: secondPurchase }, { minCustomers: 150 });
    expect(few.patterns.every((p) => p.customers >= 150)).toBe(true);
  });
});
