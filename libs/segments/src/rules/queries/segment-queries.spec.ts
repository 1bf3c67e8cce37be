import type { SegmentRule } from '../schema/segment-rule.schema';
import { segmentCountQuery, segmentMembersQuery, segmentPreviewQuery } from './segment-queries';

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
  '(c.prefecture = $N1::text AND EXISTS (SELECT 1 FROM consent cs WHERE cs.workspace_id = $1 AND cs.customer_id = c.id' +
  ' AND cs.channel = $N2::consent_channel AND cs.status = $N3::consent_status AND NOT EXISTS (SELECT 1 FROM consent later' +
  ' WHERE later.workspace_id = $1 AND later.customer_id = cs.customer_id AND later.channel = $N2::consent_channel' +
  ' AND later.status <> $N3::consent_status AND (later.recorded_at, later.id) > (cs.recorded_at, cs.id))))';
const where = (first: number) =>
  WHERE.replaceAll('$N1', `$${first}`)
    .replaceAll('$N2', `$${first + 1}`)
    .replaceAll('$N3', `$${first + 2}`);
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

  it('compiles for the whole workspace, or for the given customers', () => {
    const neverBought: SegmentRule = {
      version: 1,
      root: {
        type: 'group',
        combinator: 'and',
        rules: [
          {
            type: 'purchase',
            measure: 'count',
            operator: 'eq',
            value: 0,
            window: { lastDays: 365 },
            filter: { series: ['エイジング'] },
          },
        ],
      },
    };
    expect(segmentMembersQuery(neverBought, { workspaceId: 7, referenceTime }).text).toBe(
      `SELECT c.id ${BASE} AND (NOT EXISTS (SELECT 1 FROM (SELECT DISTINCT l.customer_id FROM order_line l` +
        ' WHERE l.workspace_id = $1 AND l.ordered_at >= $2::timestamptz AND l.ordered_at <= $3::timestamptz' +
        ' AND l.product_id = ANY(ARRAY(SELECT p.id FROM product p' +
        ' WHERE p.workspace_id = $1 AND p.series = ANY($4::text[])))) bought WHERE bought.customer_id = c.id))',
    );
    expect(segmentMembersQuery(neverBought, { workspaceId: 7, referenceTime, customerIds: [3] }).text).toBe(
      `SELECT c.id ${BASE} AND c.id = ANY($2::integer[]) AND (NOT EXISTS (SELECT 1 FROM customer_order o` +
        ' JOIN order_line l ON l.order_id = o.id JOIN product p ON p.id = l.product_id' +
        ' WHERE o.workspace_id = $1 AND o.customer_id = c.id AND o.ordered_at >= $3::timestamptz' +
        ' AND o.ordered_at <= $4::timestamptz AND p.series = ANY($5::text[])))',
    );
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

describe('segmentPreviewQuery', () => {
  it('counts and samples the lowest ids in one statement', () => {
    expect(segmentPreviewQuery(rule, { workspaceId: 7, referenceTime, sampleSize: 20 })).toEqual({
      text:
        "SELECT count(*)::integer AS count, coalesce((array_agg(c.id ORDER BY c.id))[1:$5::integer], '{}') AS sample" +
        ` ${BASE} AND ${where(2)}`,
      values: [7, '東京都', 'email', 'granted', 20],
    });
  });

  it('refuses a sample size that is not a non-negative integer', () => {
    expect(() => segmentPreviewQuery(rule, { workspaceId: 7, referenceTime, sampleSize: -1 })).toThrow(
      'sampleSize must be a non-negative integer, not -1',
    );
  });
});
