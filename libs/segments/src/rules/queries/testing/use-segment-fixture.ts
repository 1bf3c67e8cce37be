// eslint-disable-next-line @nx/enforce-module-boundaries -- an integration-test helper: it needs the repository-wide test database support, never shipped code
import { createTestDatabase, type TestDatabase } from '../../../../../../tests/support/test-database';
import type { Condition, Rule, SegmentRule } from '../../schema/segment-rule.schema';
import { segmentMembersQuery, type SegmentMembersQueryOptions } from '../segment-queries';
import { loadSegmentFixture } from './load-segment-fixture';
import { REFERENCE_TIME, type SegmentFixture } from './segment-fixture';

export interface SegmentFixtureDatabase {
  db: () => TestDatabase;
  fixture: () => SegmentFixture;
  /** The names of the customers a rule selects, in id order. */
  members: (rule: SegmentRule, options?: Partial<SegmentMembersQueryOptions>) => Promise<string[]>;
  /** One test per [title, condition, expected names], over the workspace and over given customers. */
  cases: (list: [string, Condition, string[]][]) => void;
}

export const segmentRule = (...rules: Rule[]): SegmentRule => ({
  version: 1,
  root: { type: 'group', combinator: 'and', rules },
});

/** A database of its own with the fixture loaded, for the test file that calls it. */
export function useSegmentFixture(): SegmentFixtureDatabase {
  let db: TestDatabase | undefined;
  let fx: SegmentFixture | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    fx = await loadSegmentFixture(db.pool);
  });
  afterAll(() => db?.drop());

  const ready = () => {
    if (!db || !fx) throw new Error('the segment fixture is loaded in beforeAll');
    return { db, fx };
  };
  const members = async (rule: SegmentRule, options: Partial<SegmentMembersQueryOptions> = {}) => {
    const { db, fx } = ready();
    const query = segmentMembersQuery(rule, { workspaceId: fx.workspaceId, referenceTime: REFERENCE_TIME, ...options });
    const { rows } = await db.pool.query<{ id: number }>(query.text, query.values);
    return fx.names(rows.map((row) => row.id).sort((a, b) => a - b));
  };
  return {
    db: () => ready().db,
    fixture: () => ready().fx,
    members,
    cases: (list) =>
      it.each(list)('%s', async (_title, condition, expected) => {
        const rule = segmentRule(condition);
        expect(await members(rule)).toEqual(expected);
        // Given customers compile to per-customer SQL (a journey branch): the same matches.
        expect(await members(rule, { customerIds: Object.values(ready().fx.ids) })).toEqual(expected);
      }),
  };
}
