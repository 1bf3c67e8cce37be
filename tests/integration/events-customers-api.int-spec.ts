import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

const LINE_USER = 'U0123456789abcdef0123456789abcdef';

interface Upserted {
  id: number;
  created: number;
  merged: number;
  updated: number;
}

type BatchUpserted = Omit<Upserted, 'id'> & { items: { id: number }[] };

interface Profile {
  id: number;
  status: 'active' | 'merged';
  mergedIntoId: number | null;
  profile: Record<string, unknown>;
  attributes: Record<string, unknown>;
  identities: { kind: string; source: string; value: string }[];
  sources: string[];
  consents: unknown[];
  merges: { survivorId: number; mergedId: number; origin: string }[];
  stats: Record<string, unknown>;
  recentOrders: Record<string, unknown>[];
  analytics: Record<string, unknown> | null;
  segments: unknown[];
}

/**
 * `POST /api/v1/events` and `/api/v1/customers` and the customer reads, over HTTP against the
 * running engine: customers found or created from references, retries stored once, merges when a
 * record links two customers, and the unified profile that results.
 */
describe('Events and customers over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;

  beforeAll(async () => {
    test = await startTestEngine();
    shop = await test.createWorkspace('shop');
  });
  afterAll(() => test.stop());

  async function postEvents(body: unknown, workspace = shop): Promise<{ accepted: number; duplicates: number }> {
    const response = await test.api(workspace, '/api/v1/events', { method: 'POST', json: body });
    expect(response.status).toBe(202);
    return (await response.json()) as { accepted: number; duplicates: number };
  }

  async function upsert<T = Upserted>(body: unknown, workspace = shop): Promise<T> {
    const response = await test.api(workspace, '/api/v1/customers', { method: 'POST', json: body });
    expect(response.status).toBe(201);
    return (await response.json()) as T;
  }

  async function profile(id: number): Promise<Profile> {
    const response = await test.api(shop, `/api/v1/customers/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Profile;
  }

  async function merges(id: number): Promise<Record<string, unknown>[]> {
    return (
      (await (await test.api(shop, `/api/v1/customers/${id}/merges`)).json()) as { items: Record<string, unknown>[] }
    ).items;
  }

  async function search(q: string): Promise<Record<string, unknown>[]> {
    const response = await test.api(shop, `/api/v1/customers?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Record<string, unknown>[] }).items;
  }

  async function importFile(workspace: TestWorkspace, kind: string, source: string, csv: string): Promise<void> {
    await importWholeFile(test, workspace, { kind, source }, csv);
  }

  async function ownerOf(kind: string, source: string, value: string, workspace = shop): Promise<number | undefined> {
    const { rows } = await test.db.pool.query<{ customer_id: number }>(
      'SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = $2 AND source = $3 AND value = $4',
      [workspace.id, kind, source, value],
    );
    return rows[0]?.customer_id;
  }

  async function identitiesOf(customerId: number): Promise<string[]> {
    const { rows } = await test.db.pool.query<{ identity: string }>(
      "SELECT kind || ':' || source || ':' || value AS identity FROM customer_identity WHERE customer_id = $1 ORDER BY 1",
      [customerId],
    );
    return rows.map((row) => row.identity);
  }

  async function storedEvents(source: string, externalIds: string[]) {
    const { rows } = await test.db.pool.query(
      `SELECT external_id, name, customer_id, occurred_at, properties FROM event
        WHERE workspace_id = $1 AND source = $2 AND external_id = ANY($3) ORDER BY external_id`,
      [shop.id, source, externalIds],
    );
    return rows;
  }

  describe('POST /api/v1/events', () => {
    it('stores events with customers created from their references', async () => {
      const result = await postEvents({
        source: 'web',
        events: [
          {
            eventId: 'w-1',
            name: 'page_view',
            occurredAt: '2026-03-01T10:00:00+09:00',
            customer: { customerId: 'U1' },
            properties: { path: '/lotion' },
          },
          {
            eventId: 'w-2',
            name: 'sample_request',
            occurredAt: '2026-03-01T10:05:00+09:00',
            customer: { customerId: 'U1', email: 'Yui@Example.JP' },
          },
          {
            eventId: 'w-3',
            name: 'line_follow',
            occurredAt: '2026-03-02T09:00:00+09:00',
            customer: { lineUserId: LINE_USER },
          },
        ],
      });
      expect(result).toEqual({ accepted: 3, duplicates: 0 });

      const yui = (await ownerOf('external', 'web', 'U1'))!;
      const follower = (await ownerOf('line', '', LINE_USER))!;
      expect(yui).toEqual(expect.any(Number));
      expect(follower).not.toBe(yui);
      expect(await identitiesOf(yui)).toEqual(['email::yui@example.jp', 'external:web:U1']);
      expect(await identitiesOf(follower)).toEqual([`line::${LINE_USER}`]);
      expect(await storedEvents('web', ['w-1', 'w-2', 'w-3'])).toEqual([
        {
          external_id: 'w-1',
          name: 'page_view',
          customer_id: yui,
          occurred_at: new Date('2026-03-01T01:00:00Z'),
          properties: { path: '/lotion' },
        },
        {
          external_id: 'w-2',
          name: 'sample_request',
          customer_id: yui,
          occurred_at: new Date('2026-03-01T01:05:00Z'),
          properties: {},
        },
        {
          external_id: 'w-3',
          name: 'line_follow',
          customer_id: follower,
          occurred_at: new Date('2026-03-02T00:00:00Z'),
          properties: {},
        },
      ]);
    });

    it('stores a retried batch once and reports the duplicates', async () => {
      const batch = {
        source: 'app',
        events: [
          {
            eventId: 'r-1',
            name: 'app_open',
            occurredAt: '2026-03-03T08:00:00+09:00',
            customer: { email: 'retry@example.jp' },
          },
          {
            eventId: 'r-2',
            name: 'app_open',
            occurredAt: '2026-03-03T09:00:00+09:00',
            customer: { email: 'retry@example.jp' },
          },
          // No eventId: the id is derived from the content, so a retry still finds it.
          {
            name: 'coupon_view',
            occurredAt: '2026-03-03T09:30:00+09:00',
            customer: { email: 'retry@example.jp' },
            properties: { coupon: 'SPRING' },
          },
        ],
      };
      const appEvents = async () =>
        (
          await test.db.pool.query('SELECT * FROM event WHERE workspace_id = $1 AND source = $2 ORDER BY id', [
            shop.id,
            'app',
          ])
        ).rows;
      const customerCount = async () =>
        (await test.db.pool.query('SELECT count(*)::int AS n FROM customer WHERE workspace_id = $1', [shop.id])).rows[0]
          .n as number;

      expect(await postEvents(batch)).toEqual({ accepted: 3, duplicates: 0 });
      const customers = await customerCount();
      const stored = await appEvents();
      expect(stored).toHaveLength(3);

      expect(await postEvents(batch)).toEqual({ accepted: 3, duplicates: 3 });
      expect(await appEvents()).toEqual(stored);
      expect(await customerCount()).toBe(customers);

      // Part retry, part new; and an id twice in one batch.
      const mixed = {
        source: 'app',
        events: [batch.events[1], { ...batch.events[0], eventId: 'r-3' }, { ...batch.events[0], eventId: 'r-3' }],
      };
      expect(await postEvents(mixed)).toEqual({ accepted: 3, duplicates: 2 });
      expect((await appEvents()).map((event) => event.external_id)).toEqual([
        'r-1',
        'r-2',
        expect.stringMatching(/^derived:/),
        'r-3',
      ]);

      // Event ids are unique per source: the same id from another source is another event.
      expect(await postEvents({ source: 'pos', events: [batch.events[0]] })).toEqual({ accepted: 1, duplicates: 0 });
      expect(await appEvents()).toHaveLength(4);
      expect((await storedEvents('pos', ['r-1'])).map((e) => e.name)).toEqual(['app_open']);
    });

    it('merges two customers when an event carries an identity of each, moving their events and orders to the older one', async () => {
      await postEvents({
        source: 'web',
        events: [
          {
            eventId: 'm-1',
            name: 'page_view',
            occurredAt: '2026-02-01T10:00:00+09:00',
            customer: { email: 'mika@example.jp' },
          },
        ],
      });
      await postEvents({
        source: 'web',
        events: [
          {
            eventId: 'm-2',
            name: 'page_view',
            occurredAt: '2026-02-02T10:00:00+09:00',
            customer: { phone: '080-7777-0001' },
          },
        ],
      });
      await importFile(
        shop,
        'orders',
        'ec',
        [
          'order_id,email,phone,ordered_at,sku,quantity,unit_price',
          'M-1,mika@example.jp,,2026-02-05 10:00,UR-TR,1,1100',
          'M-2,,080-7777-0001,2026-02-10 10:00,UR-LOTION,2,3300',
        ].join('\n'),
      );
      const mika = (await ownerOf('email', '', 'mika@example.jp'))!;
      const caller = (await ownerOf('phone', '', '+818077770001'))!;
      expect(mika).toBeLessThan(caller);

      const result = await postEvents({
        source: 'web',
        events: [
          {
            eventId: 'm-3',
            name: 'review_posted',
            occurredAt: '2026-02-12T20:00:00+09:00',
            customer: { email: 'MIKA@example.jp', phone: '+81 80-7777-0001' },
          },
        ],
      });
      expect(result).toEqual({ accepted: 1, duplicates: 0 });

      const customers = await test.db.pool.query(
        'SELECT id, status, merged_into_id FROM customer WHERE id = ANY($1) ORDER BY id',
        [[mika, caller]],
      );
      expect(customers.rows).toEqual([
        { id: mika, status: 'active', merged_into_id: null },
        { id: caller, status: 'merged', merged_into_id: mika },
      ]);
      const log = await test.db.pool.query(
        'SELECT survivor_id, merged_id, origin, reason FROM merge_log WHERE workspace_id = $1 AND merged_id = $2',
        [shop.id, caller],
      );
      expect(log.rows).toEqual([
        {
          survivor_id: mika,
          merged_id: caller,
          origin: 'events-api',
          reason: {
            linkedBy: [
              { kind: 'email', source: '', value: 'mika@example.jp' },
              { kind: 'phone', source: '', value: '+818077770001' },
            ],
          },
        },
      ]);
      expect((await storedEvents('web', ['m-1', 'm-2', 'm-3'])).map((e) => [e.external_id, e.customer_id])).toEqual([
        ['m-1', mika],
        ['m-2', mika],
        ['m-3', mika],
      ]);
      const orders = await test.db.pool.query(
        `SELECT o.external_id, o.customer_id, array_agg(DISTINCT l.customer_id) AS line_customers
           FROM customer_order o JOIN order_line l ON l.order_id = o.id
          WHERE o.workspace_id = $1 AND o.external_id IN ('M-1', 'M-2') GROUP BY o.id ORDER BY 1`,
        [shop.id],
      );
      expect(orders.rows).toEqual([
        { external_id: 'M-1', customer_id: mika, line_customers: [mika] },
        { external_id: 'M-2', customer_id: mika, line_customers: [mika] },
      ]);
      expect(await identitiesOf(mika)).toEqual(['email::mika@example.jp', 'phone::+818077770001']);

      // Through the API: the merged id says where the customer went; the survivor has everything.
      const merged = await profile(caller);
      expect(merged).toMatchObject({
        id: caller,
        status: 'merged',
        mergedIntoId: mika,
        identities: [],
        stats: { orders: 0, events: 0 },
      });
      const survivor = await profile(mika);
      expect(survivor).toMatchObject({ status: 'active', mergedIntoId: null });
      expect(survivor.stats).toEqual({
        orders: 2,
        totalSpend: 7_700,
        firstOrderAt: '2026-02-05T01:00:00.000Z',
        lastOrderAt: '2026-02-10T01:00:00.000Z',
        events: 3,
      });
      expect(survivor.recentOrders.map((o) => [o.externalId, o.totalAmount, o.lines])).toEqual([
        ['M-2', 6_600, 1],
        ['M-1', 1_100, 1],
      ]);
      const entry = {
        id: expect.any(Number),
        survivorId: mika,
        mergedId: caller,
        origin: 'events-api',
        reason: log.rows[0].reason,
        createdAt: expect.any(String),
      };
      expect(await merges(mika)).toEqual([entry]);
      expect(await merges(caller)).toEqual([entry]);
      expect(survivor.merges).toEqual([entry]);
      expect((await search('080-7777-0001')).map((hit) => hit.id)).toEqual([mika]);
    });
  });

  describe('POST /api/v1/customers', () => {
    it('creates a customer, then updates only the fields given', async () => {
      const created = await upsert({
        email: 'ＨＡＮＡＫＯ＠Example.JP',
        phone: '０９０－１２３４－５６７８',
        familyName: '髙橋',
        givenName: '花子',
        attributes: { rank: 'gold' },
      });
      expect(created).toEqual({ id: expect.any(Number), created: 1, merged: 0, updated: 0 });
      expect(await identitiesOf(created.id)).toEqual(['email::hanako@example.jp', 'phone::+819012345678']);

      const updated = await upsert({ email: 'hanako@example.jp', city: '渋谷区', attributes: { points: 120 } });
      expect(updated).toEqual({ id: created.id, created: 0, merged: 0, updated: 1 });
      const { profile: fields, attributes } = await profile(created.id);
      expect(fields).toMatchObject({ familyName: '髙橋', givenName: '花子', city: '渋谷区', prefecture: null });
      expect(attributes).toEqual({ rank: 'gold', points: 120 });

      // The same values again change nothing.
      expect(await upsert({ phone: '090-1234-5678', city: '渋谷区' })).toEqual({
        id: created.id,
        created: 0,
        merged: 0,
        updated: 0,
      });
    });

    it('upserts a batch under its source, one customer per person', async () => {
      const result = await upsert<BatchUpserted>({
        source: 'pos',
        customers: [
          { customerId: 'P-1', memberNo: '5000 0001', familyName: '佐藤' },
          { customerId: 'P-2', email: 'p2@example.jp' },
          { customerId: 'P-1', givenName: '健' },
        ],
      });
      const [first, second, third] = result.items.map((item) => item.id) as [number, number, number];
      expect(result).toEqual({
        items: [{ id: first }, { id: second }, { id: first }],
        created: 2,
        merged: 0,
        updated: 0,
      });
      expect(second).not.toBe(first);
      expect(third).toBe(first);
      expect(await identitiesOf(first)).toEqual(['external:pos:P-1', 'member::50000001']);
      expect((await profile(first)).profile).toMatchObject({ familyName: '佐藤', givenName: '健' });
    });

    it('normalises identities exactly as a CSV import does', async () => {
      const raw = {
        customerId: 'ＥＣ－００１',
        email: ' Taro.Yamada@EXAMPLE.jp ',
        phone: '０３（１２３４）５６７８',
        memberNo: '２０００－１２３４',
        familyNameKana: 'ﾔﾏﾀﾞ',
      };
      const viaApi = (await upsert<BatchUpserted>({ source: 'ec', customers: [raw] })).items[0]!.id;

      const csvWorkspace = await test.createWorkspace('csv-twin');
      await importFile(
        csvWorkspace,
        'customers',
        'ec',
        `customer_id,email,phone,member_no,family_name_kana\n${raw.customerId},${raw.email},${raw.phone},${raw.memberNo},${raw.familyNameKana}\n`,
      );
      const viaCsv = (await ownerOf('external', 'ec', 'EC-001', csvWorkspace))!;

      expect(await identitiesOf(viaApi)).toEqual([
        'email::taro.yamada@example.jp',
        'external:ec:EC-001',
        'member::20001234',
        'phone::+81312345678',
      ]);
      expect(await identitiesOf(viaCsv)).toEqual(await identitiesOf(viaApi));
      // Names are stored as written, never NFKC'd (half-width kana stays half-width).
      const kana = await test.db.pool.query('SELECT family_name_kana FROM customer WHERE id = ANY($1) ORDER BY id', [
        [viaApi, viaCsv],
      ]);
      expect(kana.rows).toEqual([{ family_name_kana: 'ﾔﾏﾀﾞ' }, { family_name_kana: 'ﾔﾏﾀﾞ' }]);
    });

    it('merges a chain: A has email x, C phone y; a record with x and y merges C into the older A', async () => {
      const a = await upsert({ email: 'x@example.jp', familyName: '高橋' });
      const c = await upsert({ phone: '090-3333-4444', givenName: '美咲' });
      expect([a.created, c.created]).toEqual([1, 1]);
      expect(a.id).toBeLessThan(c.id);

      const linked = await upsert({ email: 'X@Example.jp', phone: '09033334444' });
      expect(linked).toEqual({ id: a.id, created: 0, merged: 1, updated: 0 });

      expect(await profile(c.id)).toMatchObject({ id: c.id, status: 'merged', mergedIntoId: a.id, identities: [] });
      const survivor = await profile(a.id);
      expect(survivor.profile).toMatchObject({ familyName: '高橋', givenName: '美咲' });
      expect(survivor.identities.map(({ kind, source, value }) => ({ kind, source, value }))).toEqual([
        { kind: 'email', source: '', value: 'x@example.jp' },
        { kind: 'phone', source: '', value: '+819033334444' },
      ]);
      const entry = {
        id: expect.any(Number),
        survivorId: a.id,
        mergedId: c.id,
        origin: 'customers-api',
        reason: expect.any(Object),
        createdAt: expect.any(String),
      };
      expect(await merges(a.id)).toEqual([entry]);
      expect(await merges(c.id)).toEqual([entry]);
    });
  });

  describe('GET /api/v1/customers', () => {
    let kei: number;

    beforeAll(async () => {
      kei = (
        await upsert<BatchUpserted>({
          source: 'ec',
          customers: [
            {
              customerId: 'EC-7',
              email: 'kei@example.jp',
              phone: '03-1234-0007',
              memberNo: '7000-0007',
              familyName: '山本',
              givenName: '圭',
              familyNameKana: 'ヤマモト',
              gender: 'female',
              birthDate: '1990-04-01',
              postalCode: '〒1500001',
              prefecture: '東京都',
              city: '渋谷区',
              registeredAt: '2025-12-01T10:00:00+09:00',
            },
          ],
        })
      ).items[0]!.id;
      await upsert({ lineUserId: 'U' + 'f'.repeat(32), email: 'kei@example.jp' });
      await importFile(
        shop,
        'consents',
        'ec',
        'email,channel,status,recorded_at\nkei@example.jp,email,granted,2026-01-01 10:00\nkei@example.jp,email,revoked,2026-02-01 10:00\nkei@example.jp,line,granted,2026-01-15 10:00\n',
      );
      await importFile(
        shop,
        'orders',
        'ec',
        'order_id,customer_id,ordered_at,sku,quantity,unit_price\nK-1,EC-7,2026-01-10 12:00,UR-TR,1,1100\n',
      );
      await importFile(
        shop,
        'orders',
        'pos',
        'order_id,member_no,ordered_at,store_id,sku,quantity,unit_price\nS-1,70000007,2026-01-20 15:00,ST01,UR-LOTION,2,3300\nS-1,70000007,2026-01-20 15:00,ST01,UR-TR,1,1100\n',
      );
      await postEvents({
        source: 'ec',
        events: [
          {
            eventId: 'k-1',
            name: 'page_view',
            occurredAt: '2026-01-21T09:00:00+09:00',
            customer: { customerId: 'EC-7' },
          },
        ],
      });
    });

    it('returns the unified profile: identities with kinds and sources, sources, consents, stats and recent orders', async () => {
      // The orders import queued an analytics refresh, which may or may not have run by now: its
      // figures are tested in analytics-fixtures.int-spec.ts. Messages, responses, scores and journeys
      // are tested in customer-profile.int-spec.ts.
      const {
        analytics: _analytics,
        messages: _m,
        responses: _r,
        scores: _s,
        journeys: _j,
        activityTotals: _t,
        ...body
      } = (await profile(kei)) as Profile & Record<string, unknown>;
      expect(body).toEqual({
        segments: [],
        id: kei,
        status: 'active',
        mergedIntoId: null,
        profile: {
          familyName: '山本',
          givenName: '圭',
          familyNameKana: 'ヤマモト',
          givenNameKana: null,
          gender: 'female',
          birthDate: '1990-04-01',
          postalCode: '150-0001',
          prefecture: '東京都',
          city: '渋谷区',
          addressLine1: null,
          addressLine2: null,
          registeredAt: '2025-12-01T01:00:00.000Z',
        },
        attributes: {},
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        identities: [
          { kind: 'email', source: '', value: 'kei@example.jp', createdAt: expect.any(String) },
          { kind: 'external', source: 'ec', value: 'EC-7', createdAt: expect.any(String) },
          { kind: 'line', source: '', value: 'U' + 'f'.repeat(32), createdAt: expect.any(String) },
          { kind: 'member', source: '', value: '70000007', createdAt: expect.any(String) },
          { kind: 'phone', source: '', value: '+81312340007', createdAt: expect.any(String) },
        ],
        sources: ['ec'],
        consents: [
          { channel: 'email', status: 'revoked', recordedAt: '2026-02-01T01:00:00.000Z', source: 'ec' },
          { channel: 'line', status: 'granted', recordedAt: '2026-01-15T01:00:00.000Z', source: 'ec' },
        ],
        merges: [],
        stats: {
          orders: 2,
          totalSpend: 8_800,
          firstOrderAt: '2026-01-10T03:00:00.000Z',
          lastOrderAt: '2026-01-20T06:00:00.000Z',
          events: 1,
        },
        recentOrders: [
          {
            id: expect.any(Number),
            externalId: 'S-1',
            source: 'pos',
            channel: 'store',
            orderedAt: '2026-01-20T06:00:00.000Z',
            totalAmount: 7_700,
            lines: 2,
          },
          {
            id: expect.any(Number),
            externalId: 'K-1',
            source: 'ec',
            channel: 'ec',
            orderedAt: '2026-01-10T03:00:00.000Z',
            totalAmount: 1_100,
            lines: 1,
          },
        ],
      });
    });

    it('answers 404 for an unknown customer', async () => {
      const response = await test.api(shop, '/api/v1/customers/999999');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not_found', message: 'customer 999999 was not found' });
    });

    it.each([
      ['email, in any case', 'KEI@Example.JP'],
      ['phone, national format', '03-1234-0007'],
      ['phone, full-width digits', '０３１２３４０００７'],
      ['member number with separators', '7000-0007'],
      ['external id', 'EC-7'],
      ['family name', '山本'],
      ['part of the name', '本圭'],
      ['kana', 'ヤマモ'],
    ])('finds a customer by %s', async (_what, q) => {
      expect(await search(q)).toEqual([
        {
          id: kei,
          displayName: '山本 圭',
          email: 'kei@example.jp',
          phone: '+81312340007',
          memberNo: '70000007',
          ordersCount: 2,
          lastOrderAt: '2026-01-20T06:00:00.000Z',
        },
      ]);
    });

    it('finds nothing for an unknown value or an empty query', async () => {
      expect(await search('nobody@example.jp')).toEqual([]);
      expect(await search('   ')).toEqual([]);
    });
  });
});
