import fc from 'fast-check';
import { rankAuc } from './auc';

const auc = (scores: number[], labels: number[], rows?: number[]) =>
  rankAuc(Float64Array.from(scores), Uint8Array.from(labels), rows ? Uint32Array.from(rows) : null);

describe('rankAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts the pairs a ranking orders correctly (3 of 4 here)', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 0.35 > 0.1, 0.8 > both; 0.35 < 0.4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts a tie between a responder and a non-responder as one half', () => {
    expect(auc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(auc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0])).toBe(0.5);
    // Pairs: (0.7 vs 0.2) 1, (0.7 vs 0.7) 0.5, (0.2 vs 0.2) 0.5, (0.2 vs 0.7) 0 -> 2 / 4.
    expect(auc([0.7, 0.2, 0.2, 0.7], [1, 1, 0, 0])).toBe(0.5);
    // Positive 0.5 ties one negative (0.5) and beats one (0.1): 1.5 / 2.
    expect(auc([0.5, 0.5, 0.1], [1, 0, 0])).toBe(0.75);
  });

  it('reads only the given rows', () => {
    expect(auc([0.9, 0.1, 0.8, 0.2], [0, 0, 1, 1], [1, 2])).toBe(1);
  });

  it('is undefined (NaN) without both classes', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(auc([], [])).toBeNaN();
  });
});

describe('rankAuc properties', () => {
  const sample = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 60 })
    .filter((rows) => rows.some(([, l]) => l) && rows.some(([, l]) => !l));
  const arrays = (rows: [number, boolean][]) => ({
    scores: Float64Array.from(rows.map(([s]) => s)),
    labels: Uint8Array.from(rows.map(([, l]) => (l ? 1 : 0))),
  });

  it('equals the share of (responder, non-responder) pairs ranked right, ties one half', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const { scores, labels } = arrays(rows);
        let pairs = 0;
        let right = 0;
        for (const [s, l] of rows) {
          if (!l) continue;
          for (const [t, m] of rows) {
            if (m) continue;
            pairs++;
            right += s > t ? 1 : s === t ? 0.5 : 0;
          }
        }
        expect(rankAuc(scores, labels)).toBeCloseTo(right / pairs, 12);
      }),
    );
  });

  it('is unchanged by a strictly increasing transform and mirrored by a decreasing one', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const { scores, labels } = arrays(rows);
        const auc = rankAuc(scores, labels);
        expect(
          rankAuc(
            scores.map((s) => Math.exp(s / 5) + 3),
            labels,
          ),
        ).toBeCloseTo(auc, 12);
        expect(
          rankAuc(
            scores.map((s) => -s),
            labels,
          ),
        ).toBeCloseTo(1 - auc, 12);
      }),
    );
  });
});
