import { ruleDependencies } from './rule-dependencies';
import type { SegmentRule } from './segment-rule.schema';

/**
 * The segments a rule reads the membership of, ascending. The segment service refuses a rule that
 * reaches itself through these (a cycle would make refreshes chase each other).
 */
export function referencedSegmentIds(rule: SegmentRule): number[] {
  return ruleDependencies(rule).segments;
}
