import { ValidationFailedError } from '@kizuna/shared';
import type { Rule, SegmentRule } from '../schema/segment-rule.schema';
import { compileSegmentRule } from './compile-segment-rule';

const referenceTime = new Date('2026-02-28T15:00:00.000Z');
const tokyo = { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' } as const;
const osaka = { type: 'attribute', field: 'prefecture', operator: 'eq', value: '大阪府' } as const;
const follows = { type: 'event', name: 'line_follow' } as const;
const rule = (root: SegmentRule['root']): SegmentRule => ({ version: 1, root });
const and = (...rules: Rule[]) => ({ type: 'group', combinator: 'and', rules }) as const;
const or = (...rules: Rule[]) => ({ type: 'group', combinator: 'or', rules }) as const;
const compile = (root: SegmentRule['root'], options = {}) =>
  compileSegmentRule(rule(root), { workspaceParam: '$1', referenceTime, ...options });

const EVENT = 'EXISTS (SELECT 1 FROM event e WHERE e.workspace_id = $1 AND e.customer_id = c.id AND e.name = $4::text)';

describe('compileSegmentRule', () => {
  it('joins a group with its combinator, numbering placeholders in text order', () => {
    expect(compile(and(tokyo, osaka))).toEqual({
      where: '(c.prefecture = $2::text AND c.prefecture = $3::text)',
      params: ['東京都', '大阪府'],
    });
    expect(compile(or(tokyo, osaka))).toEqual({
      where: '(c.prefecture = $2::text OR c.prefecture = $3::text)',
      params: ['東京都', '大阪府'],
    });
  });

  it('negates with NOT coalesce(..., false), so unknown values count as not matching', () => {
    expect(compile({ ...or(tokyo, osaka), negate: true })).toEqual({
      where: 'NOT coalesce((c.prefecture = $2::text OR c.prefecture = $3::text), false)',
      params: ['東京都', '大阪府'],
    });
  });

  it('nests groups', () => {
    expect(compile(and(or(tokyo, osaka), { ...and(follows), negate: true }))).toEqual({
      where: `((c.prefecture = $2::text OR c.prefecture = $3::text) AND NOT coalesce((${EVENT}), false))`,
      params: ['東京都', '大阪府', 'line_follow'],
    });
  });

  it('binds the reference time and the timezone once per statement', () => {
    const recent = { type: 'attribute', field: 'registered_at', operator: 'within_last_days', value: 7 } as const;
    const onDay = { type: 'attribute', field: 'created_at', operator: 'on', value: '2026-01-05' } as const;
    const created =
      '(c.created_at >= ($5::date::timestamp AT TIME ZONE $6::text) AND c.created_at < (($5::date + 1)::timestamp AT TIME ZONE $6::text))';
    expect(compile(and(recent, recent, onDay, onDay), { timeZone: 'America/New_York' })).toEqual({
      where:
        '((c.registered_at >= $2::timestamptz AND c.registered_at <= $3::timestamptz)' +
        ' AND (c.registered_at >= $4::timestamptz AND c.registered_at <= $3::timestamptz)' +
        ` AND ${created} AND ${created.replaceAll('$5', '$7')})`,
      params: [
        '2026-02-21T15:00:00.000Z',
        '2026-02-28T15:00:00.000Z',
        '2026-02-21T15:00:00.000Z',
        '2026-01-05',
        'America/New_York',
        '2026-01-05',
      ],
    });
  });

  it('numbers after the caller’s placeholders', () => {
    expect(compile(and(tokyo, follows), { workspaceParam: '$3', firstParamIndex: 5 })).toEqual({
      where:
        '(c.prefecture = $5::text AND EXISTS (SELECT 1 FROM event e WHERE e.workspace_id = $3 AND e.customer_id = c.id AND e.name = $6::text))',
      params: ['東京都', 'line_follow'],
    });
    expect(compile(and(tokyo), { workspaceParam: '$4' })).toEqual({
      where: '(c.prefecture = $5::text)',
      params: ['東京都'],
    });
  });

  it('refuses bad options', () => {
    expect(() => compile(and(tokyo), { workspaceParam: '1' })).toThrow('"1" is not a placeholder like $1');
    expect(() => compile(and(tokyo), { workspaceParam: '$1; DROP' })).toThrow('is not a placeholder');
    expect(() => compile(and(tokyo), { workspaceParam: '$2', firstParamIndex: 2 })).toThrow(
      "the rule's placeholders must come after $2",
    );
    expect(() => compile(and(tokyo), { referenceTime: new Date('nope') })).toThrow(
      'the reference time is not a valid date',
    );
    expect(() => compile(and(tokyo), { timeZone: 'Mars/Olympus' })).toThrow('"Mars/Olympus" is not a timezone');
    expect(() => compile(and(tokyo), { scope: 'everyone' })).toThrow(
      '"everyone" is not a scope (workspace or customers)',
    );
  });

  it('validates the rule again (it may come straight from the database)', () => {
    const stored = JSON.parse(
      '{"version":1,"root":{"type":"group","combinator":"and","rules":[{"type":"attribute","field":"c.id; --","operator":"eq","value":"x"}]}}',
    ) as SegmentRule;
    expect(() => compileSegmentRule(stored, { workspaceParam: '$1', referenceTime })).toThrow(ValidationFailedError);
  });
});
