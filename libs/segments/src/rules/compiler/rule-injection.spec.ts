import fc from 'fast-check';
import { segmentMembersQuery } from '../queries/segment-queries';
import type { Condition, Rule, SegmentRule } from '../schema/segment-rule.schema';
import { compileSegmentRule } from './compile-segment-rule';

/**
 * Property tests of the compiler's one promise: no value of a rule ever becomes SQL text. Rules are
 * generated from every condition type and operator with hostile text in every string slot.
 */

const HOSTILE = [
  "'",
  "''",
  '"',
  ';',
  '--',
  '/*',
  '*/',
  '$1',
  '$2::text',
  '$$',
  '\\',
  '\\x27',
  "'; DROP TABLE customer; --",
  ') OR (1=1',
  '%_',
  '\u2028',
  '🍣',
  'ｳﾙｵｲ',
  '\n\t',
  "E'\\'",
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 8 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join('').replaceAll('\u0000', ''))
  .filter((text) => text.length > 0);

const DAY_MS = 86_400_000;
const calendarDay = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2100, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

const SLOTS = 48;

interface Draw {
  texts: string[];
  fractions: number[];
  dates: string[];
}

const drawOf = (text: fc.Arbitrary<string>): fc.Arbitrary<Draw> =>
  fc.record({
    texts: fc.array(text, { minLength: SLOTS, maxLength: SLOTS }),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: SLOTS, maxLength: SLOTS }),
    dates: fc.array(calendarDay, { minLength: SLOTS, maxLength: SLOTS }),
  });

/** Hands out drawn values in order, so the same shape filled from two draws differs only in values. */
class Values {
  private next = 0;
  constructor(private readonly draw: Draw) {}
  private index(): number {
    this.next += 1;
    return (this.next - 1) % SLOTS;
  }
  text(): string {
    return this.draw.texts[this.index()]!;
  }
  texts(): string[] {
    return [this.text(), this.text()];
  }
  integer(min: number, max: number): number {
    return min + Math.floor(this.draw.fractions[this.index()]! * (max - min));
  }
  real(min: number, max: number): number {
    return min + this.draw.fractions[this.index()]! * (max - min);
  }
  integers(min: number, max: number): [number, number] {
    const [a, b] = [this.integer(min, max), this.integer(min, max)];
    return a <= b ? [a, b] : [b, a];
  }
  date(): string {
    return this.draw.dates[this.index()]!;
  }
  dates(): [string, string] {
    const [a, b] = [this.date(), this.date()];
    return a <= b ? [a, b] : [b, a];
  }
  days(): number {
    return this.integer(1, 36_500);
  }
}

type Builder = (v: Values) => Condition;
const text =
  (field: string, operator: 'eq' | 'neq' | 'contains' | 'starts_with'): Builder =>
  (v) => ({
    type: 'attribute',
    field,
    operator,
    value: v.text(),
  });

/** One builder per operator of every field type and per condition shape. */
const BUILDERS: Builder[] = [
  text('city', 'eq'),
  text('family_name', 'neq'),
  text('given_name_kana', 'contains'),
  text('postal_code', 'starts_with'),
  (v) => ({ type: 'attribute', field: 'prefecture', operator: 'in', value: v.texts() }),
  (v) => ({ type: 'attribute', field: 'city', operator: 'not_in', value: v.texts() }),
  () => ({ type: 'attribute', field: 'city', operator: 'is_set' }),
  () => ({ type: 'attribute', field: 'gender', operator: 'is_not_set' }),
  () => ({ type: 'attribute', field: 'gender', operator: 'in', value: ['female', 'other'] }),
  (v) => ({ type: 'attribute', field: 'birth_month', operator: 'gte', value: v.integer(1, 12) }),
  (v) => ({ type: 'attribute', field: 'birth_month', operator: 'between', value: v.integers(1, 12) }),
  (v) => ({ type: 'attribute', field: 'registered_at', operator: 'on', value: v.date() }),
  (v) => ({ type: 'attribute', field: 'created_at', operator: 'between', value: v.dates() }),
  (v) => ({ type: 'attribute', field: 'registered_at', operator: 'within_last_days', value: v.days() }),
  (v) => ({ type: 'attribute', field: 'birth_date', operator: 'more_than_days_ago', value: v.days() }),
  (v) => ({ type: 'attribute', field: 'birth_date', operator: 'before', value: v.date() }),
  (v) => ({ type: 'attribute', field: 'birth_date', operator: 'between', value: v.dates() }),
  (v) => ({ type: 'attribute', field: `attributes.${v.text()}`, operator: 'eq', value: v.text() }),
  (v) => ({
    type: 'attribute',
    field: `attributes.${v.text()}`,
    operator: 'between',
    value: [-v.real(0, 1e6), v.real(0, 1e6)],
  }),
  (v) => ({ type: 'identity', operator: 'has', kind: 'external', source: v.text() }),
  () => ({ type: 'identity', operator: 'has_not', kind: 'line' }),
  () => ({ type: 'consent', channel: 'email', operator: 'is', status: 'granted' }),
  () => ({ type: 'consent', channel: 'line', operator: 'is_not', status: 'unknown' }),
  (v) => ({
    type: 'purchase',
    measure: 'count',
    operator: 'gte',
    value: v.integer(0, 1000),
    window: { lastDays: v.days() },
    filter: {
      products: v.texts(),
      series: v.texts(),
      categories: v.texts(),
      tags: v.texts(),
      trial: true,
      channel: 'ec',
    },
  }),
  (v) => {
    const [from, to] = v.dates();
    return {
      type: 'purchase',
      measure: 'amount',
      operator: 'between',
      value: v.integers(-1e6, 1e7),
      window: { from, to },
    };
  },
  (v) => ({
    type: 'purchase',
    measure: 'last_date',
    operator: 'after',
    value: v.date(),
    filter: { series: v.texts() },
  }),
  (v) => ({ type: 'metric', field: 'rf_stage', operator: 'eq', value: v.text() }),
  (v) => ({ type: 'metric', field: 'stable_segment', category: v.text(), operator: 'in', value: ['core', 'steady'] }),
  (v) => ({ type: 'metric', field: 'r_score', operator: 'between', value: v.integers(1, 5) }),
  (v) => ({ type: 'metric', field: 'last_order_at', operator: 'before', value: v.date() }),
  () => ({ type: 'metric', field: 'rank_down', operator: 'is_true' }),
  () => ({ type: 'metric', field: 'decile', operator: 'is_not_set' }),
  (v) => ({ type: 'preference', dimension: 'tag', name: v.text(), operator: 'gte', value: v.real(0, 1) }),
  (v) => ({ type: 'preference', dimension: 'series', name: v.text(), operator: 'is_not_set' }),
  (v) => ({ type: 'score', model: v.text(), operator: 'lt', value: v.real(-10, 10) }),
  (v) => ({
    type: 'event',
    name: v.text(),
    count: { operator: 'between', value: v.integers(0, 50) },
    window: { lastDays: v.days() },
    properties: [
      { key: v.text(), operator: 'eq', value: v.text() },
      { key: v.text(), operator: 'contains', value: v.text() },
      { key: v.text(), operator: 'lte', value: v.real(-1e3, 1e3) },
    ],
  }),
  (v) => ({ type: 'event', name: v.text(), window: { from: v.date() } }),
  (v) => ({ type: 'segment', operator: 'not_member', segmentId: v.integer(1, 1e6) }),
];

interface GroupShape {
  combinator: 'and' | 'or';
  negate: boolean;
  builders: number[];
}

const shape = fc.array(
  fc.record({
    combinator: fc.constantFrom<'and' | 'or'>('and', 'or'),
    negate: fc.boolean(),
    builders: fc.array(fc.nat(BUILDERS.length - 1), { minLength: 1, maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 5 },
);

function buildRule(groups: GroupShape[], draw: Draw): SegmentRule {
  const values = new Values(draw);
  const rules: Rule[] = groups.map(({ combinator, negate, builders }) => ({
    type: 'group',
    combinator,
    negate,
    rules: builders.map((index) => BUILDERS[index]!(values)),
  }));
  return { version: 1, root: { type: 'group', combinator: 'and', rules } };
}

const referenceTime = new Date('2026-02-28T15:00:00.000Z');
const placeholders = (sql: string) => [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));

describe('compiled SQL never contains a value of the rule', () => {
  it('covers every builder at least once in a rule that compiles', () => {
    const values = new Values({
      texts: Array.from({ length: SLOTS }, (_, i) => `t${i}`),
      fractions: Array.from({ length: SLOTS }, () => 0.5),
      dates: Array.from({ length: SLOTS }, () => '2026-01-05'),
    });
    const rules = BUILDERS.map((build) => build(values));
    const rule: SegmentRule = { version: 1, root: { type: 'group', combinator: 'or', rules } };
    expect(() => compileSegmentRule(rule, { workspaceParam: '$1', referenceTime })).not.toThrow();
  });

  it('keeps hostile text out of the SQL text', () => {
    const marked = hostileText.map((value) => `§${value}§`);
    fc.assert(
      fc.property(shape, drawOf(marked), (groups, draw) => {
        const { where } = compileSegmentRule(buildRule(groups, draw), { workspaceParam: '$1', referenceTime });
        for (const value of draw.texts) expect(where.includes(value)).toBe(false);
        expect(where.includes('§')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('produces the same SQL text whatever the texts and dates; only the parameters change', () => {
    fc.assert(
      fc.property(shape, drawOf(hostileText), drawOf(hostileText), (groups, first, second) => {
        // Numbers may choose the form ("bought at least once" is a plain EXISTS): only they are shared.
        const sameNumbers = { ...second, fractions: first.fractions };
        const a = compileSegmentRule(buildRule(groups, first), { workspaceParam: '$1', referenceTime });
        const b = compileSegmentRule(buildRule(groups, sameNumbers), { workspaceParam: '$1', referenceTime });
        expect(b.where).toBe(a.where);
        expect(b.params).toHaveLength(a.params.length);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers exactly one placeholder per parameter, after the caller’s', () => {
    fc.assert(
      fc.property(shape, drawOf(hostileText), fc.integer({ min: 2, max: 40 }), (groups, draw, firstParamIndex) => {
        const { where, params } = compileSegmentRule(buildRule(groups, draw), {
          workspaceParam: '$1',
          referenceTime,
          firstParamIndex,
        });
        const used = new Set(placeholders(where).filter((index) => index !== 1));
        const expected = params.map((_, i) => firstParamIndex + i);
        expect([...used].sort((x, y) => x - y)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for the full members query, over given customers or the whole workspace', () => {
    fc.assert(
      fc.property(shape, drawOf(hostileText.map((value) => `§${value}§`)), fc.boolean(), (groups, draw, given) => {
        const query = segmentMembersQuery(buildRule(groups, draw), {
          workspaceId: 3,
          referenceTime,
          ...(given ? { customerIds: [1, 2] } : {}),
          limit: 50,
        });
        expect(query.text.includes('§')).toBe(false);
        const used = [...new Set(placeholders(query.text))].sort((x, y) => x - y);
        expect(used).toEqual(query.values.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });
});
