import type { Rule, SegmentRule } from './segment-rule.schema';

function collect(rule: Rule, into: Set<number>): void {
  if (rule.type === 'group') rule.rules.forEach((child) => collect(child, into));
  else if (rule.type === 'segment') into.add(rule.segmentId);
}

/**
 * The segments a rule reads the membership of, ascending. The segment service refuses a rule that
 * reaches itself through these (a cycle would make refreshes chase each other).
 */
export function referencedSegmentIds(rule: SegmentRule): number[] {
  const ids = new Set<number>();
  collect(rule.root, ids);
  return [...ids].sort((a, b) => a - b);
}
