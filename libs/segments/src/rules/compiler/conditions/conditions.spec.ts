import type { Condition } from '../../schema/segment-rule.schema';
import { compileSegmentRule } from '../compile-segment-rule';

// 2026-03-01 00:00 in Tokyo.
const referenceTime = new Date('2026-02-28T15:00:00.000Z');
const REF = '2026-02-28T15:00:00.000Z';

function compile(condition: Condition, scope?: 'workspace' | 'customers') {
  const { where, params } = compileSegmentRule(
    { version: 1, root: { type: 'group', combinator: 'and', rules: [condition] } },
    { workspaceParam: '$1', referenceTime, scope },
  );
  // Unwrap the root group's parentheses: the cases read as the condition alone.
  return { where: where.slice(1, -1), params };
}

describe('identity', () => {
  it('has an identity of a kind', () => {
    expect(compile({ type: 'identity', operator: 'has', kind: 'email' })).toEqual({
      where:
        'EXISTS (SELECT 1 FROM customer_identity i WHERE i.workspace_id = $1 AND i.customer_id = c.id AND i.kind = $2::identity_kind)',
      params: ['email'],
    });
  });

  it('has not an external id of a source', () => {
    expect(compile({ type: 'identity', operator: 'has_not', kind: 'external', source: 'pos' })).toEqual({
      where:
        'NOT EXISTS (SELECT 1 FROM customer_identity i WHERE i.workspace_id = $1 AND i.customer_id = c.id' +
        ' AND i.kind = $2::identity_kind AND i.source = $3::text)',
      params: ['external', 'pos'],
    });
  });
});

describe('consent', () => {
  const rows =
    'SELECT 1 FROM consent cs WHERE cs.workspace_id = $1 AND cs.customer_id = c.id AND cs.channel = $2::consent_channel';
  // The latest row is S: a row of S with no later row of another status.
  const latestIs =
    `(${rows} AND cs.status = $3::consent_status AND NOT EXISTS (SELECT 1 FROM consent later` +
    ' WHERE later.workspace_id = $1 AND later.customer_id = cs.customer_id AND later.channel = $2::consent_channel' +
    ' AND later.status <> $3::consent_status AND (later.recorded_at, later.id) > (cs.recorded_at, cs.id)))';

  it.each([
    ['is', 'granted', `EXISTS ${latestIs}`, ['email', 'granted']],
    ['is_not', 'revoked', `NOT EXISTS ${latestIs}`, ['email', 'revoked']],
    ['is', 'unknown', `NOT EXISTS (${rows})`, ['email']],
    ['is_not', 'unknown', `EXISTS (${rows})`, ['email']],
  ] as const)('%s %s', (operator, status, where, params) => {
    expect(compile({ type: 'consent', channel: 'email', operator, status })).toEqual({ where, params });
  });
});

describe('segment membership', () => {
  const current =
    'EXISTS (SELECT 1 FROM segment_membership sm WHERE sm.workspace_id = $1 AND sm.segment_id = $2::integer' +
    ' AND sm.customer_id = c.id AND sm.exited_at IS NULL)';

  it('member / not member', () => {
    expect(compile({ type: 'segment', operator: 'member', segmentId: 12 })).toEqual({ where: current, params: [12] });
    expect(compile({ type: 'segment', operator: 'not_member', segmentId: 12 })).toEqual({
      where: `NOT ${current}`,
      params: [12],
    });
  });
});

describe('purchase', () => {
  const lines = 'FROM customer_order o JOIN order_line l ON l.order_id = o.id';
  const orders = 'FROM customer_order o';
  const own = 'o.workspace_id = $1 AND o.customer_id = c.id';

  it('counts orders of a series in the last 90 days', () => {
    expect(
      compile({
        type: 'purchase',
        measure: 'count',
        operator: 'gte',
        value: 2,
        window: { lastDays: 90 },
        filter: { series: ['うるおい'] },
      }),
    ).toEqual({
      where:
        `EXISTS (SELECT 1 ${lines} JOIN product p ON p.id = l.product_id WHERE ${own}` +
        ' AND o.ordered_at >= $2::timestamptz AND o.ordered_at <= $3::timestamptz AND p.series = ANY($4::text[])' +
        ' HAVING count(DISTINCT o.id) >= $5::bigint)',
      params: ['2025-11-30T15:00:00.000Z', REF, ['うるおい'], 2],
    });
  });

  it.each([
    ['gte', 1, 'EXISTS'],
    ['gt', 0, 'EXISTS'],
    ['eq', 0, 'NOT EXISTS'],
    ['lt', 1, 'NOT EXISTS'],
    ['lte', 0, 'NOT EXISTS'],
  ] as const)('writes count %s %i as a plain %s (a semi- or anti-join)', (operator, value, existence) => {
    expect(
      compile({
        type: 'purchase',
        measure: 'count',
        operator,
        value,
        window: { lastDays: 30 },
        filter: { trial: true },
      }),
    ).toEqual({
      where:
        `${existence} (SELECT 1 ${lines} JOIN product p ON p.id = l.product_id WHERE ${own}` +
        ' AND o.ordered_at >= $2::timestamptz AND o.ordered_at <= $3::timestamptz AND p.is_trial = $4::boolean)',
      params: ['2026-01-29T15:00:00.000Z', REF, true],
    });
  });

  it.each(['customers', 'workspace'] as const)(
    'reads "bought" and "never bought" without a window from the set of products ever bought (%s)',
    (scope) => {
      const products =
        'ARRAY(SELECT p.id FROM product p WHERE p.workspace_id = $1 AND p.series = ANY($2::text[]) AND p.tags && $3::text[])';
      const bought = `SELECT 1 FROM customer_purchased_products pp WHERE pp.workspace_id = $1 AND pp.customer_id = c.id AND pp.product_ids && ${products}`;
      const filter = { series: ['エイジングケア'], tags: ['無添加'] };
      expect(compile({ type: 'purchase', measure: 'count', operator: 'gte', value: 1, filter }, scope)).toEqual({
        where: `EXISTS (${bought})`,
        params: [['エイジングケア'], ['無添加']],
      });
      expect(compile({ type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter }, scope)).toEqual({
        where: `NOT EXISTS (${bought})`,
        params: [['エイジングケア'], ['無添加']],
      });
    },
  );

  it('reads the orders alone (their totals) when nothing needs their lines', () => {
    expect(compile({ type: 'purchase', measure: 'amount', operator: 'lt', value: 1000 })).toEqual({
      where: `EXISTS (SELECT 1 ${orders} WHERE ${own} HAVING coalesce(sum(o.amount), 0) < $2::bigint)`,
      params: [1000],
    });
    // An order with a full-size product is exactly one that was not trial sets only.
    expect(
      compile({ type: 'purchase', measure: 'count', operator: 'gte', value: 3, filter: { trial: false } }),
    ).toEqual({
      where: `EXISTS (SELECT 1 ${orders} WHERE ${own} AND NOT o.trial_only HAVING count(*) >= $2::bigint)`,
      params: [3],
    });
    // The amount of full-size lines is not the amount of orders with one: lines.
    expect(
      compile({ type: 'purchase', measure: 'amount', operator: 'gte', value: 5000, filter: { trial: false } }),
    ).toEqual({
      where: `EXISTS (SELECT 1 ${lines} JOIN product p ON p.id = l.product_id WHERE ${own} AND p.is_trial = $2::boolean HAVING coalesce(sum(l.amount), 0) >= $3::bigint)`,
      params: [false, 5000],
    });
  });

  it('filters by every line filter, SKUs NFKC-normalised', () => {
    expect(
      compile({
        type: 'purchase',
        measure: 'quantity',
        operator: 'between',
        value: [1, 5],
        window: { from: '2026-01-01', to: '2026-01-31' },
        filter: {
          products: ['ＵＲＵ－００１ ', 'HAIR-01'],
          categories: ['スキンケア'],
          tags: ['無添加', '敏感肌'],
          trial: false,
          channel: 'ec',
        },
      }),
    ).toEqual({
      where:
        `EXISTS (SELECT 1 ${lines} JOIN product p ON p.id = l.product_id` +
        ` WHERE ${own} AND o.ordered_at >= ($2::date::timestamp AT TIME ZONE $3::text)` +
        ' AND o.ordered_at < (($4::date + 1)::timestamp AT TIME ZONE $3::text)' +
        ' AND p.sku = ANY($5::text[]) AND p.category = ANY($6::text[]) AND p.tags && $7::text[]' +
        ' AND p.is_trial = $8::boolean AND o.channel = $9::sales_channel' +
        ' HAVING coalesce(sum(l.quantity), 0) BETWEEN $10::bigint AND $11::bigint)',
      params: [
        '2026-01-01',
        'Asia/Tokyo',
        '2026-01-31',
        ['URU-001', 'HAIR-01'],
        ['スキンケア'],
        ['無添加', '敏感肌'],
        false,
        'ec',
        1,
        5,
      ],
    });
  });

  it('filters the channel on the order, without joining products', () => {
    expect(
      compile({ type: 'purchase', measure: 'count', operator: 'eq', value: 2, filter: { channel: 'store' } }),
    ).toEqual({
      where: `EXISTS (SELECT 1 ${orders} WHERE ${own} AND o.channel = $2::sales_channel HAVING count(*) = $3::bigint)`,
      params: ['store', 2],
    });
  });

  describe('over a whole workspace', () => {
    it('reads the lines alone (they carry their order\u2019s customer and time) for "bought" and "never bought"', () => {
      expect(
        compile(
          {
            type: 'purchase',
            measure: 'count',
            operator: 'gte',
            value: 1,
            window: { lastDays: 60 },
            filter: { trial: true },
          },
          'workspace',
        ),
      ).toEqual({
        where:
          'EXISTS (SELECT 1 FROM order_line l WHERE l.workspace_id = $1 AND l.customer_id = c.id' +
          ' AND l.ordered_at >= $2::timestamptz AND l.ordered_at <= $3::timestamptz' +
          ' AND l.product_id = ANY(ARRAY(SELECT p.id FROM product p WHERE p.workspace_id = $1 AND p.is_trial = $4::boolean)))',
        params: ['2025-12-30T15:00:00.000Z', REF, true],
      });
      // An anti-join against the distinct buyers (PostgreSQL would hash every line of theirs).
      expect(
        compile(
          {
            type: 'purchase',
            measure: 'count',
            operator: 'eq',
            value: 0,
            window: { from: '2026-01-01' },
            filter: { series: ['エイジングケア'], tags: ['無添加'] },
          },
          'workspace',
        ),
      ).toEqual({
        where:
          'NOT EXISTS (SELECT 1 FROM (SELECT DISTINCT l.customer_id FROM order_line l WHERE l.workspace_id = $1' +
          ' AND l.ordered_at >= ($2::date::timestamp AT TIME ZONE $3::text)' +
          ' AND l.product_id = ANY(ARRAY(SELECT p.id FROM product p WHERE p.workspace_id = $1' +
          ' AND p.series = ANY($4::text[]) AND p.tags && $5::text[]))) bought WHERE bought.customer_id = c.id)',
        params: ['2026-01-01', 'Asia/Tokyo', ['エイジングケア'], ['無添加']],
      });
    });

    it('keeps orders for what needs no lines, a channel, or an aggregate', () => {
      const trialOnly: Condition = {
        type: 'purchase',
        measure: 'count',
        operator: 'eq',
        value: 0,
        filter: { trial: false },
      };
      expect(compile(trialOnly, 'workspace')).toEqual(compile(trialOnly));
      const byChannel: Condition = {
        type: 'purchase',
        measure: 'count',
        operator: 'gte',
        value: 1,
        filter: { series: ['うるおい'], channel: 'store' },
      };
      expect(compile(byChannel, 'workspace')).toEqual(compile(byChannel));
      expect(compile(byChannel, 'workspace').where).toContain(`${lines} JOIN product p`);
      const twice: Condition = {
        type: 'purchase',
        measure: 'count',
        operator: 'gte',
        value: 2,
        filter: { series: ['うるおい'] },
      };
      expect(compile(twice, 'workspace')).toEqual(compile(twice));
    });
  });

  it('compares first and last purchase dates', () => {
    expect(compile({ type: 'purchase', measure: 'last_date', operator: 'more_than_days_ago', value: 180 })).toEqual({
      where: `EXISTS (SELECT 1 ${orders} WHERE ${own} HAVING max(o.ordered_at) < $2::timestamptz)`,
      params: ['2025-09-01T15:00:00.000Z'],
    });
    expect(
      compile({ type: 'purchase', measure: 'first_date', operator: 'is_not_set', window: { to: '2025-12-31' } }),
    ).toEqual({
      where:
        `EXISTS (SELECT 1 ${orders} WHERE ${own} AND o.ordered_at < (($2::date + 1)::timestamp AT TIME ZONE $3::text)` +
        ' HAVING min(o.ordered_at) IS NULL)',
      params: ['2025-12-31', 'Asia/Tokyo'],
    });
  });
});

describe('metric', () => {
  const metrics = 'FROM customer_metrics m WHERE m.workspace_id = $1 AND m.customer_id = c.id';

  it.each<[Condition, string, unknown[]]>([
    [
      { type: 'metric', field: 'monetary', operator: 'gte', value: 50000 },
      `EXISTS (SELECT 1 ${metrics} AND m.monetary >= $2::bigint)`,
      [50000],
    ],
    [
      { type: 'metric', field: 'r_score', operator: 'between', value: [4, 5] },
      `EXISTS (SELECT 1 ${metrics} AND m.r_score BETWEEN $2::integer AND $3::integer)`,
      [4, 5],
    ],
    [
      { type: 'metric', field: 'rfm_rank', operator: 'neq', value: 'lapsed' },
      `EXISTS (SELECT 1 ${metrics} AND m.rfm_rank <> $2::text)`,
      ['lapsed'],
    ],
    [
      { type: 'metric', field: 'stable_segment', category: 'スキンケア', operator: 'in', value: ['core', 'steady'] },
      `EXISTS (SELECT 1 ${metrics} AND (m.category_segments ->> $2::text) = ANY($3::text[]))`,
      ['スキンケア', ['core', 'steady']],
    ],
    [
      { type: 'metric', field: 'rank_down', operator: 'is_true' },
      `EXISTS (SELECT 1 ${metrics} AND m.rank_down IS TRUE)`,
      [],
    ],
    [
      { type: 'metric', field: 'rank_down', operator: 'is_false' },
      `EXISTS (SELECT 1 ${metrics} AND m.rank_down IS FALSE)`,
      [],
    ],
    [
      { type: 'metric', field: 'rf_stage', operator: 'is_set' },
      `EXISTS (SELECT 1 ${metrics} AND nullif(m.rf_stage, '') IS NOT NULL)`,
      [],
    ],
    [
      { type: 'metric', field: 'rf_stage', operator: 'is_not_set' },
      `NOT EXISTS (SELECT 1 ${metrics} AND nullif(m.rf_stage, '') IS NOT NULL)`,
      [],
    ],
    [
      { type: 'metric', field: 'decile', operator: 'is_not_set' },
      `NOT EXISTS (SELECT 1 ${metrics} AND m.decile IS NOT NULL)`,
      [],
    ],
    [
      { type: 'metric', field: 'last_order_at', operator: 'within_last_days', value: 30 },
      `EXISTS (SELECT 1 ${metrics} AND (m.last_order_at >= $2::timestamptz AND m.last_order_at <= $3::timestamptz))`,
      ['2026-01-29T15:00:00.000Z', REF],
    ],
  ])('%j', (condition, where, params) => {
    expect(compile(condition)).toEqual({ where, params });
  });
});

describe('preference', () => {
  const row =
    'FROM customer_metrics pm CROSS JOIN LATERAL (SELECT (pm.preferences -> $2::text ->> $3::text)::bigint AS spend) cp' +
    ' WHERE pm.workspace_id = $1 AND pm.customer_id = c.id';

  it('compares the share by default, or the spend', () => {
    expect(compile({ type: 'preference', dimension: 'tag', name: '無添加', operator: 'gte', value: 0.3 })).toEqual({
      where: `EXISTS (SELECT 1 ${row} AND cp.spend::double precision / NULLIF(pm.revenue, 0) >= $4::double precision)`,
      params: ['tag', '無添加', 0.3],
    });
    expect(
      compile({
        type: 'preference',
        dimension: 'series',
        name: 'うるおい',
        measure: 'spend',
        operator: 'gt',
        value: 10000,
      }),
    ).toEqual({ where: `EXISTS (SELECT 1 ${row} AND cp.spend > $4::bigint)`, params: ['series', 'うるおい', 10000] });
  });

  it('is_not_set: no spend on it', () => {
    expect(compile({ type: 'preference', dimension: 'tag', name: '無添加', operator: 'is_not_set' })).toEqual({
      where: `NOT EXISTS (SELECT 1 ${row} AND cp.spend::double precision / NULLIF(pm.revenue, 0) IS NOT NULL)`,
      params: ['tag', '無添加'],
    });
  });
});

describe('score', () => {
  const row = 'FROM customer_score sc WHERE sc.workspace_id = $1 AND sc.customer_id = c.id AND sc.model = $2::text';

  it('compares the model value; no row matches only is_not_set', () => {
    expect(compile({ type: 'score', model: 'p_alive', operator: 'lt', value: 0.3 })).toEqual({
      where: `EXISTS (SELECT 1 ${row} AND sc.value < $3::double precision)`,
      params: ['p_alive', 0.3],
    });
    expect(compile({ type: 'score', model: 'p_alive', operator: 'is_not_set' })).toEqual({
      where: `NOT EXISTS (SELECT 1 ${row} AND sc.value IS NOT NULL)`,
      params: ['p_alive'],
    });
  });
});

describe('event', () => {
  const events = 'FROM event e WHERE e.workspace_id = $1 AND e.customer_id = c.id AND e.name = $2::text';

  it('at least once is a plain EXISTS', () => {
    expect(compile({ type: 'event', name: 'line_follow' })).toEqual({
      where: `EXISTS (SELECT 1 ${events})`,
      params: ['line_follow'],
    });
  });

  it('counts within a window, with property filters bound by key', () => {
    expect(
      compile({
        type: 'event',
        name: 'page_view',
        count: { operator: 'gte', value: 3 },
        window: { lastDays: 7 },
        properties: [
          { key: 'path', operator: 'contains', value: '/lp' },
          { key: 'plan', operator: 'neq', value: 'free' },
          { key: 'duration', operator: 'gt', value: 30 },
        ],
      }),
    ).toEqual({
      where:
        `EXISTS (SELECT 1 ${events} AND e.occurred_at >= $3::timestamptz AND e.occurred_at <= $4::timestamptz` +
        ' AND strpos((e.properties ->> $5::text), $6::text) > 0' +
        ' AND (e.properties ->> $7::text) <> $8::text' +
        " AND CASE WHEN (e.properties ->> $9::text) ~ '^-?[0-9]+([.][0-9]+)?$'" +
        ' THEN (e.properties ->> $9::text)::numeric END > $10::numeric' +
        ' HAVING count(*) >= $11::bigint)',
      params: ['page_view', '2026-02-21T15:00:00.000Z', REF, 'path', '/lp', 'plan', 'free', 'duration', 30, 3],
    });
  });

  it('count 0 holds for customers without the event', () => {
    expect(
      compile({
        type: 'event',
        name: 'email_open',
        count: { operator: 'eq', value: 0 },
        properties: [{ key: 'campaign', operator: 'eq', value: 'spring' }],
      }),
    ).toEqual({
      where: `EXISTS (SELECT 1 ${events} AND (e.properties ->> $3::text) = $4::text HAVING count(*) = $5::bigint)`,
      params: ['email_open', 'campaign', 'spring', 0],
    });
  });
});
