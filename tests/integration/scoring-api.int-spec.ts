import { ScoringProcessor } from '../../apps/engine/src/scoring/scoring.processor';
import { waitForQueues } from '../support/engine-work';
import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

interface Fit {
  id: number;
  model: string;
  version: number;
  fittedAt: string;
  parameters: Record<string, unknown>;
  metrics: { auc?: number; calibration?: { rows: number }[]; heldOutRows?: number; [key: string]: unknown };
  rows: number;
  scored: number;
  change: { previousVersion: number; auc: number | null; meanScore: Record<string, number> } | null;
}

interface Score {
  model: string;
  value: number;
  modelVersion: string;
  computedAt: string;
}

const CUSTOMERS = 120;
const DAY = 86_400_000;
const now = Date.now();
const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
const csvTime = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 16).replace('T', ' ');
const code = (i: number) => `C${String(i).padStart(3, '0')}`;
/** Orders per customer: 1 to 4, so response rates (which rise with them) differ. */
const ordersOf = (i: number) => 1 + (i % 4);

/** A deterministic draw in [0, 1) per (customer, send). */
function draw(i: number, send: number): number {
  let h = Math.imul(i * 7919 + send * 104_729, 0x9e3779b1) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h / 4294967296;
}

/**
 * Scores over HTTP against the running engine: a workspace with orders and recorded email sends
 * and answers; propensity fitted with held-out AUC and calibration, scores in customer_score with
 * the fit's version, read by a segment's score condition; a campaign's answers and a second fit
 * that moves AUC in GET models; repeat-purchase and affinity fits; fits queued and scheduled.
 */
describe('Scores over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  const ids = new Map<number, number>();

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const body = (await response.json()) as T;
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  async function importFile(kind: string, csv: string, source = 'ec'): Promise<void> {
    await importWholeFile(test, shop, { kind, source }, csv);
  }

  /** Sends on a channel `daysAgo`, each answered (a click a day later) when `answered(i)` says so. */
  async function recordCampaign(
    name: string,
    channel: string,
    daysAgo: number,
    answered: (i: number) => boolean,
  ): Promise<void> {
    for (let i = 1; i <= CUSTOMERS; i++) {
      const customerId = ids.get(i)!;
      const { rows } = await test.db.pool.query<{ id: string }>(
        `INSERT INTO message (workspace_id, customer_id, channel, idempotency_key, status, created_at, sent_at, delivered_at)
         VALUES ($1, $2, $3, $4, 'delivered', $5, $5, $5) RETURNING id`,
        [shop.id, customerId, channel, `${name}:${i}`, at(daysAgo)],
      );
      if (!answered(i)) continue;
      await test.db.pool.query(
        `INSERT INTO response (workspace_id, customer_id, message_id, channel, kind, at, dedupe_key)
         VALUES ($1, $2, $3, $4, 'clicked', $5, $6)`,
        [shop.id, customerId, rows[0]!.id, channel, at(daysAgo - 1), `click:${name}:${i}`],
      );
    }
  }

  const fit = (model: string) => api<Fit>(`/api/v1/scores/fit/${model}`, { method: 'POST', json: {} });
  const scoresOf = async (i: number) =>
    (await api<{ customerId: number; scores: Score[] }>(`/api/v1/scores/customers/${ids.get(i)}`)).scores;
  const storedScores = async (model: string) =>
    (
      await test.db.pool.query<{ customer_id: number; value: number; model_version: string }>(
        'SELECT customer_id, value, model_version FROM customer_score WHERE workspace_id = $1 AND model = $2 ORDER BY customer_id',
        [shop.id, model],
      )
    ).rows;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('scores');
    const customers = ['customer_id,email,family_name'];
    for (let i = 1; i <= CUSTOMERS; i++) customers.push(`${code(i)},c${i}@example.jp,顧客${i}`);
    await importFile('customers', customers.join('\n'));
    await importFile(
      'products',
      [
        'sku,name,series,category,price,tags,is_trial',
        'UR-TR,うるおい お試しセット,うるおいライン,スキンケア,1100,保湿,1',
        'UR-LT,うるおい 化粧水,うるおいライン,スキンケア,3300,保湿,0',
        'AG-ES,エイジング 美容液,エイジングケアライン,スキンケア,9900,エイジング,0',
        'WH-CR,ホワイト クリーム,ホワイトライン,スキンケア,5500,美白,0',
      ].join('\n'),
      '',
    );
    // Series: i % 3 = 0 buys うるおい and エイジングケア, 1 うるおい only, 2 ホワイト only.
    const orders = ['order_id,customer_id,ordered_at,sku,quantity,unit_price'];
    for (let i = 1; i <= CUSTOMERS; i++) {
      for (let k = 0; k < ordersOf(i); k++) {
        const daysAgo = 5 + (i % 50) + 30 * k;
        const skus = i % 3 === 0 ? ['UR-LT', 'AG-ES'] : i % 3 === 1 ? ['UR-LT'] : ['WH-CR'];
        const sku = skus[k % skus.length]!;
        const price = sku === 'AG-ES' ? 9900 : sku === 'WH-CR' ? 5500 : 3300;
        orders.push(`O${i}-${k},${code(i)},${csvTime(daysAgo)},${sku},1,${price}`);
      }
    }
    await importFile('orders', orders.join('\n'));
    const { rows } = await test.db.pool.query<{ customer_id: number; value: string }>(
      "SELECT customer_id, value FROM customer_identity WHERE workspace_id = $1 AND kind = 'external'",
      [shop.id],
    );
    for (const row of rows) ids.set(Number(row.value.slice(1)), row.customer_id);
    await api('/api/v1/analytics/refresh', { method: 'POST', json: {} });
    await waitForQueues(test);
    // Three email campaigns; customers with more orders answer more often (10% to 70%).
    for (const [send, daysAgo] of [
      [1, 90],
      [2, 60],
      [3, 30],
    ] as const) {
      await recordCampaign(`email-${send}`, 'email', daysAgo, (i) => draw(i, send) < 0.1 + 0.2 * (ordersOf(i) - 1));
    }
  });
  afterAll(() => test.stop());

  let first: Fit;

  it('fits email propensity on the sends whose answer window closed, with held-out AUC and calibration', async () => {
    first = await fit('propensity_email');
    expect(first).toMatchObject({ model: 'propensity_email', version: 1, rows: 3 * CUSTOMERS, scored: CUSTOMERS });
    expect(first.metrics.auc).toBeGreaterThan(0.6);
    expect(first.metrics.heldOutRows).toBeGreaterThan(0);
    const calibration = first.metrics.calibration!;
    expect(calibration).toHaveLength(10);
    expect(calibration.reduce((sum, bin) => sum + bin.rows, 0)).toBe(first.metrics.heldOutRows);
    // The model explains itself: an effect per feature, and past email answers push the odds up.
    const effects = first.parameters.effects as { feature: string; coefficient: number }[];
    expect(effects).toHaveLength((first.parameters.featureNames as string[]).length);
    expect(effects.find((e) => e.feature === 'f_score')!.coefficient).toBeGreaterThan(0);
  });

  it("stores every active customer's score with the fit's version, and shows it per customer", async () => {
    const stored = await storedScores('propensity_email');
    expect(stored).toHaveLength(CUSTOMERS);
    expect(stored.every((row) => row.model_version === 'propensity_email:v1' && row.value > 0 && row.value < 1)).toBe(
      true,
    );
    const scores = await scoresOf(4);
    expect(scores).toEqual([
      expect.objectContaining({ model: 'propensity_email', modelVersion: 'propensity_email:v1' }),
    ]);
    // Customers with four orders (and more answers) score above those with one.
    expect((await scoresOf(3))[0]!.value).toBeGreaterThan((await scoresOf(4))[0]!.value);
  });

  let segmentId: number;
  let threshold: number;
  const members = async () =>
    (await api<{ items: { id: number }[] }>(`/api/v1/segments/${segmentId}/members?limit=500`)).items
      .map((m) => m.id)
      .sort((a, b) => a - b);
  const scoredAtLeast = async (value: number) =>
    (await storedScores('propensity_email')).filter((row) => row.value >= value).map((row) => row.customer_id);

  it('lets a segment select customers by score', async () => {
    const stored = await storedScores('propensity_email');
    threshold = [...stored.map((row) => row.value)].sort((a, b) => a - b)[Math.floor(CUSTOMERS / 2)]!;
    const created = await api<{ id: number }>(
      '/api/v1/segments',
      {
        method: 'POST',
        json: {
          name: 'メール反応見込み高',
          refreshCron: null,
          definition: {
            version: 1,
            root: {
              type: 'group',
              combinator: 'and',
              rules: [{ type: 'score', model: 'propensity_email', operator: 'gte', value: threshold }],
            },
          },
        },
      },
      201,
    );
    segmentId = created.id;
    await waitForQueues(test);
    expect(await members()).toEqual(await scoredAtLeast(threshold));
    expect((await members()).length).toBe(CUSTOMERS / 2);
  });

  it("takes a campaign's answers into the next fit and shows how AUC and scores moved", async () => {
    await recordCampaign('email-4', 'email', 10, (i) => draw(i, 4) < 0.05 + 0.25 * (ordersOf(i) - 1));
    const refreshedAt = async () =>
      (await api<{ lastRefreshedAt: string }>(`/api/v1/segments/${segmentId}`)).lastRefreshedAt;
    const before = await refreshedAt();
    const second = await fit('propensity_email');
    expect(second).toMatchObject({ version: 2, rows: 4 * CUSTOMERS });
    const { items } = await api<{ items: Fit[] }>('/api/v1/scores/models?model=propensity_email');
    expect(items.map((f) => f.version)).toEqual([2, 1]);
    expect(items[0]!.change!.previousVersion).toBe(1);
    expect(items[0]!.change!.auc).toBeCloseTo(second.metrics.auc! - first.metrics.auc!, 12);
    expect(items[0]!.change!.auc).not.toBe(0);
    expect(Object.keys(items[0]!.change!.meanScore)).toEqual(['propensity_email']);
    expect(items[1]!.change).toBeNull();
    expect((await storedScores('propensity_email')).every((row) => row.model_version === 'propensity_email:v2')).toBe(
      true,
    );
    // The segment reading the score was refreshed by the new scores.
    await waitForQueues(test);
    expect(await refreshedAt()).not.toBe(before);
    expect(await members()).toEqual(await scoredAtLeast(threshold));
  });

  it('fits repeat purchase (BG/NBD + Gamma-Gamma) into p_alive, expected purchases, order value and CLV', async () => {
    const result = await fit('repeat_purchase');
    expect(result).toMatchObject({ model: 'repeat_purchase', version: 1, rows: CUSTOMERS, scored: CUSTOMERS });
    const names = (await scoresOf(3)).map((s) => [s.model, s.modelVersion]);
    expect(names).toEqual([
      ['clv', 'repeat_purchase:v1'],
      ['expected_order_value', 'repeat_purchase:v1'],
      ['expected_purchases_90d', 'repeat_purchase:v1'],
      ['p_alive', 'repeat_purchase:v1'],
      ['propensity_email', 'propensity_email:v2'],
    ]);
    const alive = await storedScores('p_alive');
    expect(alive).toHaveLength(CUSTOMERS);
    expect(alive.every((row) => row.value >= 0 && row.value <= 1)).toBe(true);
    const byName = Object.fromEntries((await scoresOf(3)).map((s) => [s.model, s.value]));
    expect(byName.clv).toBeGreaterThan(0);
  });

  it('fits series and product co-purchase affinity and lists the correlated series', async () => {
    const result = await fit('affinity');
    expect(result).toMatchObject({ model: 'affinity', version: 1, rows: CUSTOMERS });
    const { pairs } = await api<{ pairs: Record<string, unknown>[] }>(
      `/api/v1/scores/affinity?item=${encodeURIComponent('エイジングケアライン')}`,
    );
    // i % 3 = 0 with a second order (i % 12 != 0): 30 customers bought both series; every エイジングケア
    // buyer bought うるおい, which 80 of 120 customers did: confidence 1, lift 120 / 80.
    expect(pairs).toEqual([
      {
        antecedent: 'エイジングケアライン',
        consequent: 'うるおいライン',
        pairCount: 30,
        support: 30 / 120,
        confidence: 1,
        lift: 1.5,
      },
    ]);
    const products = await api<{ pairs: { antecedent: string }[] }>('/api/v1/scores/affinity?level=product');
    expect(products.pairs.map((p) => p.antecedent).sort()).toEqual(['AG-ES', 'UR-LT']);
    // うるおい-only customers (40 with i % 3 = 1, 10 with i % 12 = 0) are pointed to エイジングケア: 30 / 80.
    const crossSell = await storedScores('cross_sell_confidence');
    expect(crossSell).toHaveLength(50);
    expect(crossSell.every((row) => row.value === 30 / 80)).toBe(true);
  });

  it('recommends the correlated series a customer lacks in templates, with a fallback when none applies', async () => {
    await api('/api/v1/templates/email/cross-sell', {
      method: 'PUT',
      json: {
        content: {
          channel: 'email',
          subject: 'おすすめ: {{ recommendation.series }}',
          html: '<p>{{ recommendation.series }}</p>',
          fallbacks: { 'recommendation.series': '今月の人気シリーズ' },
        },
      },
    });
    const subjectFor = async (i: number) =>
      (
        await api<{ subject: string }>('/api/v1/templates/email/cross-sell/preview', {
          method: 'POST',
          json: { customerId: ids.get(i) },
        })
      ).subject;
    // 1: うるおい only, and every エイジングケア buyer buys うるおい (lift 1.5); 3: bought both;
    // 2: ホワイト only, a series without a correlated one.
    expect(await subjectFor(1)).toBe('おすすめ: エイジングケアライン');
    expect(await subjectFor(3)).toBe('おすすめ: 今月の人気シリーズ');
    expect(await subjectFor(2)).toBe('おすすめ: 今月の人気シリーズ');
  });

  it('queues a fit on request and fits on the schedule, per channel sent on', async () => {
    const queued = await api<{ queued: boolean }>(
      '/api/v1/scores/fit/affinity',
      { method: 'POST', json: { queue: true } },
      202,
    );
    expect(queued).toEqual({ queued: true, model: 'affinity' });
    await waitForQueues(test);
    const { items } = await api<{ items: Fit[] }>('/api/v1/scores/models?model=affinity');
    expect(items.map((f) => f.version)).toEqual([2, 1]);

    // LINE sends, never fitted, in a workspace created a day ago: due at once.
    await recordCampaign('line-1', 'line', 40, (i) => draw(i, 11) < 0.1 + 0.2 * (ordersOf(i) - 1));
    await recordCampaign('line-2', 'line', 20, (i) => draw(i, 12) < 0.1 + 0.2 * (ordersOf(i) - 1));
    await test.db.pool.query("UPDATE workspace SET created_at = now() - interval '2 days' WHERE id = $1", [shop.id]);
    const processor = test.engine.app.get(ScoringProcessor);
    expect(await processor.queueDue()).toBe(1);
    await waitForQueues(test);
    const line = await api<{ items: Fit[] }>('/api/v1/scores/models?model=propensity_line');
    expect(line.items).toEqual([expect.objectContaining({ version: 1, rows: 2 * CUSTOMERS })]);
    expect(await processor.queueDue()).toBe(0);
  });

  it('lets a send to "best" pick the consented channel with the higher propensity', async () => {
    const customers = [1, 2, 3, 4, 5, 6].map((i) => ids.get(i)!);
    for (const customerId of customers) {
      for (const channel of ['email', 'line']) {
        await test.db.pool.query(
          `INSERT INTO consent (workspace_id, customer_id, channel, status, recorded_at) VALUES ($1, $2, $3, 'granted', now())`,
          [shop.id, customerId, channel],
        );
      }
    }
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'never', filters: [] } },
        { id: 'offer', type: 'send', config: { channel: 'best', channels: ['email', 'line'], templateId: 'offer' } },
      ],
      edges: [{ id: 'a', source: 'start', target: 'offer' }],
    };
    const journey = await api<{ id: number }>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Best channel', graph } },
      201,
    );
    const result = await api<{ customers: { customerId: number; messages: { channel: string; status: string }[] }[] }>(
      `/api/v1/journeys/${journey.id}/simulate`,
      { method: 'POST', json: { customerIds: customers } },
    );
    const score = new Map<string, number>();
    for (const model of ['propensity_email', 'propensity_line']) {
      for (const row of await storedScores(model)) score.set(`${row.customer_id}:${model}`, row.value);
    }
    const expected = customers.map((id) => [
      id,
      score.get(`${id}:propensity_line`)! > score.get(`${id}:propensity_email`)! ? 'line' : 'email',
    ]);
    expect(result.customers.map((c) => [c.customerId, c.messages[0]!.channel])).toEqual(expected);
    expect(result.customers.every((c) => c.messages[0]!.status === 'would-send')).toBe(true);
    // Both channels are picked for someone: the choice follows the scores, not a fixed order.
    expect(new Set(expected.map(([, channel]) => channel)).size).toBe(2);
  });

  it('finds the patterns associated with a KPI, each a segment rule selecting the customers it counted', async () => {
    interface Found {
      population: string;
      overall: number;
      patterns: { customers: number; lift: number; significant: boolean; qValue: number; segmentRule: unknown }[];
    }
    const spend = await api<Found>('/api/v1/scores/patterns', {
      method: 'POST',
      json: { kpi: { kind: 'spend', windowDays: 365 }, minCustomers: 10 },
    });
    expect(spend.population).toBe('customers with an order');
    const top = spend.patterns[0]!;
    expect(top.significant).toBe(true);
    expect(top.lift).toBeGreaterThan(1.5);
    // The big spenders are the エイジングケア (9,900 yen) buyers.
    expect(JSON.stringify(top.segmentRule)).toContain('エイジングケアライン');
    // Every customer has an order here, so a pattern saved as a segment selects exactly its customers.
    for (const pattern of spend.patterns.slice(0, 5)) {
      const preview = await api<{ count: number }>('/api/v1/segments/preview', {
        method: 'POST',
        json: { definition: pattern.segmentRule },
      });
      expect(preview.count).toBe(pattern.customers);
    }
    const repeat = await api<Found>('/api/v1/scores/patterns', {
      method: 'POST',
      json: { kpi: { kind: 'second_purchase', withinDays: 60 }, minCustomers: 5, maxConditions: 1 },
    });
    expect(repeat.population).toBe('customers whose first order is at least 60 days old');
    expect(repeat.patterns.length).toBeGreaterThan(0);
    expect(repeat.patterns.every((p) => p.qValue >= 0 && p.qValue <= 1)).toBe(true);
    const invalid = await test.api(shop, '/api/v1/scores/patterns', {
      method: 'POST',
      json: { kpi: { kind: 'churn' } },
    });
    expect(invalid.status).toBe(400);
  });

  it('keeps scoring settings per workspace, validated field by field', async () => {
    const defaults = await api<{ schedule: { cron: string | null }; propensity: { labelWindowDays: number } }>(
      '/api/v1/scores/settings',
    );
    expect(defaults).toMatchObject({ schedule: { cron: '0 4 * * *' }, propensity: { labelWindowDays: 7, l2: 1 } });
    const updated = await api<{ schedule: { cron: string | null }; propensity: { labelWindowDays: number } }>(
      '/api/v1/scores/settings',
      { method: 'PUT', json: { schedule: { cron: null }, propensity: { labelWindowDays: 14 } } },
    );
    expect(updated).toMatchObject({ schedule: { cron: null }, propensity: { labelWindowDays: 14, l2: 1 } });
    // No schedule: nothing is queued, however long ago the last fit was.
    await test.db.pool.query(
      "UPDATE score_model_fit SET fitted_at = fitted_at - interval '30 days' WHERE workspace_id = $1",
      [shop.id],
    );
    expect(await test.engine.app.get(ScoringProcessor).queueDue()).toBe(0);
    const bad = await test.api(shop, '/api/v1/scores/settings', {
      method: 'PUT',
      json: { propensity: { labelWindowDays: 0 }, schedule: { cron: 'every day' } },
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { issues: { field: string }[] }).issues.map((i) => i.field).sort();
    expect(fields).toEqual(['propensity.labelWindowDays', 'schedule.cron']);
  });

  it('refuses unknown models and customers, and models without data', async () => {
    const unknown = await test.api(shop, '/api/v1/scores/fit/propensity_fax', { method: 'POST', json: {} });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'validation_failed', issues: [{ field: 'model' }] });
    expect((await test.api(shop, '/api/v1/scores/customers/999999')).status).toBe(404);
    expect((await test.api(shop, '/api/v1/scores/customers/abc')).status).toBe(400);
    const empty = await test.api(shop, '/api/v1/scores/fit/propensity_sms', { method: 'POST', json: {} });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { message: string }).message).toMatch(/cannot fit propensity_sms/);
    const other = await test.createWorkspace('other-scores');
    expect((await test.api(other, `/api/v1/scores/customers/${ids.get(1)}`)).status).toBe(404);
    for (const model of ['affinity', 'repeat_purchase', 'propensity_email']) {
      const refused = await test.api(other, `/api/v1/scores/fit/${model}`, { method: 'POST', json: {} });
      expect([model, refused.status]).toEqual([model, 422]);
    }
    expect(
      (await test.db.pool.query('SELECT 1 FROM score_model_fit WHERE workspace_id = $1', [other.id])).rowCount,
    ).toBe(0);
  });
});
