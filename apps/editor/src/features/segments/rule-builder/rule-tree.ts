import type { Rule, RuleGroup, SegmentRule } from '@kizuna/segments';
import { SEGMENT_RULE_VERSION } from '@kizuna/segments';

/**
 * Where a rule sits in the tree: the indices of `rules` from the root group down. `[]` is the root
 * group, `[1, 0]` the first rule of the root's second rule (a group).
 */
export type RulePath = readonly number[];

/** An empty rule: one AND group, to which the marketer adds conditions. */
export function emptySegmentRule(): SegmentRule {
  return { version: SEGMENT_RULE_VERSION, root: { type: 'group', combinator: 'and', rules: [] } };
}

export function isGroup(rule: Rule): rule is RuleGroup {
  return rule.type === 'group';
}

/** The path as validation reports it (`root.rules.1.rules.0`), to show each issue in place. */
export function issuePathOf(path: RulePath): string {
  return ['root', ...path.flatMap((index) => ['rules', String(index)])].join('.');
}

export function ruleAt(root: RuleGroup, path: RulePath): Rule | undefined {
  let rule: Rule = root;
  for (const index of path) {
    if (!isGroup(rule)) return undefined;
    const child: Rule | undefined = rule.rules[index];
    if (!child) return undefined;
    rule = child;
  }
  return rule;
}

/** A copy of `group` with `update` applied to the rule at `path`; untouched branches keep their identity. */
function updateAt(group: RuleGroup, path: RulePath, update: (rule: Rule) => Rule | null): RuleGroup {
  const [index, ...rest] = path;
  if (index === undefined) {
    const updated = update(group);
    return updated && isGroup(updated) ? updated : group;
  }
  const child = group.rules[index];
  if (!child) return group;
  let next: Rule | null;
  if (rest.length === 0) next = update(child);
  else if (isGroup(child)) next = updateAt(child, rest, update);
  else return group;
  // A nested group left without rules is removed with its last rule: an empty group cannot be saved.
  if (next && isGroup(next) && next.rules.length === 0 && rest.length > 0) next = null;
  const rules = next
    ? group.rules.map((rule, i) => (i === index ? next : rule))
    : group.rules.filter((_, i) => i !== index);
  return { ...group, rules };
}

export function replaceRule(root: RuleGroup, path: RulePath, rule: Rule): RuleGroup {
  return updateAt(root, path, () => rule);
}

export function removeRule(root: RuleGroup, path: RulePath): RuleGroup {
  if (path.length === 0) return root;
  return updateAt(root, path, () => null);
}

/** Appends `rule` to the group at `groupPath`; returns the new rule's path. */
export function appendRule(root: RuleGroup, groupPath: RulePath, rule: Rule): { root: RuleGroup; path: RulePath } {
  const group = ruleAt(root, groupPath);
  if (!group || !isGroup(group)) return { root, path: groupPath };
  const path = [...groupPath, group.rules.length];
  return {
    root: updateAt(root, groupPath, (target) =>
      isGroup(target) ? { ...target, rules: [...target.rules, rule] } : target,
    ),
    path,
  };
}

/** Conditions in the whole tree (groups not counted), against the catalogue's limit. */
export function countConditions(rule: Rule): number {
  return isGroup(rule) ? rule.rules.reduce((sum, child) => sum + countConditions(child), 0) : 1;
}

/** Groups from the root down to `path`'s group, the root counted, against the depth limit. */
export function groupDepth(path: RulePath): number {
  return path.length + 1;
}
