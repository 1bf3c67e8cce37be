import { evaluateConditions, popcount, quantileThresholds } from './conditions';

describe('pattern conditions', () => {
  it('cuts numeric features at distinct quartiles above the minimum', () => {
    const values = Float64Array.from([1, 1, 1, 1, 2, 3, 4, 5, Number.NaN]);
    // 8 known values: nearest ranks 2, 4, 6 -> 1, 1, 3; 1 is the minimum.
    expect(quantileThresholds(values, [0.25, 0.5, 0.75])).toEqual([3]);
  });

  it('states each cut both ways and each category, as bitsets with counts', () => {
    const conditions = evaluateConditions(
      [
        {
          name: 'f',
          kind: 'numeric',
          values: Float64Array.from([1, 2, 3, Number.NaN]),
          rule: { type: 'metric', field: 'f_score' },
          thresholds: [2],
        },
        {
          name: 'time',
          kind: 'categorical',
          codes: Int32Array.from([0, 1, -1, 0]),
          categories: ['morning', 'evening'],
          rule: { type: 'attribute', key: 'time' },
        },
      ],
      4,
    );
    expect(conditions.map((c) => [c.condition.feature, c.condition.operator, c.condition.value, c.count])).toEqual([
      ['f', 'gte', 2, 2],
      ['f', 'lt', 2, 1],
      ['time', 'eq', 'morning', 2],
      ['time', 'eq', 'evening', 1],
    ]);
    expect(Array.from(conditions[0]!.members)).toEqual([0b0110]);
    expect(conditions[0]!.condition.rule).toEqual({ type: 'metric', field: 'f_score', operator: 'gte', value: 2 });
  });

  it('counts set bits', () => {
    expect(popcount(0)).toBe(0);
    expect(popcount(0xffffffff | 0)).toBe(32);
    expect(popcount(0b1011)).toBe(3);
  });
});
