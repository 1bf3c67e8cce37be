import { SegmentProcessor } from '../../apps/engine/src/segments/segment.processor';
import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { rule } from '../support/segment-rule';

interface Segment {
  id: number;
  name: string;
  memberCount: number;
  lastRefreshedAt: string | null;
  lastError: string | null;
  refreshCron: string | null;
  nextRefreshAt: string | null;
  archivedAt: string | null;
}

interface Member {
  id: number;
  displayName: string | null;
  enteredAt: string;
}

interface Change {
  id: number;
  customerId: number;
  change: 'entered' | 'exited';
  at: string;
}

const today = new Date();
const daysAgo = (days: number) =>
  new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Segments over HTTP against the running engine (in-process queue): validation and preview, the
 * materialised membership with its entry/exit log, refreshes on events, on changed customers, on
 * other segments, on imports and analytics, on a schedule; cycles and archiving refused where
 * they would break other segments; analysis groups saved as segments in one call.
 */
describe('Segments over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  const ids: Record<string, number> = {};

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const body = response.status === 204 ? undefined : ((await response.json()) as T);
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body as T;
  }

  async function importFile(kind: string, csv: string, source = 'ec'): Promise<void> {
    await importWholeFile(test, shop, { kind, source }, csv);
  }

  async function customerId(externalId: string): Promise<number> {
    const { rows } = await test.db.pool.query<{ customer_id: number }>(
      "SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external' AND value = $2",
      [shop.id, externalId],
    );
    return rows[0]!.customer_id;
  }

  /** Polls until `check` passes: refreshes run on the queue, after the request that caused them returned. */
  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const members = async (id: number) =>
    (await api<{ items: Member[] }>(`/api/v1/segments/${id}/members`)).items
      .map((member) => member.id)
      .sort((a, b) => a - b);
  const changes = async (id: number) => (await api<{ items: Change[] }>(`/api/v1/segments/${id}/changes`)).items;
  const segment = (id: number) => api<Segment>(`/api/v1/segments/${id}`);
  const refreshed = (id: number) =>
    eventually(
      () => segment(id),
      (s) => s.lastRefreshedAt !== null,
      `segment ${id} refreshed`,
    );

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('shop');
    await importFile(
      'customers',
      [
        'customer_id,email,family_name,given_name,prefecture',
        'C1,hanako@example.jp,佐藤,花子,東京都',
        'C2,taro@example.jp,鈴木,太郎,東京都',
        'C3,,高橋,美咲,大阪府',
        'C4,ken@example.jp,田中,健,北海道',
      ].join('\n'),
    );
    await importFile(
      'products',
      [
        'sku,name,series,category,price,tags,is_trial',
        'UR-TR,うるおい お試しセット,うるおいライン,スキンケア,1100,保湿|無添加,1',
        'UR-LT,うるおい 化粧水,うるおいライン,スキンケア,3300,保湿|無添加,0',
        'AG-ES,エイジング 美容液,エイジングケアライン,スキンケア,9900,エイジング,0',
      ].join('\n'),
      '',
    );
    await importFile(
      'orders',
      [
        'order_id,customer_id,ordered_at,sku,quantity,unit_price',
        `O1,C1,${daysAgo(200)},UR-TR,1,1100`,
        `O2,C1,${daysAgo(100)},UR-LT,2,3300`,
        `O3,C1,${daysAgo(10)},AG-ES,1,9900`,
        `O4,C2,${daysAgo(20)},UR-TR,1,1100`,
        `O5,C3,${daysAgo(400)},UR-LT,1,3300`,
      ].join('\n'),
    );
    for (const name of ['C1', 'C2', 'C3', 'C4']) ids[name] = await customerId(name);
  });
  afterAll(() => test.stop());

  describe('validation and preview', () => {
    it('refuses a bad rule with every problem at its path, and saves nothing', async () => {
      const response = await test.api(shop, '/api/v1/segments', {
        method: 'POST',
        json: {
          name: 'broken',
          definition: rule(
            { type: 'attribute', field: 'prefectur', operator: 'eq', value: '東京都' },
            { type: 'metric', field: 'rank_down', operator: 'gt', value: 1 },
            { type: 'group', combinator: 'or', rules: [] },
          ),
        },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; issues: { field: string; message: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.issues).toEqual([
        { field: 'root.rules.0.field', message: 'unknown field "prefectur"' },
        { field: 'root.rules.1.operator', message: 'operator "gt" does not apply to yes/no field "rank_down"' },
        { field: 'root.rules.2', message: 'a group needs at least one rule' },
      ]);
      expect((await api<{ items: Segment[] }>('/api/v1/segments')).items).toEqual([]);
    });

    it('refuses a schedule that is not a five-field cron, naming it', async () => {
      const response = await test.api(shop, '/api/v1/segments', {
        method: 'POST',
        json: {
          name: 'bad schedule',
          definition: rule({ type: 'identity', operator: 'has', kind: 'email' }),
          refreshCron: '0 0 9 * * 1',
        },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        issues: [{ field: 'refreshCron', message: expect.stringMatching(/has 6 fields/) }],
      });
    });

    it('previews the count and a sample of a rule without saving it', async () => {
      const preview = await api<{
        count: number;
        customers: number;
        sample: { id: number; displayName: string; email: string | null }[];
      }>('/api/v1/segments/preview', {
        method: 'POST',
        json: {
          definition: rule({
            type: 'purchase',
            measure: 'count',
            operator: 'gte',
            value: 1,
            filter: { series: ['うるおいライン'] },
          }),
        },
      });
      expect(preview).toMatchObject({ count: 3, customers: 4 });
      expect(preview.sample.map((c) => [c.id, c.displayName, c.email])).toEqual([
        [ids.C1, '佐藤 花子', 'hanako@example.jp'],
        [ids.C2, '鈴木 太郎', 'taro@example.jp'],
        [ids.C3, '高橋 美咲', null],
      ]);
    });
  });

  describe('materialised membership', () => {
    let tokyo: number;
    let clickers: number;
    let tokyoClickers: number;

    it('creates a segment, refreshes it at once and logs who entered', async () => {
      const created = await api<Segment>(
        '/api/v1/segments',
        {
          method: 'POST',
          json: {
            name: '東京都',
            definition: rule({ type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' }),
          },
        },
        201,
      );
      tokyo = created.id;
      expect(created).toMatchObject({ refreshCron: '0 5 * * *', nextRefreshAt: expect.any(String) });
      expect(await refreshed(tokyo)).toMatchObject({ memberCount: 2, lastError: null });
      expect(await members(tokyo)).toEqual([ids.C1, ids.C2]);
      expect((await changes(tokyo)).map((c) => [c.customerId, c.change])).toEqual([
        [ids.C1, 'entered'],
        [ids.C2, 'entered'],
      ]);
    });

    it('refuses a second segment with the same name', async () => {
      const response = await test.api(shop, '/api/v1/segments', {
        method: 'POST',
        json: { name: '東京都', definition: rule({ type: 'identity', operator: 'has', kind: 'email' }) },
      });
      expect(response.status).toBe(409);
    });

    it('updates membership when a customer changes: the one who moved exits', async () => {
      await api(
        '/api/v1/customers',
        { method: 'POST', json: { source: 'ec', customers: [{ customerId: 'C2', prefecture: '神奈川県' }] } },
        201,
      );
      await eventually(
        () => members(tokyo),
        (m) => m.length === 1,
        'C2 exits 東京都',
      );
      expect(await members(tokyo)).toEqual([ids.C1]);
      const log = await changes(tokyo);
      expect(log.at(-1)).toMatchObject({ customerId: ids.C2, change: 'exited' });
      expect(await segment(tokyo)).toMatchObject({ memberCount: 1 });
    });

    it('refreshes on the events a rule reads, for the customers concerned, and segments that read it follow', async () => {
      clickers = (
        await api<Segment>(
          '/api/v1/segments',
          {
            method: 'POST',
            json: {
              name: 'LINEクリック',
              definition: rule({ type: 'event', name: 'line_click', window: { lastDays: 7 } }),
            },
          },
          201,
        )
      ).id;
      tokyoClickers = (
        await api<Segment>(
          '/api/v1/segments',
          {
            method: 'POST',
            json: {
              name: '東京のクリック',
              definition: rule(
                { type: 'segment', operator: 'member', segmentId: clickers },
                { type: 'segment', operator: 'member', segmentId: tokyo },
              ),
            },
          },
          201,
        )
      ).id;
      await refreshed(clickers);
      await refreshed(tokyoClickers);
      expect(await members(clickers)).toEqual([]);

      await api(
        '/api/v1/events',
        { method: 'POST', json: { source: 'ec', events: [{ name: 'line_click', customer: { customerId: 'C1' } }] } },
        202,
      );
      await eventually(
        () => members(clickers),
        (m) => m.length === 1,
        'C1 enters LINEクリック',
      );
      // 東京のクリック reads both: C1 enters it through the change of LINEクリック.
      await eventually(
        () => members(tokyoClickers),
        (m) => m.length === 1,
        'C1 enters 東京のクリック',
      );
      expect(await members(tokyoClickers)).toEqual([ids.C1]);
    });

    it('refuses a rule that would make segments read each other in a cycle', async () => {
      const response = await test.api(shop, `/api/v1/segments/${clickers}`, {
        method: 'PATCH',
        json: { definition: rule({ type: 'segment', operator: 'member', segmentId: tokyoClickers }) },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(
        `in a cycle: ${clickers} -> ${tokyoClickers} -> ${clickers}`,
      );
    });

    it('refuses to archive a segment another one reads, then archives it once nothing does', async () => {
      const refused = await test.api(shop, `/api/v1/segments/${clickers}`, { method: 'DELETE' });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { usedBy: number[] }).usedBy).toEqual([tokyoClickers]);

      await api(`/api/v1/segments/${tokyoClickers}`, { method: 'DELETE' }, 204);
      await api(`/api/v1/segments/${clickers}`, { method: 'DELETE' }, 204);
      expect((await api<{ items: Segment[] }>('/api/v1/segments')).items.map((s) => s.id)).toEqual([tokyo]);
      expect(await segment(clickers)).toMatchObject({ archivedAt: expect.any(String), memberCount: 0 });
      expect(await members(clickers)).toEqual([]);
    });

    it('refreshes on demand, reporting entries and exits', async () => {
      await test.db.pool.query("UPDATE customer SET prefecture = '東京都' WHERE id = $1", [ids.C4]);
      const refresh = await api<Record<string, unknown>>(`/api/v1/segments/${tokyo}/refresh`, { method: 'POST' });
      expect(refresh).toMatchObject({ scope: 'full', entered: 1, exited: 0, members: 2 });
      expect(await members(tokyo)).toEqual([ids.C1, ids.C4]);
    });

    it('refreshes on its schedule when due', async () => {
      await test.db.pool.query("UPDATE customer SET prefecture = '沖縄県' WHERE id = $1", [ids.C4]);
      await test.db.pool.query("UPDATE segment SET next_refresh_at = now() - interval '1 minute' WHERE id = $1", [
        tokyo,
      ]);
      expect(await test.engine.app.get(SegmentProcessor).queueDue()).toBe(1);
      await eventually(
        () => members(tokyo),
        (m) => m.length === 1,
        'C4 exits on the schedule',
      );
      // The claim moved the next run on (05:00 Tokyo), so the next sweep finds nothing due.
      expect(new Date((await segment(tokyo)).nextRefreshAt!).getTime()).toBeGreaterThan(Date.now());
      expect(await test.engine.app.get(SegmentProcessor).queueDue()).toBe(0);
    });
  });

  describe('segments from the analyses', () => {
    it('refreshes analytics after an orders import, and keeps an RFM rank as a segment in one call', async () => {
      // The import in beforeAll queued an analytics refresh (afterImports is on by default).
      const rfm = await eventually(
        async () => (await test.api(shop, '/api/v1/analytics/rfm')).status,
        (status) => status === 200,
        'analytics refreshed after the import',
      );
      expect(rfm).toBe(200);
      const { rows } = await test.db.pool.query<{ customer_id: number }>(
        "SELECT customer_id FROM customer_metrics WHERE workspace_id = $1 AND rfm_rank = 'loyal' ORDER BY 1",
        [shop.id],
      );
      expect(rows.length).toBeGreaterThan(0);

      const loyal = await api<Segment>(
        '/api/v1/segments/from-analysis',
        { method: 'POST', json: { group: { kind: 'rfm_rank', rank: 'loyal' } } },
        201,
      );
      expect(loyal.name).toBe('RFM 優良');
      await refreshed(loyal.id);
      expect(await members(loyal.id)).toEqual(rows.map((row) => row.customer_id));
    });

    it('names what is wrong with a group outside the matrix', async () => {
      const response = await test.api(shop, '/api/v1/segments/from-analysis', {
        method: 'POST',
        json: { group: { kind: 'rf_cell', recency: 20, frequency: 1 } },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        issues: [{ field: 'group.recency', message: "must be at most 13 (the matrix's last row)" }],
      });
    });
  });

  it('closes the stays of a customer merged into another', async () => {
    const all = await api<Segment>(
      '/api/v1/segments',
      {
        method: 'POST',
        json: { name: 'メールあり', definition: rule({ type: 'identity', operator: 'has', kind: 'email' }) },
      },
      201,
    );
    await refreshed(all.id);
    expect(await members(all.id)).toEqual([ids.C1, ids.C2, ids.C4]);
    // One event names C4's email and C2's id: the two records are one person (C2, the older, survives).
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: { source: 'ec', events: [{ name: 'visit', customer: { customerId: 'C4', email: 'taro@example.jp' } }] },
      },
      202,
    );
    await eventually(
      () => members(all.id),
      (m) => m.length === 2,
      'the merged record leaves',
    );
    const merged = (await changes(all.id)).filter((c) => c.change === 'exited').map((c) => c.customerId);
    expect(merged).toHaveLength(1);
    expect([ids.C2, ids.C4]).toContain(merged[0]);
  });
});
