import type { RuleIssue } from '@kizuna/segments';

/** Issues of one condition: every issue at its path or below it, with the rest of the path kept as the field. */
export function conditionIssues(issues: readonly RuleIssue[], issuePath: string): RuleIssue[] {
  return issues
    .filter((issue) => issue.path === issuePath || issue.path.startsWith(`${issuePath}.`))
    .map((issue) => ({ path: issue.path.slice(issuePath.length + 1), message: issue.message }));
}

/**
 * Issues of a group itself ("a group needs at least one rule"): at its path or its `rules` key, not
 * those of the rules inside it, which their own editors show.
 */
export function groupIssues(issues: readonly RuleIssue[], issuePath: string): RuleIssue[] {
  return issues
    .filter(
      (issue) =>
        issue.path === issuePath || issue.path === `${issuePath}.rules` || issue.path === `${issuePath}.combinator`,
    )
    .map((issue) => ({ path: issue.path.slice(issuePath.length + 1), message: issue.message }));
}

/** The message for one key of a condition (`value`, `value.1`, `window.lastDays`), for the control that edits it. */
export function issueFor(issues: readonly RuleIssue[], key: string): string | null {
  const matching = issues.filter((issue) => issue.path === key || issue.path.startsWith(`${key}.`));
  return matching.length ? matching.map((issue) => issue.message).join('; ') : null;
}
