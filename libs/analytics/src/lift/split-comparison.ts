import type { GroupOutcome, LiftComparison, LiftOptions } from './compare-groups';
import { compareGroups } from './compare-groups';

export interface ArmOutcome extends GroupOutcome {
  arm: string;
}

export interface ArmPair {
  /** The arm with the higher observed rate, compared against `against`. */
  arm: string;
  against: string;
  comparison: LiftComparison | null;
}

export interface SplitComparison {
  arms: (ArmOutcome & { rate: number | null })[];
  pairs: ArmPair[];
  /** The arm that beats every other arm significantly; null while no arm does. */
  winner: string | null;
  /** Confidence each pair is judged at after the Bonferroni correction for the number of pairs. */
  pairConfidence: number;
  /** Whether the winner was decided on the always-valid figures (safe for daily looks). */
  sequential: boolean;
}

/**
 * A/B(/n) split: every pair of arms compared like treated against control, each pair at
 * 1 - alpha / pairs (Bonferroni), so calling a winner among several arms keeps its error rate. A
 * winner is named only when it beats every other arm, on the fixed-sample interval or, when
 * `sequential` is set, on the always-valid confidence sequence.
 */
export function compareSplitArms(
  arms: readonly ArmOutcome[],
  options: LiftOptions & { useSequential?: boolean } = {},
): SplitComparison {
  const confidence = options.confidence ?? 0.95;
  const pairCount = Math.max(1, (arms.length * (arms.length - 1)) / 2);
  const pairConfidence = 1 - (1 - confidence) / pairCount;
  const rate = (a: ArmOutcome) => (a.customers ? a.converted / a.customers : null);
  const pairs: ArmPair[] = [];
  for (let i = 0; i < arms.length; i++) {
    for (let j = i + 1; j < arms.length; j++) {
      const [hi, lo] = (rate(arms[j]!) ?? -1) > (rate(arms[i]!) ?? -1) ? [arms[j]!, arms[i]!] : [arms[i]!, arms[j]!];
      pairs.push({
        arm: hi.arm,
        against: lo.arm,
        comparison: compareGroups(hi, lo, { confidence: pairConfidence, sequential: options.sequential ?? {} }),
      });
    }
  }
  const beats = (pair: ArmPair) =>
    options.useSequential
      ? (pair.comparison?.sequential?.lower ?? 0) > 0
      : (pair.comparison?.difference.lower ?? 0) > 0;
  const winsEveryPair = (arm: string) =>
    pairs.filter((pair) => pair.arm === arm || pair.against === arm).every((pair) => pair.arm === arm && beats(pair));
  const winner = arms.length > 1 ? (arms.find((arm) => winsEveryPair(arm.arm))?.arm ?? null) : null;
  return {
    arms: arms.map((arm) => ({ ...arm, rate: rate(arm) })),
    pairs,
    winner,
    pairConfidence,
    sequential: options.useSequential ?? false,
  };
}
