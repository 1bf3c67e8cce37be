import type { SegmentRule } from '../schema/segment-rule.schema';
import { segmentCountQuery, segmentMembersQuery } from './segment-queries';

const referenceTime = new Date('2026-02-28T15:00:00.000Z');
const rule: SegmentRule = {
  version: 1,
  root: {
    type: 'group',
    combinator: 'and',
    rules: [
      { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
      { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
    ],
  },
};
const WHERE =
  '(c.prefecture = $N1::text AND (SELECT cs.status FROM consent cs WHERE cs.workspace_id = $1 AND cs.customer_id = c.id' +
  ' AND cs.channel = $N2::consent_channel ORDER BY cs.recorded_at DESC, cs.id DESC LIMIT 1) = $N3::consent_status)';
const where = (first: number) =>
  WHERE.replace('$N1', `$${first}`)
    .replace('$N2', `$${first + 1}`)
    .replace('$N3', `$${first + 2}`);
const BASE = "FROM customer c WHERE c.workspace_id = $1 AND c.status = 'active'";

describe('segmentMembersQuery', () => {
  it('selects the active customers of the workspace matching the rule', () => {
    expect(segmentMembersQuery(rule, { workspaceId: 7, referenceTime })).toEqual({
      text: `SELECT c.id ${BASE} AND ${where(2)}`,
      values: [7, '東京都', 'email', 'granted'],
    });
  });

  it('checks a few customers (journey branches) and samples in id order', () => {
    expect(segmentMembersQuery(rule, { workspaceId: 7, referenceTime, customerIds: [31, 8], limit: 20 })).toEqual({
      text: `SELECT c.id ${BASE} AND c.id = ANY($2::integer[]) AND ${where(3)} ORDER BY c.id LIMIT $6`,
      values: [7, [31, 8], '東京都', 'email', 'granted', 20],
    });
  });

  it('refuses ids that are not positive integers', () => {
    expect(() => segmentMembersQuery(rule, { workspaceId: 0, referenceTime })).toThrow(
      'workspaceId must be a positive integer, not 0',
    );
    expect(() => segmentMembersQuery(rule, { workspaceId: 7, referenceTime, customerIds: [1, 2.5] })).toThrow(
      'a customer id must be a positive integer, not 2.5',
    );
    expect(() => segmentMembersQuery(rule, { workspaceId: 7, referenceTime, limit: -1 })).toThrow(
      'limit must be a positive integer, not -1',
    );
  });
});

describe('segmentCountQuery', () => {
  it('counts the matching customers', () => {
    expect(segmentCountQuery(rule, { workspaceId: 7, referenceTime })).toEqual({
      text: `SELECT count(*)::integer AS count ${BASE} AND ${where(2)}`,
      values: [7, '東京都', 'email', 'granted'],
    });
    expect(segmentCountQuery(rule, { workspaceId: 7, referenceTime, customerIds: [5] })).toEqual({
      text: `SELECT count(*)::integer AS count ${BASE} AND c.id = ANY($2::integer[]) AND ${where(3)}`,
      values: [7, [5], '東京都', 'email', 'granted'],
    });
  });
});
