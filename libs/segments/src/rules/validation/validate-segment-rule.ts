import { ValidationFailedError } from '@kizuna/shared';
import { ruleErrorMap } from '../schema/issue-messages';
import { segmentRuleSchema, type SegmentRule } from '../schema/segment-rule.schema';
import type { RuleIssue } from './rule-issue';
import { ruleRootIssues, ruleSizeIssues } from './rule-shape';

export type SegmentRuleValidation = { ok: true; rule: SegmentRule } | { ok: false; issues: RuleIssue[] };

/**
 * Checks a rule as the editor or the API sent it: its shape, that every field exists, that every
 * operator applies to its field's type, and every value fits its operator. All problems are
 * reported at once, each at its path.
 */
export function validateSegmentRule(input: unknown): SegmentRuleValidation {
  const preliminary = [...ruleRootIssues(input), ...ruleSizeIssues(input)];
  if (preliminary.length) return { ok: false, issues: preliminary };
  const parsed = segmentRuleSchema.safeParse(input, { error: ruleErrorMap });
  if (parsed.success) return { ok: true, rule: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}

/** The rule, or a `ValidationFailedError` whose issues name each bad field by its path. */
export function assertValidSegmentRule(input: unknown): SegmentRule {
  const validation = validateSegmentRule(input);
  if (validation.ok) return validation.rule;
  const { issues } = validation;
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path || '(rule)'}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new ValidationFailedError(
    `The segment rule is invalid: ${summary}${more}`,
    issues.map((issue) => ({ field: issue.path, message: issue.message })),
  );
}
