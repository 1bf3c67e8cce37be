import { bestCrossSell, coPurchaseRules, topCorrelated, type BasketItems } from './co-purchase';

/** Ten customers over series 1 (A), 2 (B), 3 (C). */
const baskets: BasketItems = (() => {
  const rows: [number, number][] = [];
  const add = (basket: number, ...items: number[]) => items.forEach((item) => rows.push([basket, item]));
  // A and B together 4 times; A alone 2; B alone 1; C with A once; C alone twice.
  add(1, 1, 2);
  add(2, 1, 2);
  add(3, 2, 1, 1); // duplicates count once
  add(4, 1, 2);
  add(5, 1);
  add(6, 1);
  add(7, 2);
  add(8, 1, 3);
  add(9, 3);
  add(10, 3);
  return { baskets: Int32Array.from(rows.map((r) => r[0])), items: Int32Array.from(rows.map((r) => r[1])) };
})();

describe('coPurchaseRules', () => {
  it('computes support, confidence and lift of each direction of a pair', () => {
    const { baskets: total, itemCounts, rules } = coPurchaseRules(baskets, { minPairCount: 1 });
    expect(total).toBe(10);
    expect(itemCounts).toEqual(
      new Map([
        [1, 7],
        [2, 5],
        [3, 3],
      ]),
    );
    const rule = (a: number, b: number) => rules.find((r) => r.antecedent === a && r.consequent === b);
    // A -> B: 4 of 7 A buyers bought B; B overall 5 / 10: lift (4/7) / 0.5 = 8/7.
    expect(rule(1, 2)).toEqual({
      antecedent: 1,
      consequent: 2,
      pairCount: 4,
      support: 0.4,
      confidence: 4 / 7,
      lift: 8 / 7,
    });
    // B -> A: 4 of 5; A overall 7 / 10: lift 0.8 / 0.7.
    expect(rule(2, 1)!.confidence).toBe(0.8);
    expect(rule(2, 1)!.lift).toBeCloseTo(8 / 7, 12);
    // A -> C: 1 of 7; C overall 3 / 10: lift (1/7) / 0.3 < 1.
    expect(rule(1, 3)!.lift).toBeCloseTo(1 / 7 / 0.3, 12);
    expect(rule(2, 3)).toBeUndefined();
    expect(rules[0]!.lift).toBeGreaterThanOrEqual(rules[rules.length - 1]!.lift);
  });

  it('drops pairs below the minimum count or support', () => {
    expect(coPurchaseRules(baskets, { minPairCount: 2 }).rules.map((r) => [r.antecedent, r.consequent])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(coPurchaseRules(baskets, { minPairCount: 1, minSupport: 0.5 }).rules).toEqual([]);
  });

  it('lists the items most associated with one', () => {
    const { rules } = coPurchaseRules(baskets, { minPairCount: 1 });
    expect(topCorrelated(rules, 1).map((r) => r.consequent)).toEqual([2, 3]);
    expect(topCorrelated(rules, 1, 1).map((r) => r.consequent)).toEqual([2]);
  });

  it('refuses rows not sorted by basket', () => {
    expect(() => coPurchaseRules({ baskets: Int32Array.from([2, 1]), items: Int32Array.from([1, 1]) })).toThrow(
      /sorted by basket/,
    );
  });
});

describe('bestCrossSell', () => {
  it('suggests the missing item with the highest confidence, or nothing', () => {
    const { rules } = coPurchaseRules(baskets, { minPairCount: 1 });
    const best = bestCrossSell(baskets, rules);
    expect(Array.from(best.basketIds)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Basket 5 (A only): A -> B (4/7) beats A -> C (1/7). Basket 7 (B only): B -> A (0.8).
    expect(best.item[4]).toBe(2);
    expect(best.confidence[4]).toBeCloseTo(4 / 7, 12);
    expect(best.item[6]).toBe(1);
    // Basket 9 (C only): C -> A (1/3). Basket 1 (A and B): A -> C (1/7); B has no rule to C.
    expect(best.item[8]).toBe(1);
    expect(best.item[0]).toBe(3);
    expect(best.confidence[0]).toBeCloseTo(1 / 7, 12);
  });
});
