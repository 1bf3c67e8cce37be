import { conditionIssues, groupIssues, issueFor } from './rule-issues';

const issues = [
  { path: 'root.rules.1', message: 'a group needs at least one rule' },
  { path: 'root.rules.1.rules.0.value', message: 'must not be empty' },
  { path: 'root.rules.10.value', message: 'must be a number' },
  { path: 'root.rules.0.window.lastDays', message: 'must be a whole number of days' },
];

describe('rule issues', () => {
  it('gives a condition its own issues with paths relative to it', () => {
    expect(conditionIssues(issues, 'root.rules.1.rules.0')).toEqual([{ path: 'value', message: 'must not be empty' }]);
    expect(conditionIssues(issues, 'root.rules.1')).toHaveLength(2);
    expect(conditionIssues(issues, 'root.rules.10')).toEqual([{ path: 'value', message: 'must be a number' }]);
  });

  it('gives a group only its own issues, not those of its rules', () => {
    expect(groupIssues(issues, 'root.rules.1')).toEqual([{ path: '', message: 'a group needs at least one rule' }]);
  });

  it('finds the message for a key and the keys below it', () => {
    const own = conditionIssues(issues, 'root.rules.0');
    expect(issueFor(own, 'window')).toBe('must be a whole number of days');
    expect(issueFor(own, 'value')).toBeNull();
  });
});
