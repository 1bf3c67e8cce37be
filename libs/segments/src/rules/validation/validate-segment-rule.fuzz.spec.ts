import fc from 'fast-check';
import { compileSegmentRule } from '../compiler/compile-segment-rule';
import { validateSegmentRule } from './validate-segment-rule';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

const value = fc.oneof(
  fc.constantFrom(
    '東京都',
    'loyal',
    'lapsed',
    '2026-01-05',
    '2026-02-30',
    '2026/02/03',
    '',
    '%',
    "'; DROP TABLE customer; --",
  ),
  fc.constantFrom(0, 1, 3, 7, -1, 1.5, 1e9, 36_501, true, null),
  fc.constantFrom(['loyal', 'lapsed'], [3, 8], [8, 3], ['2026-01-01', '2026-02-01'], []),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.integer(),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 20 })), { maxLength: 4 }),
);
const operator = fc.constantFrom(
  'eq',
  'neq',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'starts_with',
  'is_set',
  'is_not_set',
  'before',
  'after',
  'on',
  'within_last_days',
  'more_than_days_ago',
  'has',
  'has_not',
  'is',
  'is_not',
  'member',
  'not_member',
  'like',
);
const window = fc.oneof(
  fc.constant(undefined),
  fc.record({ lastDays: fc.oneof(fc.integer({ min: -2, max: 40_000 }), fc.constant('7')) }),
  fc.record({ from: fc.constantFrom('2026-01-01', '2026-13-01'), to: fc.constantFrom('2026-02-01', '2025-01-01') }),
);

/** Conditions of every type, with fields, operators and values drawn from real and wrong ones. */
const condition = fc.oneof(
  fc.record({
    type: fc.constant('attribute'),
    field: fc.constantFrom(
      'prefecture',
      'city',
      'gender',
      'birth_date',
      'birth_month',
      'registered_at',
      'created_at',
      'attributes.plan',
      'attributes.',
      'famly_name',
    ),
    operator,
    value,
  }),
  fc.record({ type: fc.constant('identity'), operator, kind: fc.constantFrom('email', 'phone', 'line', 'fax') }),
  fc.record({
    type: fc.constant('consent'),
    channel: fc.constantFrom('email', 'line', 'sms', 'dm', 'fax'),
    operator,
    status: fc.constantFrom('granted', 'revoked', 'unknown', 'maybe'),
  }),
  fc.record({
    type: fc.constant('purchase'),
    measure: fc.constantFrom('count', 'amount', 'days', 'quantity'),
    operator,
    value,
    window,
  }),
  fc.record({
    type: fc.constant('metric'),
    field: fc.constantFrom('rfm_rank', 'decile', 'frequency', 'r_score', 'stable_segment', 'rfm'),
    operator,
    value,
  }),
  fc.record({
    type: fc.constant('preference'),
    dimension: fc.constantFrom('tag', 'series', 'colour'),
    name: fc.string({ maxLength: 8 }),
    operator,
    value,
  }),
  fc.record({
    type: fc.constant('score'),
    model: fc.constantFrom('repeat_purchase', 'propensity_email', ''),
    operator,
    value,
  }),
  fc.record({ type: fc.constant('event'), name: fc.constantFrom('line_follow', 'email_open', ''), window }),
  fc.record({
    type: fc.constant('segment'),
    operator,
    segmentId: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant('1')),
  }),
  fc.record({ type: fc.constantFrom('attributes', 'group', ''), field: fc.string({ maxLength: 5 }) }),
);

const rule = fc
  .letrec<{ group: unknown }>((tie) => ({
    group: fc.record({
      type: fc.constant('group'),
      combinator: fc.constantFrom('and', 'or', 'xor'),
      negate: fc.option(fc.boolean(), { nil: undefined }),
      rules: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition, tie('group')), {
        maxLength: 4,
      }),
    }),
  }))
  .group.map((root) => ({ version: 1, root }));

/** Conditions valid by construction, with random values inside their ranges. */
const text = fc
  .string({ minLength: 1, maxLength: 20, unit: 'grapheme' })
  .filter((t) => t.trim() === t && t !== '' && !t.includes('\u0000'));
const days = fc.integer({ min: 1, max: 36_500 });
const validCondition = fc.oneof(
  fc.record({
    type: fc.constant('attribute'),
    field: fc.constantFrom('prefecture', 'city'),
    operator: fc.constantFrom('eq', 'neq', 'contains'),
    value: text,
  }),
  fc.record({
    type: fc.constant('attribute'),
    field: fc.constant('attributes.plan'),
    operator: fc.constant('in'),
    value: fc.array(text, { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('attribute'),
    field: fc.constant('registered_at'),
    operator: fc.constantFrom('within_last_days', 'more_than_days_ago'),
    value: days,
  }),
  fc.record({
    type: fc.constant('identity'),
    operator: fc.constantFrom('has', 'has_not'),
    kind: fc.constantFrom('email', 'phone', 'line', 'member', 'external'),
  }),
  fc.record({
    type: fc.constant('consent'),
    channel: fc.constantFrom('email', 'line', 'sms', 'dm'),
    operator: fc.constantFrom('is', 'is_not'),
    status: fc.constantFrom('granted', 'revoked', 'unknown'),
  }),
  fc.record({
    type: fc.constant('purchase'),
    measure: fc.constant('count'),
    operator: fc.constantFrom('gte', 'lte', 'eq'),
    value: fc.integer({ min: 0, max: 1000 }),
    window: fc.record({ lastDays: days }),
  }),
  fc.record({
    type: fc.constant('metric'),
    field: fc.constant('decile'),
    operator: fc.constant('between'),
    value: fc
      .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  }),
  fc.record({
    type: fc.constant('metric'),
    field: fc.constant('rfm_rank'),
    operator: fc.constant('eq'),
    value: fc.constantFrom('loyal', 'lapsed'),
  }),
  fc.record({ type: fc.constant('event'), name: text }),
  fc.record({
    type: fc.constant('segment'),
    operator: fc.constantFrom('member', 'not_member'),
    segmentId: fc.integer({ min: 1, max: 1_000_000 }),
  }),
);
const validRule = fc
  .letrec<{ group: unknown }>((tie) => ({
    group: fc.record({
      type: fc.constant('group'),
      combinator: fc.constantFrom('and', 'or'),
      negate: fc.option(fc.boolean(), { nil: undefined }),
      rules: fc.array(fc.oneof({ depthSize: 'small', maxDepth: 4 }, validCondition, tie('group')), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  }))
  .group.map((root) => ({ version: 1, root }));

const referenceTime = new Date('2026-12-06T00:00:00Z');

describe('validateSegmentRule under random input (fast-check)', () => {
  it('answers any JSON value with issues at a path, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (input) => {
        const result = validateSegmentRule(input);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.message.trim()).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('compiles every rule it accepts to SQL whose placeholders are exactly its parameters', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(rule, validRule), (input) => {
        const result = validateSegmentRule(input);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(typeof issue.path).toBe('string');
            expect(issue.message.trim()).not.toBe('');
          }
          return;
        }
        accepted += 1;
        const compiled = compileSegmentRule(result.rule, { workspaceParam: '$1', referenceTime });
        const used = new Set([...compiled.where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        const expected = new Set(Array.from({ length: compiled.params.length + 1 }, (_, i) => i + 1));
        // $1 is the workspace: a rule without activity conditions need not use it.
        used.add(1);
        expect(used).toEqual(expected);
      }),
      { seed: SEED, numRuns: 500 },
    );
    // Without accepted rules the compiler would go untested.
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses a rule nested 10,000 deep or with 10,000 conditions without recursing that deep', () => {
    let root: Record<string, unknown> = { type: 'event', name: 'open' };
    for (let i = 0; i < 10_000; i++) root = { type: 'group', combinator: 'and', rules: [root] };
    expect(validateSegmentRule({ version: 1, root })).toEqual({
      ok: false,
      issues: [
        {
          path: 'root.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0.rules.0',
          message: 'groups nest at most 8 deep',
        },
      ],
    });
    const wide = {
      version: 1,
      root: {
        type: 'group',
        combinator: 'or',
        rules: Array.from({ length: 10_000 }, () => ({ type: 'event', name: 'x' })),
      },
    };
    expect(validateSegmentRule(wide)).toEqual({
      ok: false,
      issues: [{ path: 'root', message: 'a rule has at most 100 conditions (this one has 10000)' }],
    });
  });
});
