import { HOSTILE_FAMILY_NAME, HOSTILE_GIVEN_NAME } from './testing/segment-fixture';
import { segmentRule, useSegmentFixture } from './testing/use-segment-fixture';

/**
 * Profile conditions compiled and run on PostgreSQL against the shop of testing/segment-fixture.ts
 * (reference time 2026-03-01 00:00 Tokyo). Names are in id order: hanako, ichiro, misaki, ken,
 * sakura, obrien; the merged record and the other workspace's customer never appear.
 */
describe('profile conditions on PostgreSQL', () => {
  const { cases, members, fixture } = useSegmentFixture();

  describe('attribute: text, choice, number and date fields', () => {
    cases([
      [
        'prefecture eq',
        { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
        ['hanako', 'misaki'],
      ],
      [
        'prefecture neq (a missing prefecture is not "different")',
        { type: 'attribute', field: 'prefecture', operator: 'neq', value: '東京都' },
        ['ichiro', 'ken', 'sakura'],
      ],
      [
        'prefecture in',
        { type: 'attribute', field: 'prefecture', operator: 'in', value: ['大阪府', '北海道'] },
        ['ichiro', 'ken'],
      ],
      [
        'prefecture not_in',
        { type: 'attribute', field: 'prefecture', operator: 'not_in', value: ['東京都'] },
        ['ichiro', 'ken', 'sakura'],
      ],
      ['city contains', { type: 'attribute', field: 'city', operator: 'contains', value: '区' }, ['hanako', 'misaki']],
      [
        'kana starts_with',
        { type: 'attribute', field: 'family_name_kana', operator: 'starts_with', value: 'タ' },
        ['misaki', 'ken'],
      ],
      [
        'prefecture is_set',
        { type: 'attribute', field: 'prefecture', operator: 'is_set' },
        ['hanako', 'ichiro', 'misaki', 'ken', 'sakura'],
      ],
      ['prefecture is_not_set', { type: 'attribute', field: 'prefecture', operator: 'is_not_set' }, ['obrien']],
      [
        'a name full of SQL syntax, eq',
        { type: 'attribute', field: 'family_name', operator: 'eq', value: HOSTILE_FAMILY_NAME },
        ['obrien'],
      ],
      [
        'a name full of SQL syntax, in',
        { type: 'attribute', field: 'given_name', operator: 'in', value: ['花子', HOSTILE_GIVEN_NAME] },
        ['hanako', 'obrien'],
      ],
      ['gender eq', { type: 'attribute', field: 'gender', operator: 'eq', value: 'female' }, ['hanako', 'misaki']],
      [
        'gender neq',
        { type: 'attribute', field: 'gender', operator: 'neq', value: 'female' },
        ['ichiro', 'ken', 'obrien'],
      ],
      [
        'gender in',
        { type: 'attribute', field: 'gender', operator: 'in', value: ['male', 'other'] },
        ['ichiro', 'ken', 'obrien'],
      ],
      ['gender is_not_set', { type: 'attribute', field: 'gender', operator: 'is_not_set' }, ['sakura']],
      [
        'birth_month eq (誕生月)',
        { type: 'attribute', field: 'birth_month', operator: 'eq', value: 3 },
        ['hanako', 'ken'],
      ],
      [
        'birth_month between',
        { type: 'attribute', field: 'birth_month', operator: 'between', value: [7, 12] },
        ['ichiro', 'sakura'],
      ],
      [
        'birth_date before',
        { type: 'attribute', field: 'birth_date', operator: 'before', value: '1980-01-01' },
        ['ken'],
      ],
      [
        'birth_date after',
        { type: 'attribute', field: 'birth_date', operator: 'after', value: '1999-12-31' },
        ['sakura'],
      ],
      ['birth_date on', { type: 'attribute', field: 'birth_date', operator: 'on', value: '1985-11-30' }, ['ichiro']],
      [
        'birth_date between',
        { type: 'attribute', field: 'birth_date', operator: 'between', value: ['1985-01-01', '1990-12-31'] },
        ['hanako', 'ichiro'],
      ],
      [
        'birth_date is_not_set',
        { type: 'attribute', field: 'birth_date', operator: 'is_not_set' },
        ['misaki', 'obrien'],
      ],
      [
        'registered_at on a Tokyo day (08:00 the next morning is still that day in UTC)',
        { type: 'attribute', field: 'registered_at', operator: 'on', value: '2026-01-05' },
        ['sakura'],
      ],
      [
        'registered_at after',
        { type: 'attribute', field: 'registered_at', operator: 'after', value: '2026-01-05' },
        ['ichiro', 'obrien'],
      ],
      [
        'registered_at before',
        { type: 'attribute', field: 'registered_at', operator: 'before', value: '2025-01-11' },
        ['hanako', 'ken'],
      ],
      [
        'registered_at between',
        { type: 'attribute', field: 'registered_at', operator: 'between', value: ['2026-01-05', '2026-01-06'] },
        ['sakura', 'obrien'],
      ],
      [
        'registered_at within_last_days',
        { type: 'attribute', field: 'registered_at', operator: 'within_last_days', value: 30 },
        ['ichiro'],
      ],
      [
        'registered_at more_than_days_ago',
        { type: 'attribute', field: 'registered_at', operator: 'more_than_days_ago', value: 365 },
        ['hanako', 'ken'],
      ],
      ['registered_at is_not_set', { type: 'attribute', field: 'registered_at', operator: 'is_not_set' }, ['misaki']],
    ]);
  });

  describe('attribute: custom attributes (JSON, text or number)', () => {
    cases([
      ['text eq', { type: 'attribute', field: 'attributes.plan', operator: 'eq', value: 'gold' }, ['hanako', 'ken']],
      [
        'is_not_set',
        { type: 'attribute', field: 'attributes.plan', operator: 'is_not_set' },
        ['misaki', 'sakura', 'obrien'],
      ],
      [
        'gte reads "2" and 2 as numbers and skips "unknown"',
        { type: 'attribute', field: 'attributes.children', operator: 'gte', value: 2 },
        ['hanako', 'ichiro'],
      ],
      ['between', { type: 'attribute', field: 'attributes.children', operator: 'between', value: [3, 5] }, ['ichiro']],
    ]);
  });

  describe('identity, consent and segment membership', () => {
    cases([
      ['has email', { type: 'identity', operator: 'has', kind: 'email' }, ['hanako', 'ichiro']],
      [
        'has_not email',
        { type: 'identity', operator: 'has_not', kind: 'email' },
        ['misaki', 'ken', 'sakura', 'obrien'],
      ],
      ['has external id', { type: 'identity', operator: 'has', kind: 'external' }, ['misaki', 'ken']],
      ['has external id from ec', { type: 'identity', operator: 'has', kind: 'external', source: 'ec' }, ['misaki']],
      [
        'email consent granted (latest row wins)',
        { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
        ['hanako', 'ichiro', 'sakura'],
      ],
      [
        'email consent revoked (same instant: the later row wins)',
        { type: 'consent', channel: 'email', operator: 'is', status: 'revoked' },
        ['misaki'],
      ],
      [
        'email consent unknown',
        { type: 'consent', channel: 'email', operator: 'is', status: 'unknown' },
        ['ken', 'obrien'],
      ],
      [
        'email consent is not granted',
        { type: 'consent', channel: 'email', operator: 'is_not', status: 'granted' },
        ['misaki', 'ken', 'obrien'],
      ],
      ['line consent revoked', { type: 'consent', channel: 'line', operator: 'is', status: 'revoked' }, ['hanako']],
      [
        'line consent is not unknown',
        { type: 'consent', channel: 'line', operator: 'is_not', status: 'unknown' },
        ['hanako'],
      ],
    ]);

    it('reads current memberships only', async () => {
      const member = await members(
        segmentRule({ type: 'segment', operator: 'member', segmentId: fixture().segmentId }),
      );
      const notMember = await members(
        segmentRule({ type: 'segment', operator: 'not_member', segmentId: fixture().segmentId }),
      );
      expect(member).toEqual(['hanako', 'ken']);
      expect(notMember).toEqual(['ichiro', 'misaki', 'sakura', 'obrien']);
    });
  });
});
