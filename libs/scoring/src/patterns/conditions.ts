/**
 * A customer feature patterns are built from. `rule` is the segment condition that reads the same
 * figure (e.g. `{ type: 'metric', field: 'f_score' }`, or `{ type: 'preference', dimension:
 * 'series', name: 'うるおいライン', measure: 'share' }`), completed with an operator and a value
 * so a pattern can be saved as a segment.
 */
export type PatternFeature =
  | {
      name: string;
      kind: 'numeric';
      /** One value per customer; NaN: unknown (matches no condition on it). */
      values: Float64Array;
      rule: Record<string, unknown>;
      /** Cut points; default: the quartiles of the known values. */
      thresholds?: readonly number[];
    }
  | {
      name: string;
      kind: 'categorical';
      /** One category index per customer; -1: unknown. */
      codes: Int32Array;
      categories: readonly string[];
      rule: Record<string, unknown>;
    };

/** One side of a cut, or one category: a condition a segment rule can state. */
export interface PatternCondition {
  feature: string;
  operator: 'gte' | 'lt' | 'eq';
  value: number | string;
  /** Segment rule condition: the feature's rule with this operator and value. */
  rule: Record<string, unknown>;
}

/** A condition and the customers it holds for, as a bitset (bit i: customer i). */
export interface EvaluatedCondition {
  condition: PatternCondition;
  featureIndex: number;
  members: Uint32Array;
  count: number;
}

export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Nearest-rank quantiles of the finite values, distinct, above the minimum (">= min" says nothing). */
export function quantileThresholds(values: Float64Array, quantiles: readonly number[]): number[] {
  const known = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (known.length === 0) return [];
  const cuts = quantiles.map((q) => known[Math.min(known.length - 1, Math.max(0, Math.ceil(q * known.length) - 1))]!);
  return [...new Set(cuts)].filter((cut) => cut > known[0]!).sort((a, b) => a - b);
}

function bitset(customers: number, holds: (i: number) => boolean): { members: Uint32Array; count: number } {
  const members = new Uint32Array(Math.ceil(customers / 32));
  let count = 0;
  for (let i = 0; i < customers; i++) {
    if (holds(i)) {
      members[i >>> 5]! |= 1 << (i & 31);
      count++;
    }
  }
  return { members, count };
}

/**
 * The conditions of each feature over `customers` customers: for a numeric feature, "≥ t" and
 * "< t" at each cut point (quartiles unless given); for a categorical one, "= c" per category.
 */
export function evaluateConditions(
  features: readonly PatternFeature[],
  customers: number,
  quantiles: readonly number[] = [0.25, 0.5, 0.75],
): EvaluatedCondition[] {
  const evaluated: EvaluatedCondition[] = [];
  features.forEach((feature, featureIndex) => {
    const add = (operator: PatternCondition['operator'], value: number | string, holds: (i: number) => boolean) => {
      const condition = { feature: feature.name, operator, value, rule: { ...feature.rule, operator, value } };
      evaluated.push({ condition, featureIndex, ...bitset(customers, holds) });
    };
    if (feature.kind === 'numeric') {
      const values = feature.values;
      for (const cut of feature.thresholds ?? quantileThresholds(values, quantiles)) {
        add('gte', cut, (i) => values[i]! >= cut);
        add('lt', cut, (i) => values[i]! < cut);
      }
    } else {
      feature.categories.forEach((category, code) => add('eq', category, (i) => feature.codes[i] === code));
    }
  });
  return evaluated;
}
