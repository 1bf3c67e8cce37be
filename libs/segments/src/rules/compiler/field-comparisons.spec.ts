import type { RuleValue } from '../schema/values.schema';
import type { ComparisonOperator } from '../schema/operators';
import { compileSegmentRule } from './compile-segment-rule';

// 2026-03-01 00:00 in Tokyo.
const referenceTime = new Date('2026-02-28T15:00:00.000Z');

function compileAttribute(field: string, operator: ComparisonOperator, value?: RuleValue) {
  return compileSegmentRule(
    { version: 1, root: { type: 'group', combinator: 'and', rules: [{ type: 'attribute', field, operator, value }] } },
    { workspaceParam: '$1', referenceTime },
  );
}

type Case = [ComparisonOperator, RuleValue | undefined, string, unknown[]];

describe('text fields (prefecture)', () => {
  it.each<Case>([
    ['eq', '東京都', 'c.prefecture = $2::text', ['東京都']],
    ['neq', '東京都', 'c.prefecture <> $2::text', ['東京都']],
    ['in', ['東京都', '大阪府'], 'c.prefecture = ANY($2::text[])', [['東京都', '大阪府']]],
    ['not_in', ['東京都'], 'c.prefecture <> ALL($2::text[])', [['東京都']]],
    ['contains', '100%_', 'strpos(c.prefecture, $2::text) > 0', ['100%_']],
    ['starts_with', '東', 'starts_with(c.prefecture, $2::text)', ['東']],
    ['is_set', undefined, "nullif(c.prefecture, '') IS NOT NULL", []],
    ['is_not_set', undefined, "nullif(c.prefecture, '') IS NULL", []],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('prefecture', operator, value)).toEqual({ where: `(${where})`, params });
  });
});

describe('enum fields (gender)', () => {
  it.each<Case>([
    ['eq', 'female', 'c.gender = $2::text', ['female']],
    ['neq', 'female', 'c.gender <> $2::text', ['female']],
    ['in', ['male', 'other'], 'c.gender = ANY($2::text[])', [['male', 'other']]],
    ['not_in', ['male'], 'c.gender <> ALL($2::text[])', [['male']]],
    ['is_set', undefined, "nullif(c.gender, '') IS NOT NULL", []],
    ['is_not_set', undefined, "nullif(c.gender, '') IS NULL", []],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('gender', operator, value)).toEqual({ where: `(${where})`, params });
  });
});

describe('number fields (birth_month)', () => {
  const month = 'EXTRACT(MONTH FROM c.birth_date)::integer';
  it.each<Case>([
    ['eq', 3, `${month} = $2::integer`, [3]],
    ['neq', 3, `${month} <> $2::integer`, [3]],
    ['gt', 3, `${month} > $2::integer`, [3]],
    ['gte', 3, `${month} >= $2::integer`, [3]],
    ['lt', 3, `${month} < $2::integer`, [3]],
    ['lte', 3, `${month} <= $2::integer`, [3]],
    ['between', [4, 6], `${month} BETWEEN $2::integer AND $3::integer`, [4, 6]],
    ['is_set', undefined, `${month} IS NOT NULL`, []],
    ['is_not_set', undefined, `${month} IS NULL`, []],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('birth_month', operator, value)).toEqual({ where: `(${where})`, params });
  });
});

describe('date fields on an instant column (registered_at), in the workspace timezone', () => {
  const dayStart = (date: string) => `(${date}::timestamp AT TIME ZONE $3::text)`;
  const dayEnd = (date: string) => `((${date} + 1)::timestamp AT TIME ZONE $3::text)`;
  it.each<Case>([
    ['before', '2026-01-05', `c.registered_at < ${dayStart('$2::date')}`, ['2026-01-05', 'Asia/Tokyo']],
    ['after', '2026-01-05', `c.registered_at >= ${dayEnd('$2::date')}`, ['2026-01-05', 'Asia/Tokyo']],
    [
      'on',
      '2026-01-05',
      `(c.registered_at >= ${dayStart('$2::date')} AND c.registered_at < ${dayEnd('$2::date')})`,
      ['2026-01-05', 'Asia/Tokyo'],
    ],
    [
      'between',
      ['2026-01-05', '2026-01-31'],
      '(c.registered_at >= ($2::date::timestamp AT TIME ZONE $4::text)' +
        ' AND c.registered_at < (($3::date + 1)::timestamp AT TIME ZONE $4::text))',
      ['2026-01-05', '2026-01-31', 'Asia/Tokyo'],
    ],
    [
      'within_last_days',
      30,
      '(c.registered_at >= $2::timestamptz AND c.registered_at <= $3::timestamptz)',
      ['2026-01-29T15:00:00.000Z', '2026-02-28T15:00:00.000Z'],
    ],
    ['more_than_days_ago', 365, 'c.registered_at < $2::timestamptz', ['2025-02-28T15:00:00.000Z']],
    ['is_set', undefined, 'c.registered_at IS NOT NULL', []],
    ['is_not_set', undefined, 'c.registered_at IS NULL', []],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('registered_at', operator, value)).toEqual({ where: `(${where})`, params });
  });
});

describe('date fields on a calendar column (birth_date)', () => {
  it.each<Case>([
    ['before', '1990-01-01', 'c.birth_date < $2::date', ['1990-01-01']],
    ['after', '1990-01-01', 'c.birth_date > $2::date', ['1990-01-01']],
    ['on', '1990-01-01', 'c.birth_date = $2::date', ['1990-01-01']],
    [
      'between',
      ['1980-01-01', '1989-12-31'],
      'c.birth_date BETWEEN $2::date AND $3::date',
      ['1980-01-01', '1989-12-31'],
    ],
    [
      'within_last_days',
      7,
      'c.birth_date BETWEEN ($2::timestamptz AT TIME ZONE $3::text)::date AND ($4::timestamptz AT TIME ZONE $3::text)::date',
      ['2026-02-21T15:00:00.000Z', 'Asia/Tokyo', '2026-02-28T15:00:00.000Z'],
    ],
    [
      'more_than_days_ago',
      7,
      'c.birth_date < ($2::timestamptz AT TIME ZONE $3::text)::date',
      ['2026-02-21T15:00:00.000Z', 'Asia/Tokyo'],
    ],
    ['is_set', undefined, 'c.birth_date IS NOT NULL', []],
    ['is_not_set', undefined, 'c.birth_date IS NULL', []],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('birth_date', operator, value)).toEqual({ where: `(${where})`, params });
  });
});

describe('custom attributes (attributes.<key>)', () => {
  const plan = '(c.attributes ->> $2::text)';
  const asNumber = `CASE WHEN ${plan} ~ '^-?[0-9]+([.][0-9]+)?$' THEN ${plan}::numeric END`;
  it.each<Case>([
    ['eq', 'gold', `${plan} = $3::text`, ['plan', 'gold']],
    ['neq', 'gold', `${plan} <> $3::text`, ['plan', 'gold']],
    ['in', ['gold', 'silver'], `${plan} = ANY($3::text[])`, ['plan', ['gold', 'silver']]],
    ['not_in', ['gold'], `${plan} <> ALL($3::text[])`, ['plan', ['gold']]],
    ['contains', 'ol', `strpos(${plan}, $3::text) > 0`, ['plan', 'ol']],
    ['starts_with', 'go', `starts_with(${plan}, $3::text)`, ['plan', 'go']],
    ['is_set', undefined, `nullif(${plan}, '') IS NOT NULL`, ['plan']],
    ['is_not_set', undefined, `nullif(${plan}, '') IS NULL`, ['plan']],
    ['gt', 2, `${asNumber} > $3::numeric`, ['plan', 2]],
    ['gte', 2, `${asNumber} >= $3::numeric`, ['plan', 2]],
    ['lt', 2.5, `${asNumber} < $3::numeric`, ['plan', 2.5]],
    ['lte', 2, `${asNumber} <= $3::numeric`, ['plan', 2]],
    ['between', [1, 3], `${asNumber} BETWEEN $3::numeric AND $4::numeric`, ['plan', 1, 3]],
  ])('%s', (operator, value, where, params) => {
    expect(compileAttribute('attributes.plan', operator, value)).toEqual({ where: `(${where})`, params });
  });

  it('binds the key, whatever it holds', () => {
    expect(compileAttribute("attributes.a' OR 1=1 --", 'is_set')).toEqual({
      where: "(nullif((c.attributes ->> $2::text), '') IS NOT NULL)",
      params: ["a' OR 1=1 --"],
    });
  });
});
