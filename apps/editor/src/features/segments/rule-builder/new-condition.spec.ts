import { SEGMENT_CATALOGUE, validateSegmentRule, type Condition } from '@kizuna/segments';
import { CONDITION_TYPES, newCondition, newGroup } from './new-condition';

const ruleOf = (condition: Condition) => ({
  version: 1,
  root: { type: 'group', combinator: 'and', rules: [condition] },
});

describe('new conditions', () => {
  it('offers every condition type of the catalogue', () => {
    expect([...CONDITION_TYPES].sort()).toEqual(Object.keys(SEGMENT_CATALOGUE.conditions).sort());
  });

  it('start complete where a value can be chosen for the marketer', () => {
    for (const type of ['identity', 'consent', 'purchase', 'metric', 'score'] as const) {
      expect(validateSegmentRule(ruleOf(newCondition(type, SEGMENT_CATALOGUE)))).toMatchObject({ ok: true });
    }
    expect(newCondition('metric', SEGMENT_CATALOGUE)).toEqual({
      type: 'metric',
      field: 'rfm_rank',
      operator: 'eq',
      value: 'loyal',
    });
  });

  it('ask for what only the marketer knows, at the key that needs it', () => {
    const validation = validateSegmentRule(ruleOf(newCondition('attribute', SEGMENT_CATALOGUE)));
    expect(validation).toEqual({ ok: false, issues: [{ path: 'root.rules.0.value', message: 'must not be empty' }] });
    expect(newCondition('event', SEGMENT_CATALOGUE)).toEqual({ type: 'event', name: '' });
  });

  it('starts a nested group with one condition and the other combinator', () => {
    expect(newGroup(SEGMENT_CATALOGUE, 'or')).toMatchObject({
      type: 'group',
      combinator: 'or',
      rules: [{ type: 'attribute' }],
    });
  });
});
