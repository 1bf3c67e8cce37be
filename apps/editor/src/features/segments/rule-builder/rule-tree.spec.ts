import type { Condition, RuleGroup } from '@kizuna/segments';
import {
  appendRule,
  countConditions,
  emptySegmentRule,
  issuePathOf,
  removeRule,
  replaceRule,
  ruleAt,
} from './rule-tree';

const tokyo: Condition = { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' };
const osaka: Condition = { type: 'attribute', field: 'prefecture', operator: 'eq', value: '大阪府' };
const loyal: Condition = { type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' };

const tree: RuleGroup = {
  type: 'group',
  combinator: 'and',
  rules: [loyal, { type: 'group', combinator: 'or', rules: [tokyo, osaka] }],
};

describe('rule tree', () => {
  it('starts as an empty AND group of version 1', () => {
    expect(emptySegmentRule()).toEqual({ version: 1, root: { type: 'group', combinator: 'and', rules: [] } });
  });

  it('names paths as validation reports them', () => {
    expect(issuePathOf([])).toBe('root');
    expect(issuePathOf([1, 0])).toBe('root.rules.1.rules.0');
  });

  it('finds a rule by path, and nothing past a condition or the end', () => {
    expect(ruleAt(tree, [1, 1])).toBe(osaka);
    expect(ruleAt(tree, [0, 0])).toBeUndefined();
    expect(ruleAt(tree, [5])).toBeUndefined();
  });

  it('replaces a nested rule and keeps untouched branches as they were', () => {
    const next = replaceRule(tree, [1, 0], { ...tokyo, value: '京都府' });
    expect(ruleAt(next, [1, 0])).toEqual({ ...tokyo, value: '京都府' });
    expect(next.rules[0]).toBe(loyal);
    expect(tree.rules[1]).toEqual({ type: 'group', combinator: 'or', rules: [tokyo, osaka] });
  });

  it('removes a rule, and a nested group with its last rule', () => {
    const once = removeRule(tree, [1, 0]);
    expect(once.rules[1]).toEqual({ type: 'group', combinator: 'or', rules: [osaka] });
    const twice = removeRule(once, [1, 0]);
    expect(twice.rules).toEqual([loyal]);
    expect(removeRule(twice, [0]).rules).toEqual([]);
  });

  it('appends to a group and reports the new path', () => {
    const { root, path } = appendRule(tree, [1], loyal);
    expect(path).toEqual([1, 2]);
    expect(ruleAt(root, path)).toBe(loyal);
    expect(appendRule(tree, [0], loyal).root).toBe(tree);
  });

  it('counts conditions, not groups', () => {
    expect(countConditions(tree)).toBe(3);
  });
});
