import { ValidationFailedError } from '@kizuna/shared';
import { assertValidSegmentRule, validateSegmentRule } from './validate-segment-rule';

const group = (...rules: unknown[]) => ({ type: 'group', combinator: 'and', rules });
const issuesOf = (...rules: unknown[]) => {
  const result = validateSegmentRule({ version: 1, root: group(...rules) });
  return result.ok ? [] : result.issues;
};
const issue = (path: string, message: string) => ({ path, message });

describe('validateSegmentRule', () => {
  it('accepts a rule and returns it unchanged', () => {
    const rule = {
      version: 1,
      root: group(
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 2,
          window: { lastDays: 90 },
          filter: { series: ['うるおい'] },
        },
        { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
        {
          type: 'group',
          combinator: 'or',
          negate: true,
          rules: [{ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'lapsed' }],
        },
      ),
    };
    expect(validateSegmentRule(rule)).toEqual({ ok: true, rule });
  });

  it('names unknown fields', () => {
    expect(issuesOf({ type: 'attribute', field: 'famly_name', operator: 'eq', value: '佐藤' })).toEqual([
      issue('root.rules.0.field', 'unknown field "famly_name"'),
    ]);
    expect(issuesOf({ type: 'metric', field: 'rfm', operator: 'eq', value: 'loyal' })).toEqual([
      issue('root.rules.0.field', 'unknown field "rfm"'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'attributes.', operator: 'is_set' })).toEqual([
      issue('root.rules.0.field', 'custom attribute key must not be empty'),
    ]);
  });

  it('takes a category for stable segments only, and stable segments by name', () => {
    expect(
      issuesOf({ type: 'metric', field: 'stable_segment', category: 'スキンケア', operator: 'eq', value: 'core' }),
    ).toEqual([]);
    expect(
      issuesOf({ type: 'metric', field: 'rfm_rank', category: 'スキンケア', operator: 'eq', value: 'loyal' }),
    ).toEqual([issue('root.rules.0.category', 'only stable_segment exists per category')]);
    expect(issuesOf({ type: 'metric', field: 'stable_segment', operator: 'eq', value: 'newcomer' })).toHaveLength(1);
  });

  it('names operators that do not apply to the field type', () => {
    expect(
      issuesOf(
        { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
        { type: 'attribute', field: 'prefecture', operator: 'eq', value: '大阪府' },
        { type: 'attribute', field: 'prefecture', operator: 'gt', value: 3 },
      ),
    ).toEqual([issue('root.rules.2.operator', 'operator "gt" does not apply to text field "prefecture"')]);
    expect(issuesOf({ type: 'attribute', field: 'gender', operator: 'contains', value: 'f' })).toEqual([
      issue('root.rules.0.operator', 'operator "contains" does not apply to choice field "gender"'),
    ]);
    expect(issuesOf({ type: 'metric', field: 'rank_down', operator: 'eq', value: 1 })).toEqual([
      issue('root.rules.0.operator', 'operator "eq" does not apply to yes/no field "rank_down"'),
    ]);
    expect(issuesOf({ type: 'purchase', measure: 'count', operator: 'is_set' })).toEqual([
      issue('root.rules.0.operator', 'operator "is_set" does not apply to number field "count"'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'attributes.plan', operator: 'before', value: '2026-01-01' })).toEqual([
      issue('root.rules.0.operator', 'operator "before" does not apply to custom attribute "attributes.plan"'),
    ]);
    expect(issuesOf({ type: 'event', name: 'open', count: { operator: 'is_not_set' } })).toEqual([
      issue('root.rules.0.count.operator', 'operator "is_not_set" does not apply to number field "count"'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'like', value: '%' })).toEqual([
      issue('root.rules.0.operator', 'unknown operator "like"'),
    ]);
  });

  it('checks each value against its operator', () => {
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'eq' })).toEqual([
      issue('root.rules.0.value', 'is required'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'eq', value: 3 })).toEqual([
      issue('root.rules.0.value', 'must be text'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'eq', value: '' })).toEqual([
      issue('root.rules.0.value', 'must not be empty'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'eq', value: 'a\u0000b' })).toEqual([
      issue('root.rules.0.value', 'must not contain the NUL character'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'in', value: [] })).toEqual([
      issue('root.rules.0.value', 'needs at least one value'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'is_set', value: 'x' })).toEqual([
      issue('root.rules.0.value', 'this operator takes no value'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'birth_month', operator: 'eq', value: '3' })).toEqual([
      issue('root.rules.0.value', 'must be a number'),
    ]);
    expect(issuesOf({ type: 'metric', field: 'frequency', operator: 'gte', value: 1.5 })).toEqual([
      issue('root.rules.0.value', 'must be a whole number'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'attributes.rank', operator: 'gt', value: 'A' })).toEqual([
      issue('root.rules.0.value', 'must be a number'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'registered_at', operator: 'within_last_days', value: 0 })).toEqual([
      issue('root.rules.0.value', 'must be between 1 and 36500 days'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'city', operator: 'eq', value: true })).toEqual([
      issue('root.rules.0.value', 'must be text, a number or a list of them'),
    ]);
  });

  it('keeps enum values to their list and numbers to their range', () => {
    expect(issuesOf({ type: 'metric', field: 'rfm_rank', operator: 'in', value: ['loyal', 'lapse'] })).toEqual([
      issue('root.rules.0.value.1', '"lapse" is not one of: loyal, semi_loyal, general, lapsed'),
    ]);
    expect(issuesOf({ type: 'metric', field: 'r_score', operator: 'gte', value: 6 })).toEqual([
      issue('root.rules.0.value', 'must be between 1 and 5'),
    ]);
    expect(issuesOf({ type: 'preference', dimension: 'tag', name: '無添加', operator: 'gte', value: 30 })).toEqual([
      issue('root.rules.0.value', 'must be between 0 and 1'),
    ]);
    expect(issuesOf({ type: 'purchase', measure: 'count', operator: 'gte', value: -1 })).toEqual([
      issue('root.rules.0.value', 'must be 0 or more'),
    ]);
  });

  it('wants between as two ordered values', () => {
    expect(issuesOf({ type: 'metric', field: 'decile', operator: 'between', value: [8, 3] })).toEqual([
      issue('root.rules.0.value', 'between needs two ordered values (got 8, then 3)'),
    ]);
    expect(
      issuesOf({ type: 'attribute', field: 'birth_date', operator: 'between', value: ['2026-03-01', '2026-02-01'] }),
    ).toEqual([issue('root.rules.0.value', 'between needs two ordered values (got "2026-03-01", then "2026-02-01")')]);
    expect(issuesOf({ type: 'metric', field: 'decile', operator: 'between', value: [3] })).toEqual([
      issue('root.rules.0.value', 'between needs two values [from, to]'),
    ]);
    expect(issuesOf({ type: 'metric', field: 'decile', operator: 'between', value: 3 })).toEqual([
      issue('root.rules.0.value', 'between needs two values [from, to]'),
    ]);
  });

  it('wants dates as YYYY-MM-DD calendar days', () => {
    expect(issuesOf({ type: 'attribute', field: 'birth_date', operator: 'on', value: '2026/02/03' })).toEqual([
      issue('root.rules.0.value', 'must be a date as YYYY-MM-DD'),
    ]);
    expect(issuesOf({ type: 'attribute', field: 'birth_date', operator: 'on', value: '2026-02-30' })).toEqual([
      issue('root.rules.0.value', '"2026-02-30" is not a calendar date'),
    ]);
    expect(issuesOf({ type: 'event', name: 'open', window: { from: '2026-03-01', to: '2026-02-01' } })).toEqual([
      issue('root.rules.0.window.to', 'must not be before from (2026-03-01)'),
    ]);
    expect(issuesOf({ type: 'event', name: 'open', window: { lastDays: 7, to: '2026-02-01' } })).toEqual([
      issue('root.rules.0.window', 'use either lastDays or from/to, not both'),
    ]);
    expect(issuesOf({ type: 'purchase', measure: 'count', operator: 'gte', value: 1, window: {} })).toEqual([
      issue('root.rules.0.window', 'a window needs lastDays, or from and/or to'),
    ]);
  });

  it('checks groups, rule types, keys and closed choices', () => {
    expect(
      issuesOf(
        { type: 'event', name: 'open' },
        { type: 'group', combinator: 'or', rules: [] },
        { type: 'group', combinater: 'or', rules: [{ type: 'segment', operator: 'member', segmentId: 1 }] },
        { type: 'attributes', field: 'city' },
        { field: 'city' },
        'city',
      ),
    ).toEqual([
      issue('root.rules.1', 'a group needs at least one rule'),
      issue('root.rules.2.combinator', 'is required'),
      issue('root.rules.2', 'unknown key "combinater"'),
      issue(
        'root.rules.3.type',
        'unknown rule type "attributes" (expected one of: group, attribute, identity, consent, purchase, metric, preference, score, event, segment)',
      ),
      issue('root.rules.4.type', 'is required'),
      issue('root.rules.5', 'must be a rule (an object)'),
    ]);
    expect(issuesOf({ type: 'consent', channel: 'fax', operator: 'is', status: 'granted' })).toEqual([
      issue('root.rules.0.channel', '"fax" is not one of: email, line, sms, dm'),
    ]);
    expect(issuesOf({ type: 'identity', operator: 'has', kind: 'email', source: 'ec' })).toEqual([
      issue('root.rules.0.source', 'only external identities have a source'),
    ]);
    expect(issuesOf({ type: 'segment', operator: 'member', segmentId: 0 })).toEqual([
      issue('root.rules.0.segmentId', 'must be a segment id'),
    ]);
    expect(
      issuesOf({ type: 'event', name: 'open', properties: [{ key: 'x', operator: 'between', value: 1 }] }),
    ).toEqual([
      issue('root.rules.0.properties.0.operator', '"between" is not one of: eq, neq, contains, gt, gte, lt, lte'),
    ]);
    expect(
      issuesOf({
        type: 'purchase',
        measure: 'orders',
        operator: 'gte',
        value: 1,
        filter: { channel: 'web', skus: [] },
      }),
    ).toEqual([
      issue('root.rules.0.measure', '"orders" is not one of: count, amount, quantity, first_date, last_date'),
      issue('root.rules.0.filter.channel', '"web" is not one of: store, ec'),
      issue('root.rules.0.filter', 'unknown key "skus"'),
    ]);
  });

  it('checks the envelope', () => {
    expect(validateSegmentRule({ version: 2, root: group({ type: 'event', name: 'open' }) })).toEqual({
      ok: false,
      issues: [issue('version', 'unsupported version 2 (this engine reads version 1)')],
    });
    expect(validateSegmentRule({ root: { type: 'event', name: 'open' } })).toEqual({
      ok: false,
      issues: [issue('root.type', 'the root of a rule must be a group')],
    });
    expect(validateSegmentRule('segment')).toEqual({ ok: false, issues: [issue('', 'must be an object')] });
  });

  it('limits nesting depth and the number of conditions', () => {
    let deep: unknown = { type: 'event', name: 'open' };
    for (let level = 0; level < 9; level += 1) deep = group(deep);
    expect(validateSegmentRule({ version: 1, root: deep })).toEqual({
      ok: false,
      issues: [
        issue('root.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0', 'groups nest at most 8 deep'),
      ],
    });
    const many = Array.from({ length: 101 }, () => ({ type: 'event', name: 'open' }));
    expect(validateSegmentRule({ version: 1, root: group(...many) })).toEqual({
      ok: false,
      issues: [issue('root', 'a rule has at most 100 conditions (this one has 101)')],
    });
    expect(validateSegmentRule({ version: 1, root: group(...many.slice(1)) }).ok).toBe(true);
  });
});

describe('assertValidSegmentRule', () => {
  it('throws a ValidationFailedError with the issues as fields', () => {
    const invalid = { version: 1, root: group({ type: 'attribute', field: 'famly_name', operator: 'gt', value: 1 }) };
    expect(() => assertValidSegmentRule(invalid)).toThrow(ValidationFailedError);
    try {
      assertValidSegmentRule(invalid);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'validation_failed',
        message: 'The segment rule is invalid: root.rules.0.field: unknown field "famly_name"',
        issues: [{ field: 'root.rules.0.field', message: 'unknown field "famly_name"' }],
      });
    }
  });
});
