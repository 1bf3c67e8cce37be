import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/**
 * Every analysis against small hand-computed fixtures, through the API and the real SQL. The
 * reference date is 2026-07-01 00:00 in Tokyo; "d days ago" is exactly d × 24 h before it.
 *
 * Fixture A (customers C1..C8; products TR trial set 1,000 yen, LT 3,000 and ES 10,000 of
 * category スキンケア, BD 2,000 of ボディケア):
 *   C1  ES + 2×LT (16,000) at 100, 130, 160, 190, 220, 250 days, each delivered 2 days later
 *   C2  ES at 20 and 200 days
 *   C3  TR (trial set) at 5 days
 *   C4  LT at 400 days
 *   C5  LT at 25, 45, 90 and 300 days; the 45-day order delivered at 43 days
 *   C6  TR at 60 days, BD at 35 days
 *   C7  ES at 15 days, returned in full at 10 days
 *   C8  no order
 */
const REFERENCE = '2026-07-01T00:00:00+09:00';
const referenceMs = Date.parse(REFERENCE);

/** "d days ago" as the workspace's local date-time (Asia/Tokyo). */
function ago(days: number): string {
  const local = new Date(referenceMs - days * 86_400_000 + 9 * 3_600_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

interface Snapshot<T> {
  kind: string;
  referenceAt: string;
  result: T;
}

describe('Analytics on hand-computed fixtures', () => {
  let test: TestEngine;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
  });
  afterAll(() => test.stop());

  async function importFile(workspace: TestWorkspace, kind: string, rows: string[], source = 'ec'): Promise<void> {
    await importWholeFile(test, workspace, { kind, source }, rows.join('\n'));
  }

  /** The fixtures are analysed as of REFERENCE: a refresh after each import (as of now) must not overwrite that. */
  async function withoutRefreshAfterImports(workspace: TestWorkspace): Promise<void> {
    const response = await test.api(workspace, '/api/v1/analytics/settings', {
      method: 'PUT',
      json: { schedule: { afterImports: false } },
    });
    expect(response.status).toBe(200);
  }

  async function post<T>(workspace: TestWorkspace, path: string, json: unknown): Promise<T> {
    const response = await test.api(workspace, path, { method: 'POST', json });
    const body = (await response.json()) as T;
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  async function analysis<T>(workspace: TestWorkspace, name: string): Promise<T> {
    const response = await test.api(workspace, `/api/v1/analytics/${name}`);
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as Snapshot<T>;
    expect(snapshot.referenceAt).toBe('2026-06-30T15:00:00.000Z');
    return snapshot.result;
  }

  describe('fixture A: RFM, RF matrix and repeat rates, ABC, stable segments, rank-down, preferences', () => {
    let shop: TestWorkspace;
    const id: Record<string, number> = {};

    beforeAll(async () => {
      shop = await test.createWorkspace('fixture-a');
      await withoutRefreshAfterImports(shop);
      await importFile(
        shop,
        'products',
        [
          'sku,name,series,category,price,tags,is_trial',
          'TR,うるおい お試し,うるおい,スキンケア,1000,保湿,1',
          'LT,うるおい 化粧水,うるおい,スキンケア,3000,保湿|無添加,0',
          'ES,エイジング 美容液,エイジング,スキンケア,10000,エイジング|ギフト,0',
          'BD,ボディミルク,ボディ,ボディケア,2000,無添加,0',
        ],
        '',
      );
      await importFile(shop, 'customers', [
        'customer_id,family_name',
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `C${n},顧客${n}`),
      ]);
      const orders = ['order_id,customer_id,ordered_at,line_no,sku,quantity,unit_price'];
      const order = (orderId: string, customer: string, days: number, lines: [string, number, number][]) =>
        lines.forEach(([sku, quantity, price], index) =>
          orders.push(`${orderId},${customer},${ago(days)},${index + 1},${sku},${quantity},${price}`),
        );
      for (const days of [100, 130, 160, 190, 220, 250])
        order(`A${days}`, 'C1', days, [
          ['ES', 1, 10000],
          ['LT', 2, 3000],
        ]);
      order('B20', 'C2', 20, [['ES', 1, 10000]]);
      order('B200', 'C2', 200, [['ES', 1, 10000]]);
      order('C5', 'C3', 5, [['TR', 1, 1000]]);
      order('D400', 'C4', 400, [['LT', 1, 3000]]);
      for (const days of [25, 45, 90, 300]) order(`E${days}`, 'C5', days, [['LT', 1, 3000]]);
      order('F60', 'C6', 60, [['TR', 1, 1000]]);
      order('F35', 'C6', 35, [['BD', 1, 2000]]);
      order('G15', 'C7', 15, [['ES', 1, 10000]]);
      await importFile(shop, 'orders', orders);
      await importFile(shop, 'shipments', [
        'shipment_id,order_id,shipped_at,delivered_at',
        ...[100, 130, 160, 190, 220, 250].map((days) => `S${days},A${days},${ago(days - 1)},${ago(days - 2)}`),
        `S45,E45,${ago(44)},${ago(43)}`,
      ]);
      await importFile(shop, 'returns', ['return_id,order_id,returned_at,amount', `R15,G15,${ago(10)},10000`]);
      const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
        "SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external'",
        [shop.id],
      );
      for (const row of rows) id[row.value] = row.customer_id;
      await post(shop, '/api/v1/analytics/refresh', { referenceDate: REFERENCE });
    });

    it('scores RFM by quintiles and ranks customers by F and M', async () => {
      const rfm = await analysis<Record<string, unknown>>(shop, 'rfm');
      // Recency days sorted 5 15 20 25 35 100 400 (C3 C7 C2 C5 C6 C1 C4); percentile_cont at
      // 0.2 0.4 0.6 0.8 = positions 1.2 2.4 3.6 4.8: 15+0.2×5=16, 20+0.4×5=22, 25+0.6×10=31, 35+0.8×65=87.
      // Frequency (orders in 365 days, trial sets included) 0 1 1 2 2 4 6: 1, 1.4, 2, 3.6.
      // Monetary 0 1000 3000 10000 12000 20000 96000: 1400, 5800, 11200, 18400.
      expect(rfm.cuts).toEqual({
        recencyDays: [16, 22, expect.closeTo(31, 6), expect.closeTo(87, 6)],
        frequency: [1, expect.closeTo(1.4, 6), 2, expect.closeTo(3.6, 6)],
        monetary: [expect.closeTo(1400, 6), expect.closeTo(5800, 6), 11200, expect.closeTo(18400, 6)],
        deciles: expect.any(Array),
      });
      // F = 1 + cuts exceeded: C1 6 → 5, C5 4 → 5, C2 2 → 3, C6 2 → 3, C3 C7 1 → 1, C4 0 → 1.
      // M: C1 96,000 → 5, C2 20,000 → 5, C5 12,000 → 4, C7 10,000 → 3, C6 3,000 → 2, C3 C4 → 1.
      // 優良 (F ≥ 4 and M ≥ 4): C1, C5; 準優良 (M ≥ 4 only): C2; 一般 (F only): none; 離反: C3 C4 C6 C7.
      expect(rfm.ranks).toEqual([
        { rank: 'loyal', label: '優良', customers: 2, customerShare: 0.2857, monetary: 108000, monetaryShare: 0.7606 },
        {
          rank: 'semi_loyal',
          label: '準優良',
          customers: 1,
          customerShare: 0.1429,
          monetary: 20000,
          monetaryShare: 0.1408,
        },
        { rank: 'general', label: '一般', customers: 0, customerShare: 0, monetary: 0, monetaryShare: 0 },
        { rank: 'lapsed', label: '離反', customers: 4, customerShare: 0.5714, monetary: 14000, monetaryShare: 0.0986 },
      ]);
      // R = 5 - cuts exceeded (16 22 31 87): C3 C7 → 5, C2 → 4, C5 → 3, C6 → 2, C1 C4 → 1.
      const recency = (rfm.scores as { dimension: string; score: number; customers: number }[]).filter(
        (s) => s.dimension === 'recency',
      );
      expect(recency.map((s) => s.customers)).toEqual([2, 1, 1, 1, 2]);
      const { rows } = await test.db.pool.query<{ customer_id: number; r: number; f: number; m: number; rank: string }>(
        'SELECT customer_id, r_score AS r, f_score AS f, m_score AS m, rfm_rank AS rank FROM customer_metrics WHERE workspace_id = $1',
        [shop.id],
      );
      const byCustomer = Object.fromEntries(rows.map((row) => [row.customer_id, [row.r, row.f, row.m, row.rank]]));
      expect(byCustomer).toEqual({
        [id.C1!]: [1, 5, 5, 'loyal'],
        [id.C2!]: [4, 3, 5, 'semi_loyal'],
        [id.C3!]: [5, 1, 1, 'lapsed'],
        [id.C4!]: [1, 1, 1, 'lapsed'],
        [id.C5!]: [3, 5, 4, 'loyal'],
        [id.C6!]: [2, 3, 2, 'lapsed'],
        [id.C7!]: [5, 1, 3, 'lapsed'],
      });
    });

    it('places customers in the RF matrix with shares, stages and measured repeat rates', async () => {
      const matrix = await analysis<{
        customers: number;
        sales: number;
        cells: Record<string, unknown>[];
        stages: Record<string, unknown>[];
      }>(shop, 'rf-matrix');
      expect([matrix.customers, matrix.sales]).toEqual([7, 142000]);
      // Months = floor(days / 30.44); columns = purchases without trial-only orders (C3: 0).
      const occupied = matrix.cells
        .filter((cell) => (cell.customers as number) > 0)
        .map((cell) => [
          cell.recency,
          cell.frequency,
          (cell.stage as { label: string }).label,
          cell.customers,
          cell.sales,
          cell.salesShare,
        ]);
      expect(occupied).toEqual([
        [0, 0, '見込現役', 1, 1000, 0.007], // C3, 5 days, trial set only
        [0, 1, '新規現役', 1, 10000, 0.0704], // C7
        [0, 2, '有望現役', 1, 20000, 0.1408], // C2
        [0, 4, '優良現役', 1, 12000, 0.0845], // C5
        [1, 1, '新規現役', 1, 3000, 0.0211], // C6, 35 days
        [3, 6, '優良休止', 1, 96000, 0.6761], // C1, 100 days
        [13, 1, '新規離脱', 1, 0, 0], // C4, 400 days: no sales within the year
      ]);
      // The cohort is each customer's cell 30 days earlier (2026-06-01), and "repeated" a purchase
      // (not a trial set) since then: C1 at 70 days in (2, 6) did not, C2 (170 days, 1) did at 20
      // days, C4 (370 → 12, 1) did not, C5 (15 days, 3) did at 25 days, C6 (5 days, 1) did not.
      const cohorts = matrix.cells
        .filter((cell) => (cell.cohortCustomers as number) > 0)
        .map((cell) => [cell.recency, cell.frequency, cell.cohortCustomers, cell.repeated, cell.repeatRate]);
      expect(cohorts).toEqual([
        [0, 1, 1, 0, 0],
        [0, 3, 1, 1, 1],
        [2, 6, 1, 0, 0],
        [5, 1, 1, 1, 1],
        [12, 1, 1, 0, 0],
      ]);
      const stage = (code: string) => matrix.stages.find((s) => s.code === code);
      expect(stage('new_active')).toMatchObject({ label: '新規現役', customers: 2, sales: 13000, repeatRate: 0 });
      expect(stage('promising_active')).toMatchObject({ customers: 1, repeatRate: 1 });
      expect(stage('new_dormant')).toMatchObject({ customers: 0, repeatRate: 1 });
      expect(stage('prospect_lapsed')).toMatchObject({ customers: 0, repeatRate: null });
    });

    it('exports the RF matrix as CSV for Excel', async () => {
      const response = await test.api(shop, '/api/v1/analytics/rf-matrix.csv');
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await response.text()).replace(/^\ufeff/, '').split('\r\n');
      // C1's cell now; its cohort (30 days ago) was the cell before, so the repeat rate is empty.
      expect(lines).toContain('<4,6+,優良休止,loyal_dormant,1,0.1429,96000,0.6761,0,0,');
      expect(lines).toContain('<3,6+,優良現役,loyal_active,0,0,0,0,1,0,0');
    });

    it('classes products within each category: A up to 70 % of sales, B to 90 %, C the rest', async () => {
      const abc = await analysis<{ categories: { category: string; products: Record<string, unknown>[] }[] }>(
        shop,
        'abc',
      );
      const classes = abc.categories.map((c) => [c.category, c.products.map((p) => [p.sku, p.sales, p.abcClass])]);
      // スキンケア within the year: ES 9×10,000 = 90,000; LT 12×3,000 + 4×3,000 = 48,000 (C4's is
      // older); TR 2,000. Shares before each: 0 → A, 64.3 % → A, 98.6 % → C.
      expect(classes).toEqual([
        [
          'スキンケア',
          [
            ['ES', 90000, 'A'],
            ['LT', 48000, 'A'],
            ['TR', 2000, 'C'],
          ],
        ],
        ['ボディケア', [['BD', 2000, 'A']]],
      ]);
    });

    it('segments by purchases, rhythm, basket and returns, and signals rank-downs with the expected loss', async () => {
      const stable = await analysis<{ customers: number; segments: Record<string, unknown>[] }>(
        shop,
        'stable-segments',
      );
      // C1: 6 purchases 30 days apart, 16,000 a basket → core. C5: 4 purchases, intervals 210, 47
      // (delivered at 43), 18 → median 47 ≤ 90, 3,000 → steady. C2: 2 purchases of 10,000 → big spot.
      // C6: 2 purchases of 1,500 on average → light. C3, C4: one purchase each. C7 returned its only
      // order: no purchase, no segment.
      expect(stable.segments.map((s) => [s.segment, s.customers, s.netSpend])).toEqual([
        ['core', 1, 96000],
        ['steady', 1, 12000],
        ['big_spot', 1, 20000],
        ['light', 1, 3000],
        ['one_time', 2, 4000],
        ['dormant', 0, 0],
      ]);
      const rankDown = await analysis<Record<string, unknown>>(shop, 'rank-down');
      // C1: last delivery 98 days ago against its own 80th-percentile interval of 30 days; a year's
      // worth of its spend: 96,000 × 365 / 248 days since its first delivery = 141,290.
      // C6 (one interval, of 25 days): its segment's (light) intervals, 25; 35 days since; 3,000 over
      // at least 90 days → 12,167. C5: 25 days since against its own 144.8 (18, 47, 210) is on time.
      expect(rankDown).toMatchObject({
        customers: 2,
        expectedLoss: 153457,
        top: [
          { customerId: id.C1, daysSinceLast: 98, usualIntervalDays: 30, expectedLoss: 141290, segment: 'core' },
          { customerId: id.C6, daysSinceLast: 35, usualIntervalDays: 25, expectedLoss: 12167, segment: 'light' },
        ],
      });
      const { rows } = await test.db.pool.query<{
        customer_id: number;
        category_segments: unknown;
        returned_amount: number;
      }>(
        'SELECT customer_id, category_segments, returned_amount FROM customer_metrics WHERE workspace_id = $1 ORDER BY customer_id',
        [shop.id],
      );
      expect(rows.find((r) => r.customer_id === id.C6)!.category_segments).toEqual({
        スキンケア: 'one_time',
        ボディケア: 'one_time',
      });
      expect(rows.find((r) => r.customer_id === id.C5)!.category_segments).toEqual({ スキンケア: 'steady' });
      expect(rows.find((r) => r.customer_id === id.C7)).toMatchObject({
        returned_amount: 10000,
        category_segments: { スキンケア: 'one_time' },
      });
    });

    it('keeps each customer’s spend per tag and series, and segments read their share', async () => {
      const { rows } = await test.db.pool.query<{ preferences: unknown }>(
        'SELECT preferences FROM customer_metrics WHERE workspace_id = $1 AND customer_id = $2',
        [shop.id, id.C6],
      );
      expect(rows[0]!.preferences).toEqual({
        series: { うるおい: 1000, ボディ: 2000 },
        tag: { 保湿: 1000, 無添加: 2000 },
      });
      // 無添加: C1 36,000 of 96,000 (0.375), C4, C5 all of theirs, C6 2,000 of 3,000 (0.667).
      const preview = await post<{ count: number; sample: { id: number }[] }>(shop, '/api/v1/segments/preview', {
        definition: {
          version: 1,
          root: {
            type: 'group',
            combinator: 'and',
            rules: [{ type: 'preference', dimension: 'tag', name: '無添加', operator: 'gte', value: 0.5 }],
          },
        },
      });
      expect(preview.sample.map((c) => c.id)).toEqual([id.C4, id.C5, id.C6]);
    });

    it('shows the figures, preferences and segments on the customer profile', async () => {
      const response = await test.api(shop, `/api/v1/customers/${id.C6}`);
      const profile = (await response.json()) as { analytics: Record<string, unknown>; segments: unknown[] };
      expect(profile.analytics).toMatchObject({
        rfmRank: 'lapsed',
        rfStage: 'new_active',
        stableSegment: 'light',
        rankDown: true,
        expectedLoss: 12167,
        categorySegments: { スキンケア: 'one_time', ボディケア: 'one_time' },
        preferences: {
          tags: [
            { name: '無添加', spend: 2000, share: 0.6667 },
            { name: '保湿', spend: 1000, share: 0.3333 },
          ],
          series: [
            { name: 'ボディ', spend: 2000, share: 0.6667 },
            { name: 'うるおい', spend: 1000, share: 0.3333 },
          ],
        },
      });
      expect(profile.segments).toEqual([]);
      const c8 = (await (await test.api(shop, `/api/v1/customers/${id.C8}`)).json()) as { analytics: unknown };
      expect(c8.analytics).toBeNull();
    });

    it('selects targets group by group down to break-even', async () => {
      // Average order value per rank from the metrics: 優良 (C1, C5) 108,000 / 10 orders = 10,800;
      // 準優良 (C2) 10,000; 離反 17,000 / 5 = 3,400. Per contact, at a 50 % margin and 300 yen a contact:
      // 0.10 × 10,800 × 0.5 − 300 = 240; 0.05 × 10,000 × 0.5 − 300 = −50; 0.02 × 3,400 × 0.5 − 300 = −266.
      const selection = await post<Record<string, unknown>>(shop, '/api/v1/analytics/target-selection', {
        basis: 'rfm_rank',
        responseRates: { loyal: 0.1, semi_loyal: 0.05, lapsed: 0.02 },
        costPerContact: 300,
        marginRate: 0.5,
      });
      expect(selection).toMatchObject({ targets: 2, expectedRevenue: 2160, expectedProfit: 480 });
      expect(
        (selection.curve as { key: string; contacts: number; expectedProfit: number }[]).map((p) => [
          p.key,
          p.contacts,
          Math.round(p.expectedProfit),
        ]),
      ).toEqual([
        ['loyal', 2, 480],
        ['semi_loyal', 3, 430],
        ['lapsed', 7, -634],
      ]);
    });
  });

  it('splits customers into deciles by sales (fixture B: ten customers of 1,000 to 10,000 yen)', async () => {
    const shop = await test.createWorkspace('fixture-b');
    await withoutRefreshAfterImports(shop);
    await importFile(shop, 'products', ['sku,name,price', 'X,商品,1000'], '');
    await importFile(shop, 'orders', [
      'order_id,customer_id,ordered_at,sku,quantity,unit_price',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => `O${k},D${k},${ago(k * 10)},X,${k},1000`),
    ]);
    await post(shop, '/api/v1/analytics/refresh', { referenceDate: REFERENCE });
    const deciles = await analysis<{ sales: number; deciles: Record<string, number>[] }>(shop, 'deciles');
    expect(deciles.sales).toBe(55000);
    // Decile 1 is the top tenth: 10,000 of 55,000 = 18.18 %; decile 10 is 1,000 (1.82 %).
    expect(deciles.deciles.map((d) => [d.decile, d.customers, d.sales, d.salesShare, d.cumulativeShare])).toEqual([
      [1, 1, 10000, 0.1818, 0.1818],
      [2, 1, 9000, 0.1636, 0.3455],
      [3, 1, 8000, 0.1455, 0.4909],
      [4, 1, 7000, 0.1273, 0.6182],
      [5, 1, 6000, 0.1091, 0.7273],
      [6, 1, 5000, 0.0909, 0.8182],
      [7, 1, 4000, 0.0727, 0.8909],
      [8, 1, 3000, 0.0545, 0.9455],
      [9, 1, 2000, 0.0364, 0.9818],
      [10, 1, 1000, 0.0182, 1],
    ]);
  });

  it('measures stability where the answer is known (fixture C: steady rhythms for three and a half years)', async () => {
    // S1-S4 buy 16,000 every 30 days, S5-S8 3,000 every 90, S9-S10 8,000 every 45, S11-S14 18,000
    // every 100 days, from 2023-01-10 at staggered offsets. Nobody's behaviour changes, so stable
    // segments must not move. RFM ranks do: a 100-day rhythm puts 3 or 4 orders in a sliding
    // 365-day window, and the quintile cuts of monetary move with it; computed independently:
    // 12 of 14 ranks unchanged after 1 month, 14 after 3, 12 after 6.
    const shop = await test.createWorkspace('fixture-c');
    await withoutRefreshAfterImports(shop);
    await importFile(shop, 'products', ['sku,name,price', 'X,商品,1000'], '');
    const rows = ['order_id,customer_id,ordered_at,sku,quantity,unit_price'];
    const first = Date.parse('2023-01-10T00:00:00+09:00');
    const rhythm = (customer: string, everyDays: number, basket: number, offsetDays: number) => {
      for (let at = first + offsetDays * 86_400_000, n = 0; at < referenceMs; at += everyDays * 86_400_000, n++) {
        const local = new Date(at + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
        rows.push(`${customer}-${n},${customer},${local},X,${basket / 1000},1000`);
      }
    };
    [0, 7, 14, 21].forEach((offset, i) => rhythm(`S${i + 1}`, 30, 16000, offset));
    [0, 22, 45, 67].forEach((offset, i) => rhythm(`S${i + 5}`, 90, 3000, offset));
    [0, 20].forEach((offset, i) => rhythm(`S${i + 9}`, 45, 8000, offset));
    [0, 25, 50, 75].forEach((offset, i) => rhythm(`S${i + 11}`, 100, 18000, offset));
    await importFile(shop, 'orders', rows);

    const report = await post<Record<string, { customers: number; unchanged: Record<string, number> }>>(
      shop,
      '/api/v1/analytics/stability',
      {
        referenceDate: REFERENCE,
      },
    );
    expect(report.stableSegments).toMatchObject({ customers: 14, unchanged: { '1m': 1, '3m': 1, '6m': 1 } });
    expect(report.rfmRanks).toMatchObject({ customers: 14, unchanged: { '1m': 0.8571, '3m': 1, '6m': 0.8571 } });
    const transitions = report.transitions as unknown as { from: string; to: string; customers: number }[];
    expect(transitions).toEqual([
      { from: 'core', to: 'core', customers: 4 },
      { from: 'steady', to: 'steady', customers: 6 },
      { from: 'big_spot', to: 'big_spot', customers: 4 },
    ]);
  });
});
