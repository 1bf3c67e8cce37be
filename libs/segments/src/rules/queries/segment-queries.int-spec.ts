import type { Rule, SegmentRule } from '../schema/segment-rule.schema';
import { segmentCountQuery, segmentMembersQuery } from './segment-queries';
import { REFERENCE_TIME } from './testing/segment-fixture';
import { segmentRule, useSegmentFixture } from './testing/use-segment-fixture';

const and = (...rules: Rule[]): Rule => ({ type: 'group', combinator: 'and', rules });
const or = (...rules: Rule[]): Rule => ({ type: 'group', combinator: 'or', rules });
const not = (...rules: Rule[]): Rule => ({ type: 'group', combinator: 'and', negate: true, rules });

/**
 * Nested groups and the full queries on PostgreSQL against the shop of testing/segment-fixture.ts
 * (reference time 2026-03-01 00:00 Tokyo). Names are in id order: hanako, ichiro, misaki, ken,
 * sakura, obrien.
 */
describe('segment queries on PostgreSQL', () => {
  const { members, fixture, db } = useSegmentFixture();

  describe('groups', () => {
    it('combines AND across condition types (the brief example)', async () => {
      const rule = segmentRule(
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 1,
          window: { lastDays: 90 },
          filter: { series: ['うるおい'] },
        },
        { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
        not({ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'lapsed' }),
      );
      expect(await members(rule)).toEqual(['hanako']);
    });

    it('NOT keeps customers whose value is missing, unlike neq', async () => {
      expect(
        await members(segmentRule(not({ type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' }))),
      ).toEqual(['ichiro', 'ken', 'sakura', 'obrien']);
      expect(
        await members(segmentRule(not({ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'lapsed' }))),
      ).toEqual(['hanako', 'misaki', 'ken', 'sakura', 'obrien']);
    });

    it('nests OR inside AND inside NOT', async () => {
      const rule = segmentRule(
        or(
          { type: 'attribute', field: 'prefecture', operator: 'in', value: ['北海道', '大阪府'] },
          { type: 'identity', operator: 'has', kind: 'line' },
        ),
        not(
          { type: 'metric', field: 'rank_down', operator: 'is_true' },
          { type: 'attribute', field: 'gender', operator: 'eq', value: 'male' },
        ),
      );
      expect(await members(rule)).toEqual(['hanako']);
    });

    it('nests three levels', async () => {
      const rule = segmentRule(
        or(
          and(
            { type: 'identity', operator: 'has', kind: 'email' },
            not(
              or(
                { type: 'consent', channel: 'email', operator: 'is', status: 'revoked' },
                { type: 'consent', channel: 'email', operator: 'is', status: 'unknown' },
              ),
            ),
          ),
          { type: 'event', name: 'sample_request' },
        ),
      );
      expect(await members(rule)).toEqual(['hanako', 'ichiro', 'misaki']);
    });

    it('negates the root', async () => {
      const rule: SegmentRule = {
        version: 1,
        root: {
          type: 'group',
          combinator: 'or',
          negate: true,
          rules: [
            { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
            { type: 'event', name: 'page_view' },
          ],
        },
      };
      expect(await members(rule)).toEqual(['ken']);
    });
  });

  describe('queries', () => {
    const prefectureSet = segmentRule({ type: 'attribute', field: 'prefecture', operator: 'is_set' });

    it('checks a few customers for a journey branch', async () => {
      const rule = segmentRule({ type: 'attribute', field: 'gender', operator: 'eq', value: 'male' });
      expect(
        await members(rule, {
          customerIds: [fixture().ids.hanako, fixture().ids.ken, fixture().ids.sakura, fixture().ids.stranger],
        }),
      ).toEqual(['ken']);
    });

    it('samples the lowest ids', async () => {
      expect(await members(prefectureSet, { limit: 2 })).toEqual(['hanako', 'ichiro']);
    });

    it('counts', async () => {
      const query = segmentCountQuery(prefectureSet, {
        workspaceId: fixture().workspaceId,
        referenceTime: REFERENCE_TIME,
      });
      const { rows } = await db().pool.query<{ count: number }>(query.text, query.values);
      expect(rows).toEqual([{ count: 5 }]);
    });

    it('stays in its workspace', async () => {
      const query = segmentMembersQuery(prefectureSet, {
        workspaceId: fixture().otherWorkspaceId,
        referenceTime: REFERENCE_TIME,
      });
      const { rows } = await db().pool.query<{ id: number }>(query.text, query.values);
      expect(rows.map((row) => row.id)).toEqual([fixture().ids.stranger]);
    });
  });
});
