import { deterministicDraw } from '@kizuna/journey';
import { ManualClock } from '@kizuna/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKizunaCli } from '../support/run-cli';
import { AttributeConversionsUseCase } from '../../apps/engine/src/channels/use-cases/attribute-conversions.use-case';
import type { LiftReport, NodeReport } from '../../apps/engine/src/reports/lift-report.result';
import type { KpiTreeReport } from '../../apps/engine/src/reports/build-kpi-tree.use-case';
import { drainJourneys } from '../support/engine-work';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

jest.setTimeout(120_000);

const PERIOD = 'from=2026-12-07&to=2026-12-14';

/**
 * A journey with a 30 % holdout runs on the real engine (event trigger, holdout, an offer, two
 * days' wait, a reminder); opens, clicks and orders come back; the report's figures per node are
 * checked against a count by hand from the holdout rule and the orders the test places.
 */
describe('Lift report', () => {
  const clock = new ManualClock('2026-12-07T01:00:00Z'); // Monday 10:00 in Tokyo
  let test: TestEngine;
  let shop: TestWorkspace;
  let journeyId: number;
  let treated: number[];
  let control: number[];
  let dir: string;

  async function api<T>(route: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, route, init);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${route}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const order = (customerId: number, at: string, amount: number, options: { channel?: string; trial?: boolean } = {}) =>
    test.db.pool.query(
      `INSERT INTO customer_order (workspace_id, customer_id, source, external_id, channel, ordered_at, amount, trial_only)
       VALUES ($1, $2, 'ec', $3, $4::sales_channel, $5, $6, $7)`,
      [shop.id, customerId, `o-${customerId}-${at}`, options.channel ?? 'ec', at, amount, options.trial ?? false],
    );

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock });
    shop = await test.createWorkspace('lift-shop');
    dir = mkdtempSync(path.join(tmpdir(), 'kizuna-lift-'));
    await api('/api/v1/templates/email/offer', {
      method: 'PUT',
      json: { content: { channel: 'email', subject: '冬のご案内', html: '<p>冬のご案内</p>' } },
    });
    await api('/api/v1/reports/settings', { method: 'PUT', json: { unitCosts: { email: 2 } } });
    const keys = Array.from({ length: 40 }, (_, i) => `c${i + 1}`);
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: { source: 'ec', customers: keys.map((key) => ({ customerId: key, email: `${key}@example.jp` })) },
      },
      201,
    );
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT workspace_id, id, 'email', 'granted', 'test', '2026-01-01' FROM customer WHERE workspace_id = $1`,
      [shop.id],
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'winter', filters: [] } },
        { id: 'hold', type: 'holdout', config: { controlShare: 30 } },
        { id: 'offer', type: 'send', label: 'Offer', config: { channel: 'email', templateId: 'offer' } },
        { id: 'wait-2d', type: 'wait', config: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
        { id: 'reminder', type: 'send', label: 'Reminder', config: { channel: 'email', templateId: 'offer' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'hold' },
        { id: 'e2', source: 'hold', sourceHandle: 'treatment', target: 'offer' },
        { id: 'e3', source: 'hold', sourceHandle: 'control', target: 'done' },
        { id: 'e4', source: 'offer', target: 'wait-2d' },
        { id: 'e5', source: 'wait-2d', target: 'reminder' },
        { id: 'e6', source: 'reminder', target: 'done' },
      ],
    };
    journeyId = (
      await api<{ id: number }>('/api/v1/journeys', { method: 'POST', json: { name: 'Winter', graph } }, 201)
    ).id;
    await api(`/api/v1/journeys/${journeyId}/publish`, { method: 'POST' });

    // The holdout rule by hand: the engine's draw per journey and customer, 30 % control.
    const { rows: customers } = await test.db.pool.query<{ id: number }>(
      `SELECT id FROM customer WHERE workspace_id = $1 ORDER BY id`,
      [shop.id],
    );
    const isControl = (id: number) => deterministicDraw(`holdout:${journeyId}:${id}`) * 100 < 30;
    treated = customers.map((c) => c.id).filter((id) => !isControl(id));
    control = customers.map((c) => c.id).filter(isControl);
    expect(control.length).toBeGreaterThanOrEqual(3);
    expect(treated.length).toBeGreaterThanOrEqual(9);

    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: keys.map((key) => ({ eventId: `w-${key}`, name: 'winter', customer: { customerId: key } })),
        },
      },
      202,
    );
    for (let i = 0; i < 200; i++) {
      const { rowCount } = await test.db.pool.query(`SELECT 1 FROM enrollment WHERE journey_id = $1`, [journeyId]);
      if (rowCount === 40) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await drainJourneys(test);
    clock.set('2026-12-09T01:00:00Z');
    await drainJourneys(test);

    // Opens of three offers, a click on one, an unsubscribe from one reminder.
    const { rows: messages } = await test.db.pool.query<{ id: string; customer_id: number; node_id: string }>(
      `SELECT id::text, customer_id, node_id FROM message WHERE journey_id = $1 ORDER BY customer_id, node_id`,
      [journeyId],
    );
    const messageOf = (customerId: number, nodeId: string) =>
      messages.find((m) => m.customer_id === customerId && m.node_id === nodeId)!.id;
    const respond = (customerId: number, nodeId: string, kind: string, at: string) =>
      test.db.pool.query(
        `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, dedupe_key)
         SELECT m.workspace_id, m.customer_id, m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel, $2, $3, $2 || ':' || m.id
         FROM message m WHERE m.id = $1`,
        [messageOf(customerId, nodeId), kind, at],
      );
    for (const id of treated.slice(0, 3)) await respond(id, 'offer', 'opened', '2026-12-07T03:00:00Z');
    await respond(treated[0]!, 'offer', 'clicked', '2026-12-07T03:01:00Z');
    await respond(treated[6]!, 'reminder', 'unsubscribed', '2026-12-09T02:00:00Z');

    // Orders: three treated on day 1 (after the offer), two on day 3 (after the reminder), one trial
    // set (not a conversion); two holdout customers, on day 1 and day 3; one earlier purchase (a
    // treated customer enters as a first-time buyer); one order in the comparison period.
    const [t0, t1, t2, t3, t4, t5, , t7] = treated as [number, number, number, number, number, number, number, number];
    const [c0, c1, c2] = control as [number, number, number];
    await order(t7, '2026-11-20T03:00:00Z', 5000, { channel: 'store' });
    await order(c2, '2026-11-18T03:00:00Z', 4000);
    await order(t0, '2026-12-08T03:00:00Z', 3000);
    // Its line: two bottles of a series, for the KPI tree's split by series.
    await test.db.pool.query(
      `WITH p AS (INSERT INTO product (workspace_id, sku, name, series) VALUES ($1, 'LOTION', 'ローション', '薬用美白') RETURNING id)
       INSERT INTO order_line (workspace_id, order_id, line_no, customer_id, ordered_at, product_id, quantity, unit_price, amount)
       SELECT o.workspace_id, o.id, 1, o.customer_id, o.ordered_at, p.id, 2, 1500, 3000 FROM customer_order o, p
       WHERE o.workspace_id = $1 AND o.customer_id = $2`,
      [shop.id, t0],
    );
    await order(t1, '2026-12-08T03:00:00Z', 5000);
    await order(t2, '2026-12-08T03:00:00Z', 4000, { channel: 'store' });
    await order(t5, '2026-12-08T03:00:00Z', 1000, { trial: true });
    await order(c0, '2026-12-08T03:00:00Z', 3000);
    await order(t3, '2026-12-10T03:00:00Z', 6000, { channel: 'store' });
    await order(t4, '2026-12-10T03:00:00Z', 2000);
    await order(c1, '2026-12-10T03:00:00Z', 7000);
    clock.set('2026-12-11T00:00:00Z');
    await test.engine.app.get(AttributeConversionsUseCase).execute(shop.id);
  });

  afterAll(async () => {
    await test.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const nodeOf = (report: LiftReport, nodeId: string): NodeReport => report.nodes.find((n) => n.nodeId === nodeId)!;

  it('counts every node as by hand', async () => {
    const report = await api<LiftReport>(`/api/v1/reports/journeys/${journeyId}?${PERIOD}`);
    const T = treated.length;
    const C = control.length;
    expect(report.period).toEqual({
      from: '2026-12-06T15:00:00.000Z',
      to: '2026-12-13T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
      lastFullWeek: false,
    });
    const funnel = (nodeId: string) => {
      const n = nodeOf(report, nodeId);
      return [
        n.entered,
        n.waiting,
        n.exited,
        n.sent,
        n.delivered,
        n.opened,
        n.clicked,
        n.unsubscribes,
        n.converted,
        n.revenue,
        n.cost,
      ];
    };
    expect(funnel('start')).toEqual([40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(funnel('hold')).toEqual([40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Last touch: the day-1 orders answer the offer, the day-3 orders the reminder.
    expect(funnel('offer')).toEqual([T, 0, 0, T, T, 3, 1, 0, 3, 12_000, T * 2]);
    expect(funnel('wait-2d')).toEqual([T, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(funnel('reminder')).toEqual([T, 0, 0, T, T, 0, 0, 1, 2, 8_000, T * 2]);
    expect(funnel('done')).toEqual([40, 0, 40, 0, 0, 0, 0, 0, 0, 0, 0]);

    // At the holdout and the offer (reached at entry): everyone; conversions within 7 days.
    for (const nodeId of ['hold', 'offer']) {
      const lift = nodeOf(report, nodeId).lift!;
      expect(lift.treated).toEqual({ customers: T, converted: 5, revenue: 20_000 });
      expect(lift.control).toEqual({ customers: C, converted: 2, revenue: 10_000 });
      expect(lift.difference.estimate).toBeCloseTo(5 / T - 2 / C, 12);
    }
    // At the reminder (two days in): those who had bought already are out on both sides; the
    // holdout is placed two days after its holdout decision (the median for treated customers).
    const reminder = nodeOf(report, 'reminder').lift!;
    expect(reminder.treated).toEqual({ customers: T - 3, converted: 2, revenue: 8_000 });
    expect(reminder.control).toEqual({ customers: C - 1, converted: 1, revenue: 7_000 });
    // Few conversions: the exact test.
    expect(reminder.test.method).toBe('fisher-exact');
    expect(nodeOf(report, 'wait-2d').lift).toBeNull();

    expect(report.summary.lift!.treated).toEqual({ customers: T, converted: 5, revenue: 20_000 });
    expect(report.summary.cost).toBe(T * 2 * 2);
    // Incremental revenue = lift x treated customers x revenue per converting customer (20,000 / 5).
    expect(report.summary.roi!.incrementalRevenue.estimate).toBeCloseTo((5 / T - 2 / C) * T * 4000, 6);
    expect(report.summary.roi!.net.estimate).toBeCloseTo((5 / T - 2 / C) * T * 4000 - T * 4, 6);

    // Stage at entry: a treated and a holdout customer had bought once (新規現役); the others never (見込).
    const stages = Object.fromEntries(report.repeatRateByStage.map((s) => [s.stage, s]));
    expect(stages.new_active).toMatchObject({ treatedCustomers: 1, controlCustomers: 1, treatedRepeatRate: 0 });
    expect(stages.prospect_lapsed).toMatchObject({ treatedCustomers: T - 1, controlCustomers: C - 1 });
    expect(stages.prospect_lapsed!.pointsGained!.estimate).toBeCloseTo((5 / (T - 1) - 2 / (C - 1)) * 100, 10);
  });

  it('serves CSV by Accept or .csv, and a printable HTML page with inline SVG charts', async () => {
    const byAccept = await test.api(shop, `/api/v1/reports/journeys/${journeyId}?${PERIOD}`, {
      headers: { accept: 'text/csv' },
    });
    expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await byAccept.text();
    const byRoute = await (await test.api(shop, `/api/v1/reports/journeys/${journeyId}.csv?${PERIOD}`)).text();
    expect(byRoute).toBe(csv);
    const [header, ...lines] = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(header!.split(',').slice(0, 8)).toEqual([
      'journey_id',
      'journey',
      'period_from',
      'period_to',
      'version',
      'node_id',
      'node_type',
      'label',
    ]);
    expect(lines).toHaveLength(6);
    const offer = Object.fromEntries(
      header!.split(',').map((name, i) => [name, lines.find((l) => l.includes(',offer,'))!.split(',')[i]]),
    );
    expect(offer).toMatchObject({
      entered: String(treated.length),
      sent: String(treated.length),
      converted: '3',
      revenue: '12000',
    });
    expect(offer.treated_converted).toBe('5');
    expect(offer.control_converted).toBe('2');

    for (const route of [
      `/api/v1/reports/journeys/${journeyId}.html?${PERIOD}`,
      `/api/v1/reports/journeys/${journeyId}?${PERIOD}&format=html`,
    ]) {
      const response = await test.api(shop, route);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain('<h1>Winter</h1>');
      expect(html.match(/<svg /g)).toHaveLength(3);
      expect(html).not.toContain('<script');
    }
  });

  it('defaults to the last full week and refuses a bad period', async () => {
    const report = await api<LiftReport>(`/api/v1/reports/journeys/${journeyId}`);
    // The clock is Friday 2026-12-11 09:00 in Tokyo: the last full week is Monday 11-30 to Monday 12-07.
    expect(report.period).toMatchObject({
      from: '2026-11-29T15:00:00.000Z',
      to: '2026-12-06T15:00:00.000Z',
      lastFullWeek: true,
    });
    expect(nodeOf(report, 'hold').entered).toBe(0);
    const bad = await test.api(shop, `/api/v1/reports/journeys/${journeyId}?from=2026-12-14&to=2026-12-07`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { field: string }[] }).issues[0]!.field).toBe('from');
    expect((await test.api(shop, `/api/v1/reports/journeys/99999?${PERIOD}`)).status).toBe(404);
  });

  it('decomposes sales into customers, frequency and order value (KPI tree)', async () => {
    const tree = await api<KpiTreeReport>(
      `/api/v1/reports/kpi-tree?${PERIOD}&compareFrom=2026-11-16&compareTo=2026-11-23`,
    );
    // This week: 8 customers, 8 orders (the trial set is an order), 31,000 yen; the comparison
    // week: 2 customers, 2 orders, 9,000 yen.
    expect(tree.total.current).toMatchObject({
      activeCustomers: 8,
      orders: 8,
      sales: 31_000,
      frequency: 1,
      averageOrderValue: 3875,
    });
    expect(tree.total.previous).toMatchObject({ activeCustomers: 2, orders: 2, sales: 9_000, averageOrderValue: 4500 });
    const weight = 22_000 / Math.log(31_000 / 9_000);
    expect(tree.total.contributions.activeCustomers).toBeCloseTo(weight * Math.log(4), 6);
    expect(tree.total.contributions.frequency).toBeCloseTo(0, 6);
    expect(tree.total.contributions.averageOrderValue).toBeCloseTo(weight * Math.log(3875 / 4500), 6);
    expect(tree.total.mainDriver).toBe('activeCustomers');
    const store = tree.splits.find((s) => s.dimension === 'channel' && s.key === 'store')!;
    expect(store.current).toMatchObject({ activeCustomers: 2, orders: 2, sales: 10_000 });
    expect(store.previous).toMatchObject({ activeCustomers: 1, orders: 1, sales: 5_000 });
    expect(tree.splits.find((s) => s.dimension === 'segment' && s.key === 'none')!.current.sales).toBe(31_000);
    const series = tree.splits.find((s) => s.dimension === 'series' && s.key === '薬用美白')!;
    expect(series.current).toMatchObject({ activeCustomers: 1, orders: 1, sales: 3_000 });
    expect(series.previous).toMatchObject({ activeCustomers: 0, orders: 0, sales: 0 });
    expect(series.contributions.activeCustomers).toBe(3_000);
  });

  it('prints the report from the CLI: text and --json', async () => {
    const kizuna = (...args: string[]) =>
      runKizunaCli(args, { databaseUrl: test.db.url, dataDir: path.join(dir, 'data') });
    const range = ['--workspace', 'lift-shop', '--from', '2026-12-07', '--to', '2026-12-14'];
    const text = await kizuna('report', 'lift', 'Winter', ...range);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Lift report: Winter');
    expect(text.stdout).toMatch(/Journey: \d+\.\d% vs \d+\.\d%/);
    expect(text.stdout).toContain(`v1\toffer\tsend\t${treated.length}\t0\t0\t${treated.length}`);
    const json = await kizuna('report', 'lift', String(journeyId), ...range, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as LiftReport;
    expect(nodeOf(report, 'reminder').lift!.treated).toEqual({
      customers: treated.length - 3,
      converted: 2,
      revenue: 8_000,
    });
    const bad = await kizuna('report', 'lift', 'Winter', '--from', '7 Dec');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from must be YYYY-MM-DD');
  });
});
