import { SEGMENT_RULE_VERSION } from '@kizuna/segments';
import { evaluateConditions, popcount, type PatternCondition, type PatternFeature } from './conditions';
import { benjaminiHochberg, twoByTwoPValue, welchTTest, type SampleMoments } from './significance';

/** The KPI per customer: binary (e.g. a 2nd purchase within 60 days) or numeric (e.g. spend). */
export type PatternKpi = { kind: 'binary'; values: Uint8Array } | { kind: 'numeric'; values: Float64Array };

export interface PatternOptions {
  /** Conditions per pattern: 1 or 2 (default 2). */
  maxConditions?: 1 | 2;
  /** Smallest share of customers a pattern must hold for (default 0.02) and count (default 30). */
  minSupport?: number;
  minCustomers?: number;
  /** Cut points of numeric features without their own (default quartiles). */
  quantiles?: readonly number[];
  /** False discovery rate under which a pattern is significant (default 0.05). */
  alpha?: number;
  /** Patterns returned (default 20). */
  limit?: number;
}

export interface Pattern {
  conditions: PatternCondition[];
  /** Customers the pattern holds for, and their share of all. */
  customers: number;
  support: number;
  /** Binary KPI: the rate in the pattern; numeric: the mean. */
  kpi: number;
  /** kpi / the KPI over every customer. */
  lift: number;
  test: 'fisher' | 'chi-square' | 'welch-t';
  pValue: number;
  /** Benjamini-Hochberg adjusted over every pattern tested. */
  qValue: number;
  significant: boolean;
  /** The pattern as a segment rule, to save it as a segment. */
  segmentRule: { version: number; root: { type: 'group'; combinator: 'and'; rules: Record<string, unknown>[] } };
}

export interface PatternDiscovery {
  customers: number;
  /** The KPI over every customer (rate or mean). */
  overall: number;
  tested: number;
  patterns: Pattern[];
}

interface Candidate {
  conditions: PatternCondition[];
  customers: number;
  kpi: number;
  test: Pattern['test'];
  pValue: number;
}

/**
 * Finds the behaviour patterns (one condition, or two on different features) most associated with
 * a KPI: each pattern's support, KPI and lift against all customers, a test of pattern vs the rest
 * (2x2 exact or chi-square for a binary KPI, Welch's t for a numeric one), Benjamini-Hochberg
 * correction over every pattern tested, and only conjunctions that beat both their parts' lifts
 * (otherwise the second condition adds nothing). Ranked significant first, then by lift.
 */
export function discoverPatterns(
  features: readonly PatternFeature[],
  kpi: PatternKpi,
  options: PatternOptions = {},
): PatternDiscovery {
  const n = kpi.values.length;
  const minCustomers = Math.max(options.minCustomers ?? 30, Math.ceil((options.minSupport ?? 0.02) * n));
  const conditions = evaluateConditions(features, n, options.quantiles).filter((c) => c.count >= minCustomers);
  const words = Math.ceil(n / 32);
  // The KPI as a bitset (binary) and the total moments (numeric).
  const kpiBits = new Uint32Array(words);
  const total: SampleMoments = { count: n, sum: 0, sumOfSquares: 0 };
  for (let i = 0; i < n; i++) {
    const value = kpi.values[i]!;
    if (kpi.kind === 'binary' && value) kpiBits[i >>> 5]! |= 1 << (i & 31);
    total.sum += value;
    total.sumOfSquares += value * value;
  }
  const overall = n ? total.sum / n : Number.NaN;
  const scratch = new Uint32Array(words);

  const measure = (members: Uint32Array, count: number, parts: PatternCondition[]): Candidate => {
    if (kpi.kind === 'binary') {
      let inWith = 0;
      for (let w = 0; w < words; w++) inWith += popcount(members[w]! & kpiBits[w]!);
      const { test, pValue } = twoByTwoPValue({
        inWith,
        inWithout: count - inWith,
        outWith: total.sum - inWith,
        outWithout: n - count - (total.sum - inWith),
      });
      return { conditions: parts, customers: count, kpi: inWith / count, test, pValue };
    }
    const inside: SampleMoments = { count, sum: 0, sumOfSquares: 0 };
    for (let w = 0; w < words; w++) {
      let word = members[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        const value = kpi.values[w * 32 + bit]!;
        inside.sum += value;
        inside.sumOfSquares += value * value;
        word &= word - 1;
      }
    }
    const outside = {
      count: n - count,
      sum: total.sum - inside.sum,
      sumOfSquares: total.sumOfSquares - inside.sumOfSquares,
    };
    return {
      conditions: parts,
      customers: count,
      kpi: inside.sum / count,
      test: 'welch-t',
      pValue: welchTTest(inside, outside),
    };
  };

  const candidates: Candidate[] = conditions.map((c) => measure(c.members, c.count, [c.condition]));
  const singleKpi = candidates.map((c) => c.kpi);
  if ((options.maxConditions ?? 2) === 2) {
    for (let a = 0; a < conditions.length; a++) {
      for (let b = a + 1; b < conditions.length; b++) {
        const [x, y] = [conditions[a]!, conditions[b]!];
        if (x.featureIndex === y.featureIndex) continue;
        let count = 0;
        for (let w = 0; w < words; w++) {
          scratch[w] = x.members[w]! & y.members[w]!;
          count += popcount(scratch[w]!);
        }
        if (count < minCustomers) continue;
        const candidate = measure(scratch, count, [x.condition, y.condition]);
        // A conjunction is kept when it moves the KPI further from the overall value than either part.
        const distance = (value: number) => Math.abs(Math.log(value / overall));
        if (distance(candidate.kpi) > Math.max(distance(singleKpi[a]!), distance(singleKpi[b]!))) {
          candidates.push(candidate);
        }
      }
    }
  }
  const qValues = benjaminiHochberg(candidates.map((c) => c.pValue));
  const alpha = options.alpha ?? 0.05;
  const patterns = candidates.map((candidate, index): Pattern => {
    const qValue = qValues[index]!;
    return {
      ...candidate,
      support: candidate.customers / n,
      lift: candidate.kpi / overall,
      qValue,
      significant: qValue < alpha,
      segmentRule: {
        version: SEGMENT_RULE_VERSION,
        root: { type: 'group', combinator: 'and', rules: candidate.conditions.map((c) => c.rule) },
      },
    };
  });
  patterns.sort(
    (x, y) =>
      Number(y.significant) - Number(x.significant) ||
      y.lift - x.lift ||
      y.customers - x.customers ||
      x.conditions.length - y.conditions.length,
  );
  return { customers: n, overall, tested: candidates.length, patterns: patterns.slice(0, options.limit ?? 20) };
}
