import { SEGMENT_RULE_LIMITS } from '../schema/limits';
import type { RuleIssue } from './rule-issue';

const { maxGroupDepth, maxConditions } = SEGMENT_RULE_LIMITS;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A root that is a condition would be reported key by key as a broken group: say it once. */
export function ruleRootIssues(input: unknown): RuleIssue[] {
  if (!isRecord(input) || !isRecord(input.root) || input.root.type === 'group') return [];
  return [{ path: 'root.type', message: 'the root of a rule must be a group' }];
}

/**
 * Depth and size limits, checked on the raw JSON before the schema walks it: a rule nested
 * thousands deep must be refused without recursing thousands deep.
 */
export function ruleSizeIssues(input: unknown): RuleIssue[] {
  if (!isRecord(input)) return [];
  const issues: RuleIssue[] = [];
  let conditions = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (!isRecord(node) || node.type !== 'group' || !Array.isArray(node.rules)) {
      conditions += 1;
      return;
    }
    if (depth > maxGroupDepth) {
      issues.push({ path, message: `groups nest at most ${maxGroupDepth} deep` });
      return;
    }
    node.rules.forEach((rule: unknown, index) => visit(rule, `${path}.rules.${index}`, depth + 1));
  };
  visit(input.root, 'root', 1);
  if (conditions > maxConditions) {
    issues.push({
      path: 'root',
      message: `a rule has at most ${maxConditions} conditions (this one has ${conditions})`,
    });
  }
  return issues;
}
