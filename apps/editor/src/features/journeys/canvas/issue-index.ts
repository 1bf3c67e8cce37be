import type { JourneyIssue } from '@kizuna/journey';

/**
 * Issues by node id. A node whose issues did not change keeps the same array, so only the cards
 * whose issues changed re-render after a validation run.
 */
export function indexIssuesByNode(
  issues: readonly JourneyIssue[],
  previous: ReadonlyMap<string, readonly JourneyIssue[]> = new Map(),
): Map<string, readonly JourneyIssue[]> {
  const grouped = new Map<string, JourneyIssue[]>();
  for (const issue of issues) {
    if (issue.nodeId === undefined) continue;
    const list = grouped.get(issue.nodeId);
    if (list) list.push(issue);
    else grouped.set(issue.nodeId, [issue]);
  }
  const result = new Map<string, readonly JourneyIssue[]>();
  for (const [nodeId, list] of grouped) {
    const old = previous.get(nodeId);
    result.set(nodeId, old && sameIssues(old, list) ? old : list);
  }
  return result;
}

/** The issue of a form field: the node's issue at `path` or under it (`config.duration` for `config.duration.amount`). */
export function issueAt(issues: readonly JourneyIssue[] | undefined, path: string): JourneyIssue | undefined {
  return issues?.find((issue) => issue.path === path || issue.path?.startsWith(`${path}.`));
}

function sameIssues(a: readonly JourneyIssue[], b: readonly JourneyIssue[]): boolean {
  return (
    a.length === b.length &&
    a.every((issue, i) => issue.code === b[i]!.code && issue.message === b[i]!.message && issue.path === b[i]!.path)
  );
}
