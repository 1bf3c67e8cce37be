import { SendMessagesUseCase } from '../../apps/engine/src/channels/use-cases/send-messages.use-case';
import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

const REFERENCE = '2026-07-01T00:00:00+09:00';
const EMAIL = 'hanako.sato@example.jp';
const LINE_USER = 'U0123456789abcdef0123456789abcdef';
/** Every value that names Hanako, as she gave it or as the engine stores it. */
const PERSONAL_VALUES = [
  EMAIL,
  '+819012345678',
  '+81355551234',
  '03-5555-1234',
  '090-1234-5678',
  '90-1234-5678',
  LINE_USER,
  'M-777001',
  'M777001',
  '佐藤',
  '花子',
  'サトウ',
  'ハナコ',
  '神南1-2-3',
  'コーポ絆101',
  '1985-04-12',
  'TRK-HANAKO-1',
  '赤いバラ',
];

type Json = Record<string, unknown>;

/**
 * Personal data requests against the running engine: one customer's export holds every kind of
 * data kept about her; erasure leaves no personal value in any table, keeps the aggregates, stops
 * sends and unlinks her identities; both are audited. Another workspace's key sees none of it.
 */
describe('Personal data export and erasure', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;
  let hanako: number;
  let ichiro: number;

  async function api<T = Json>(
    path: string,
    init: RequestInit & { json?: unknown } = {},
    workspace = shop,
  ): Promise<T> {
    const response = await test.api(workspace, path, init);
    const body = await response.text();
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${body}`);
    return JSON.parse(body) as T;
  }

  async function importFile(kind: string, rows: string[]): Promise<void> {
    await importWholeFile(test, shop, { kind, source: 'ec' }, rows.join('\n'));
  }

  /** What erasure must not change: orders, sales and returns per workspace, and the RF matrix of a refresh. */
  async function aggregates(): Promise<Json> {
    await api('/api/v1/analytics/refresh', { method: 'POST', json: { referenceDate: REFERENCE } });
    const { rows } = await test.db.pool.query<Json>(
      `SELECT (SELECT count(*)::int FROM customer_order WHERE workspace_id = $1) AS orders,
              (SELECT sum(amount)::int FROM customer_order WHERE workspace_id = $1) AS sales,
              (SELECT sum(amount)::int FROM order_line WHERE workspace_id = $1) AS "lineSales",
              (SELECT sum(amount)::int FROM order_return WHERE workspace_id = $1) AS returns,
              (SELECT count(*)::int FROM customer WHERE workspace_id = $1 AND status = 'active') AS customers,
              (SELECT count(*)::int FROM message WHERE workspace_id = $1) AS messages,
              (SELECT count(*)::int FROM response WHERE workspace_id = $1) AS responses,
              (SELECT count(*)::int FROM enrollment WHERE workspace_id = $1) AS enrollments,
              (SELECT sum((detail->>'amount')::int)::int FROM response WHERE workspace_id = $1 AND kind = 'converted') AS converted`,
      [shop.id],
    );
    const rfMatrix = await api<{ result: unknown }>('/api/v1/analytics/rf-matrix');
    const rfm = await api<{ result: unknown }>('/api/v1/analytics/rfm');
    return { ...rows[0], rfMatrix: rfMatrix.result, rfm: rfm.result };
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
    await api('/api/v1/analytics/settings', { method: 'PUT', json: { schedule: { afterImports: false } } });
    await importFile('customers', [
      'customer_id,email,phone,line_user_id,member_no,family_name,given_name,family_name_kana,given_name_kana,gender,birth_date,postal_code,prefecture,city,address_line1,address_line2,attr_favourite',
      `C1,${EMAIL},090-1234-5678,${LINE_USER},M-777001,佐藤,花子,サトウ,ハナコ,female,1985-04-12,150-0041,東京都,渋谷区,神南1-2-3,コーポ絆101,赤いバラ`,
      'C2,ichiro@example.jp,080-5555-0000,,,鈴木,一郎,スズキ,イチロウ,male,1979-01-02,530-0001,大阪府,大阪市北区,梅田1-1-1,,',
    ]);
    await importFile('orders', [
      'order_id,customer_id,ordered_at,line_no,sku,quantity,unit_price',
      'A1,C1,2026-03-01 10:00,1,ES,1,10000',
      'A1,C1,2026-03-01 10:00,2,LT,2,3000',
      'A2,C1,2026-06-01 10:00,1,ES,1,10000',
      'B1,C2,2026-05-01 10:00,1,LT,1,3000',
    ]);
    await importFile('shipments', [
      'shipment_id,order_id,shipped_at,carrier,tracking_no',
      'S1,A1,2026-03-02 10:00,yamato,TRK-HANAKO-1',
    ]);
    await importFile('returns', [
      'return_id,order_id,returned_at,amount,reason',
      'R1,A1,2026-03-10 10:00,3000,佐藤花子様 色違い',
    ]);
    await importFile('consents', [
      'customer_id,channel,status,recorded_at',
      'C1,email,granted,2026-01-01 00:00',
      'C1,dm,granted,2026-01-01 00:00',
      'C2,email,granted,2026-01-01 00:00',
    ]);
    await api('/api/v1/events', {
      method: 'POST',
      json: {
        source: 'ec',
        events: [
          {
            eventId: 'ev-1',
            name: 'review_posted',
            customer: { customerId: 'C1' },
            occurredAt: '2026-06-02T10:00:00+09:00',
            properties: { stars: 5, verified: true, comment: `佐藤花子です ${EMAIL}`, sku: 'ES' },
          },
        ],
      },
    });
    // A second record of her (a store's), merged into her by a later record carrying both identities.
    await api('/api/v1/customers', {
      method: 'POST',
      json: { phone: '03-5555-1234', familyName: '佐藤', givenName: '花子', addressLine1: '神南1-2-3 別館' },
    });
    const linked = await api<{ merged: number }>('/api/v1/customers', {
      method: 'POST',
      json: { email: EMAIL, phone: '03-5555-1234' },
    });
    expect(linked.merged).toBe(1);
    const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
      "SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external'",
      [shop.id],
    );
    hanako = rows.find((row) => row.value === 'C1')!.customer_id;
    ichiro = rows.find((row) => row.value === 'C2')!.customer_id;

    // What journeys and channels would have written: an enrolment, a sent email with its reply and
    // conversion, a queued message, a score, a segment membership, a pending LINE link.
    const journey = await test.db.pool.query<{ id: number }>(
      `INSERT INTO journey (workspace_id, name, status, draft) VALUES ($1, 'Welcome', 'active', '{}') RETURNING id`,
      [shop.id],
    );
    const journeyId = journey.rows[0]!.id;
    const version = await test.db.pool.query<{ id: number }>(
      `INSERT INTO journey_version (workspace_id, journey_id, version, graph) VALUES ($1, $2, 1, '{}') RETURNING id`,
      [shop.id, journeyId],
    );
    const enrollment = await test.db.pool.query<{ id: string }>(
      `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, state, node_id, arrived_at, entered_at)
       VALUES ($1, $2, $3, $4, 'first', 'active', 'wait', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z') RETURNING id::text`,
      [shop.id, journeyId, version.rows[0]!.id, hanako],
    );
    const message = await test.db.pool.query<{ id: string }>(
      `INSERT INTO message (workspace_id, customer_id, enrollment_id, journey_id, version_id, node_id, channel, template_id,
                            idempotency_key, status, created_at, sent_at, recipient, rendered, last_error)
       VALUES ($1, $2, $3, $4, $5, 'welcome', 'email', 'welcome', 'k-1', 'sent', '2026-06-01T01:00:00Z', '2026-06-01T01:00:01Z',
               $6, $7, $8) RETURNING id::text`,
      [
        shop.id,
        hanako,
        enrollment.rows[0]!.id,
        journeyId,
        version.rows[0]!.id,
        EMAIL,
        JSON.stringify({ subject: '佐藤 花子様へ', text: 'ようこそ' }),
        `450 mailbox ${EMAIL} busy`,
      ],
    );
    await test.db.pool.query(
      `INSERT INTO message (workspace_id, customer_id, channel, template_id, idempotency_key, status, created_at, recipient)
       VALUES ($1, $2, 'email', 'welcome', 'k-queued', 'queued', '2026-06-02T00:00:00Z', NULL)`,
      [shop.id, hanako],
    );
    await test.db.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, journey_id, node_id, channel, kind, at, detail, dedupe_key)
       VALUES ($1, $2, $3, $4, 'welcome', 'email', 'replied', '2026-06-01T02:00:00Z', '{"text": "佐藤花子です、ありがとう", "messageSid": "SM1"}', 'r-1'),
              ($1, $2, $3, $4, 'welcome', 'email', 'converted', '2026-06-01T03:00:00Z', '{"orderId": 2, "amount": 10000, "via": "last-touch"}', 'r-2')`,
      [shop.id, hanako, message.rows[0]!.id, journeyId],
    );
    await test.db.pool.query(
      `INSERT INTO customer_score (workspace_id, customer_id, model, value, model_version) VALUES ($1, $2, 'p_alive', 0.75, 'v1')`,
      [shop.id, hanako],
    );
    const segment = await test.db.pool.query<{ id: number }>(
      `INSERT INTO segment (workspace_id, name, definition) VALUES ($1, 'VIP', '{}') RETURNING id`,
      [shop.id],
    );
    await test.db.pool.query(
      `INSERT INTO segment_membership (workspace_id, segment_id, customer_id, entered_at) VALUES ($1, $2, $3, '2026-06-01T00:00:00Z')`,
      [shop.id, segment.rows[0]!.id, hanako],
    );
    // Rejected import rows are linked to no customer: hers are found by her email and phone.
    const job = await test.db.pool.query<{ id: number }>(
      `INSERT INTO import_job (workspace_id, kind, encoding, file_name, file_size, status)
       VALUES ($1, 'customers', 'utf-8', 'members.csv', 100, 'succeeded') RETURNING id`,
      [shop.id],
    );
    await test.db.pool.query(
      `INSERT INTO import_rejection (workspace_id, import_job_id, line_no, "column", reason, raw)
       VALUES ($1, $2, 2, 'birth_date', 'not a date', $3), ($1, $2, 3, 'email', 'not an email', $4),
              ($1, $2, 4, 'birth_date', 'not a date', 'C8,ken@example.jp,080-5555-9999,昨日')`,
      [shop.id, job.rows[0]!.id, `C1,${EMAIL.toUpperCase()},昨日`, 'C7,hanako@,+81 90-1234-5678'],
    );
    await test.db.pool.query(
      `INSERT INTO line_link_nonce (nonce, workspace_id, customer_id, expires_at) VALUES ('n-1', $1, $2, '2027-01-01T00:00:00Z')`,
      [shop.id, hanako],
    );
  });

  afterAll(() => test.stop());

  it('exports every kind of data held about the customer', async () => {
    const exported = await api<Record<string, Json[]> & { profile: Json; customerId: number }>(
      `/api/v1/customers/${hanako}/personal-data`,
    );
    expect(exported.customerId).toBe(hanako);
    expect(exported.profile).toMatchObject({
      id: hanako,
      family_name: '佐藤',
      given_name: '花子',
      address_line1: '神南1-2-3',
      attributes: { favourite: '赤いバラ' },
    });
    expect(exported.identities!.map((i) => `${String(i.kind)}:${String(i.value)}`).sort()).toEqual([
      `email:${EMAIL}`,
      'external:C1',
      `line:${LINE_USER}`,
      'member:M777001',
      'phone:+81355551234',
      'phone:+819012345678',
    ]);
    expect(exported.mergedRecords!.map((r) => [r.status, r.address_line1])).toEqual([['merged', '神南1-2-3 別館']]);
    expect(exported.merges!.map((m) => m.survivor_id)).toEqual([hanako]);
    expect(exported.consents!.map((c) => `${String(c.channel)}:${String(c.status)}`)).toEqual([
      'email:granted',
      'dm:granted',
    ]);
    const orders = exported.orders!;
    expect(orders.map((o) => [o.external_id, o.amount, (o.lines as Json[]).length])).toEqual([
      ['A1', 16000, 2],
      ['A2', 10000, 1],
    ]);
    expect((orders[0]!.lines as Json[])[1]).toMatchObject({ sku: 'LT', quantity: 2, unit_price: 3000, amount: 6000 });
    expect(orders[0]!.shipments).toEqual([expect.objectContaining({ tracking_no: 'TRK-HANAKO-1', carrier: 'yamato' })]);
    expect(orders[0]!.returns).toEqual([expect.objectContaining({ amount: 3000, reason: '佐藤花子様 色違い' })]);
    expect(exported.events!.map((e) => e.name)).toEqual(['review_posted']);
    expect(exported.messages!.map((m) => [m.idempotency_key, m.recipient])).toEqual([
      ['k-1', EMAIL],
      ['k-queued', null],
    ]);
    expect(exported.responses!.map((r) => r.kind)).toEqual(['replied', 'converted']);
    expect(exported.journeyEnrollments!.map((e) => [e.journey_name, e.state])).toEqual([['Welcome', 'active']]);
    expect(exported.journeyEnrollments![0]).not.toHaveProperty('lease_token');
    expect(exported.scores!.map((s) => [s.model, s.value])).toEqual([['p_alive', 0.75]]);
    expect(exported.segmentMemberships!.map((m) => m.segment_name)).toEqual(['VIP']);
    expect(exported.analytics).toEqual([]);
    // Nothing of Ichiro's.
    expect(JSON.stringify(exported)).not.toContain('ichiro');
  });

  it("hides one workspace's customers and audit log from another workspace's key", async () => {
    const exported = await test.api(other, `/api/v1/customers/${hanako}/personal-data`);
    expect(exported.status).toBe(404);
    const erased = await test.api(other, `/api/v1/customers/${hanako}/erase`, { method: 'POST' });
    expect(erased.status).toBe(404);
    const audit = await api<{ items: Json[] }>('/api/v1/audit', {}, other);
    expect(audit.items.map((entry) => entry.action)).toEqual(['api_key.create']);
    const { rows } = await test.db.pool.query('SELECT family_name FROM customer WHERE id = $1', [hanako]);
    expect(rows).toEqual([{ family_name: '佐藤' }]);
  });

  it('erases every personal value, keeps the aggregates and the customer as an anonymous row', async () => {
    const before = await aggregates();
    expect(before).toMatchObject({ orders: 3, sales: 29000, returns: 3000, customers: 2 });

    const result = await api(`/api/v1/customers/${hanako}/erase`, { method: 'POST' });
    expect(result).toMatchObject({
      customerId: hanako,
      records: 2,
      identities: 6,
      events: 1,
      messages: 2,
      responses: 2,
      merges: 1,
      importRejections: 2,
    });
    const { rows: rejections } = await test.db.pool.query('SELECT raw FROM import_rejection ORDER BY line_no');
    expect(rejections.map((row) => row.raw as string)).toEqual([
      '[erased]',
      '[erased]',
      'C8,ken@example.jp,080-5555-9999,昨日',
    ]);

    // Every row of every table, as JSON text: no value that names her is left anywhere.
    const { rows: tables } = await test.db.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const { rows } = await test.db.pool.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM "${name}" t WHERE row_to_json(t)::text ILIKE ANY($1::text[])`,
        [PERSONAL_VALUES.map((value) => `%${value}%`)],
      );
      for (const row of rows) found.push(`${name}: ${row.row}`);
    }
    expect(found).toEqual([]);

    const { rows: customer } = await test.db.pool.query(
      `SELECT status::text, family_name, address_line1, birth_date, attributes, erased_at IS NOT NULL AS erased
         FROM customer WHERE id = $1`,
      [hanako],
    );
    expect(customer).toEqual([
      { status: 'active', family_name: null, address_line1: null, birth_date: null, attributes: {}, erased: true },
    ]);
    const { rows: events } = await test.db.pool.query('SELECT properties FROM event WHERE customer_id = $1', [hanako]);
    expect(events).toEqual([{ properties: { stars: 5, verified: true } }]);
    const { rows: responses } = await test.db.pool.query(
      'SELECT kind, detail FROM response WHERE customer_id = $1 ORDER BY at',
      [hanako],
    );
    expect(responses).toEqual([
      { kind: 'replied', detail: {} },
      { kind: 'converted', detail: { orderId: 2, amount: 10000, via: 'last-touch' } },
    ]);
    // Ichiro is untouched.
    const { rows: ichiroRow } = await test.db.pool.query('SELECT family_name FROM customer WHERE id = $1', [ichiro]);
    expect(ichiroRow).toEqual([{ family_name: '鈴木' }]);

    expect(await aggregates()).toEqual(before);
  });

  it('stops every send to the erased customer', async () => {
    const { rows: consents } = await test.db.pool.query(
      `SELECT DISTINCT ON (channel) channel::text, status::text FROM consent WHERE customer_id = $1
        ORDER BY channel, recorded_at DESC, id DESC`,
      [hanako],
    );
    expect(consents).toEqual([
      { channel: 'dm', status: 'revoked' },
      { channel: 'email', status: 'revoked' },
      { channel: 'line', status: 'revoked' },
      { channel: 'sms', status: 'revoked' },
    ]);
    const { rows: queued } = await test.db.pool.query(
      `SELECT status, suppression_reason AS reason FROM message WHERE idempotency_key = 'k-queued'`,
    );
    expect(queued).toEqual([{ status: 'suppressed', reason: 'erased' }]);

    // A message a step created before the erasure, claimed by the sender afterwards: suppressed.
    const { rows } = await test.db.pool.query<{ id: string }>(
      `INSERT INTO message (workspace_id, customer_id, channel, template_id, idempotency_key, status, created_at)
       VALUES ($1, $2, 'email', 'welcome', 'k-late', 'sending', now()) RETURNING id::text`,
      [shop.id, hanako],
    );
    await test.engine.app.get(SendMessagesUseCase).execute('email', [rows[0]!.id]);
    const { rows: late } = await test.db.pool.query(
      'SELECT status, suppression_reason AS reason, recipient FROM message WHERE id = $1',
      [rows[0]!.id],
    );
    expect(late).toEqual([{ status: 'suppressed', reason: 'no-consent', recipient: null }]);
  });

  it('makes a later import with the same email a new customer, and nothing re-links to the erased one', async () => {
    const { rows: maxBefore } = await test.db.pool.query<{ id: number }>('SELECT max(id) AS id FROM customer');
    await importFile('customers', ['customer_id,email,phone,family_name', `C1,${EMAIL},090-1234-5678,佐藤`]);
    const { rows: owners } = await test.db.pool.query<{ customerId: number; erasedAt: Date | null }>(
      `SELECT DISTINCT i.customer_id AS "customerId", c.erased_at AS "erasedAt"
         FROM customer_identity i JOIN customer c ON c.id = i.customer_id
        WHERE i.workspace_id = $1 AND i.value = ANY($2::text[])`,
      [shop.id, [EMAIL, '+819012345678', 'C1']],
    );
    expect(owners).toEqual([{ customerId: expect.any(Number) as number, erasedAt: null }]);
    expect(owners[0]!.customerId).toBeGreaterThan(maxBefore[0]!.id);
    const { rows } = await test.db.pool.query(
      'SELECT count(*)::int AS n FROM customer_identity WHERE customer_id = $1',
      [hanako],
    );
    expect(rows).toEqual([{ n: 0 }]);
    // Her orders stay on the anonymous row.
    const { rows: orders } = await test.db.pool.query(
      'SELECT count(*)::int AS n FROM customer_order WHERE customer_id = $1',
      [hanako],
    );
    expect(orders).toEqual([{ n: 2 }]);
  });

  it('audits publish, pause, settings, export and erasure, newest first and paged', async () => {
    const journey = await api<{ id: number }>('/api/v1/journeys', {
      method: 'POST',
      json: {
        name: 'Audited',
        graph: {
          version: 1,
          nodes: [
            { id: 'go', type: 'trigger.event', config: { eventName: 'x', filters: [] } },
            { id: 'done', type: 'exit', config: {} },
          ],
          edges: [{ id: 'e1', source: 'go', target: 'done' }],
        },
      },
    });
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(`/api/v1/journeys/${journey.id}/pause`, { method: 'POST' });
    await api('/api/v1/channels/email', {
      method: 'PUT',
      json: {
        public: {
          fromAddress: 'news@kizuna-cosme.example',
          senderName: '絆コスメ',
          postalAddress: '東京都渋谷区神南1-2-3',
        },
        secret: { smtpUrl: 'smtp://mailer:s3cr3t@127.0.0.1:2525?tls=off' },
      },
    });
    await api(`/api/v1/journeys/${journey.id}/resume`, { method: 'POST' });
    const key = await api<{ id: number }>('/api/v1/api-keys', { method: 'POST', json: { name: 'POS bridge' } });
    await api(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
    await api('/api/v1/analytics/settings', { method: 'PUT', json: { schedule: { afterImports: true } } });

    const actions: string[] = [];
    const entries: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Json[]; nextCursor: string | null } = await api(
        `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      actions.push(...page.items.map((entry) => entry.action as string));
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(actions).toEqual([
      'analytics.settings.update',
      'api_key.revoke',
      'api_key.create',
      'journey.resume',
      'channel.settings.update',
      'journey.pause',
      'journey.publish',
      'customer.erase',
      'customer.export',
      'analytics.settings.update',
      'api_key.create',
    ]);
    const ids = entries.map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries[0]).toMatchObject({
      actor: { type: 'api_key', name: 'test' },
      target: { type: 'workspace', id: String(shop.id) },
      details: { changes: [{ field: 'schedule.afterImports', from: false, to: true }] },
    });
    expect(entries[1]).toMatchObject({
      target: { type: 'api_key', id: String(key.id) },
      details: { name: 'POS bridge' },
    });
    expect(entries[4]).toMatchObject({
      target: { type: 'channel', id: 'email' },
      details: {
        changes: [
          { field: 'public.fromAddress', from: null, to: 'news@kizuna-cosme.example' },
          { field: 'public.poolSize', from: null, to: 5 },
          { field: 'public.postalAddress', from: null, to: '東京都渋谷区神南1-2-3' },
          { field: 'public.senderName', from: null, to: '絆コスメ' },
          { field: 'secret.smtpUrl', changed: true },
        ],
      },
    });
    expect(JSON.stringify(entries)).not.toContain('s3cr3t');
    expect(entries[7]).toMatchObject({ target: { type: 'customer', id: String(hanako) } });
    // api_key.create happened in setup, outside a request: the system did it.
    expect(entries[10]).toMatchObject({ actor: { type: 'system', id: null, name: null } });

    const filtered = await api<{ items: Json[] }>('/api/v1/audit?action=journey.pause');
    expect(filtered.items.map((entry) => entry.target)).toEqual([{ type: 'journey', id: String(journey.id) }]);
    const publishedAt = entries[6]!.at as string;
    const window = await api<{ items: Json[] }>(
      `/api/v1/audit?from=${encodeURIComponent(publishedAt)}&to=${encodeURIComponent(entries[4]!.at as string)}`,
    );
    expect(window.items.map((entry) => entry.action)).toEqual(['journey.pause', 'journey.publish']);
    const bad = await test.api(shop, '/api/v1/audit?cursor=abc');
    expect(bad.status).toBe(400);
  });
});
