import { readCsvRows } from '@kizuna/ingest';
import { ManualClock } from '@kizuna/shared';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool } from '@kizuna/db';
import { DmBatchRepository } from '../../apps/engine/src/channels/dm-batch.repository';
import { PG_POOL } from '../../apps/engine/src/infrastructure/database/database.tokens';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';
import { drainJourneys } from '../support/engine-work';

const sha256 = (value: Buffer | string) => createHash('sha256').update(value).digest('hex');
const HEADER = [
  '顧客番号',
  '郵便番号',
  '都道府県',
  '市区町村',
  '住所1',
  '住所2',
  '氏名',
  'クーポンコード',
  'クリエイティブID',
  'メッセージ',
];

interface Batch {
  id: number;
  journeyId: number;
  nodeId: string;
  sendDate: string;
  status: string;
  itemCount: number;
  checksum: string | null;
}

/**
 * Direct mail end to end over HTTP: a journey's DM step collects pieces into the day's batch, the
 * batch exports as a print-vendor file (UTF-8 with BOM, or Shift_JIS) with a manifest, a coupon on
 * an imported order answers the message, pieces ride in parcels leaving that day, and a segment
 * exports as hashed ad audiences.
 */
describe('Direct mail over the API', () => {
  // Monday 2027-03-01 10:00 in Tokyo.
  const clock = new ManualClock('2027-03-01T01:00:00Z');
  let test: TestEngine;
  let shop: TestWorkspace;
  let ids: Record<string, number>;
  let journeyId: number;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const body = (await response.json()) as T;
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function request(...customers: string[]): Promise<void> {
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: customers.map((c) => ({
            eventId: `req-${c}`,
            name: 'catalogue_request',
            customer: { customerId: c },
          })),
        },
      },
      202,
    );
    await eventually(
      async () =>
        (
          await test.db.pool.query<{ n: number }>(
            `SELECT count(*)::integer AS n FROM enrollment WHERE journey_id = $1 AND customer_id = ANY($2::integer[])`,
            [journeyId, customers.map((c) => ids[c])],
          )
        ).rows[0]!.n,
      (n) => n === customers.length,
      'enrolled',
    );
    await drainJourneys(test);
  }

  async function messages() {
    const { rows } = await test.db.pool.query<{
      id: string;
      customer_id: number;
      status: string;
      last_error: string | null;
      coupon_code: string | null;
      dm_batch_id: number | null;
    }>(
      `SELECT id::text, customer_id, status, last_error, coupon_code, dm_batch_id FROM message WHERE journey_id = $1 ORDER BY customer_id`,
      [journeyId],
    );
    return Object.fromEntries(rows.map((r) => [Object.keys(ids).find((k) => ids[k] === r.customer_id)!, r]));
  }

  async function exportBatch(id: number, encoding: string) {
    const response = await test.api(shop, `/api/v1/dm-batches/${id}/export?encoding=${encoding}`, { method: 'POST' });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function parse(bytes: Buffer, encoding: 'utf8' | 'sjis'): Promise<string[][]> {
    const rows: string[][] = [];
    for await (const batch of readCsvRows(Readable.from([bytes]), { encoding }))
      rows.push(...batch.map((r) => r.cells));
    return rows;
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock });
    shop = await test.createWorkspace('dm-shop');
    const template = await test.api(shop, '/api/v1/templates/dm/spring', {
      method: 'PUT',
      json: {
        content: {
          channel: 'dm',
          creativeId: 'SPRING-A',
          couponPrefix: 'SP',
          message: '{{ customer.familyName }}様 春のご案内',
          fallbacks: { 'customer.familyName': 'お客' },
        },
      },
    });
    expect(template.status).toBe(200);
    const address = { prefecture: '東京都', city: '渋谷区', addressLine1: '神宮前1-2-3' };
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: [
            {
              customerId: 'd1',
              email: ' Taro@Example.JP ',
              phone: '090-1111-2222',
              familyName: '山田',
              givenName: '太郎',
              postalCode: '1500001',
              ...address,
              addressLine2: 'メゾン"青山", 101',
              attributes: { list: 'dm' },
            },
            {
              customerId: 'd2',
              email: 'hanako@example.jp',
              phone: '080-3333-4444',
              familyName: '髙橋',
              givenName: '花子',
              postalCode: '〒060-0001',
              prefecture: '北海道',
              city: '札幌市中央区',
              addressLine1: '北一条西1−2',
              attributes: { list: 'dm' },
            },
            { customerId: 'd3', email: 'jiro@example.jp', familyName: '佐藤', attributes: { list: 'dm' } },
            { customerId: 'd4', familyName: '𠮷田', givenName: '一郎', postalCode: '100-0001', ...address },
          ],
        },
      },
      201,
    );
    const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
      `SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external'`,
      [shop.id],
    );
    ids = Object.fromEntries(rows.map((r) => [r.value, r.customer_id]));
    const consents: [string, string, string][] = [
      ['d1', 'dm', 'granted'],
      ['d2', 'dm', 'granted'],
      ['d3', 'dm', 'granted'],
      ['d4', 'dm', 'granted'],
      ['d1', 'email', 'granted'],
      ['d1', 'sms', 'granted'],
      ['d2', 'sms', 'granted'],
      ['d3', 'email', 'granted'],
    ];
    for (const [customer, channel, status] of consents) {
      await test.db.pool.query(
        `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at) VALUES ($1, $2, $3, $4, 'test', $5)`,
        [shop.id, ids[customer], channel, status, new Date('2027-01-01T00:00:00Z')],
      );
    }
    // d2 opted in to email, then out: the latest row counts.
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       VALUES ($1, $2, 'email', 'granted', 'test', '2027-01-01'), ($1, $2, 'email', 'revoked', 'test', '2027-02-01')`,
      [shop.id, ids.d2],
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'catalogue_request', filters: [] } },
        { id: 'catalogue', type: 'send', config: { channel: 'dm', templateId: 'spring' } },
      ],
      edges: [{ id: 'a', source: 'start', target: 'catalogue' }],
    };
    const journey = await api<{ id: number }>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Catalogue', graph } },
      201,
    );
    journeyId = journey.id;
    await api(`/api/v1/journeys/${journeyId}/publish`, { method: 'POST' });
  });

  afterAll(async () => {
    await test.stop();
  });

  let batch: Batch;
  let expectedRows: string[][];

  it("collects the step's pieces into the day's batch; a customer without an address fails", async () => {
    await request('d1', 'd2', 'd3');
    const sent = await messages();
    expect(sent.d1).toMatchObject({ status: 'sent', last_error: null });
    expect(sent.d2).toMatchObject({ status: 'sent', last_error: null });
    expect(sent.d3).toMatchObject({ status: 'failed', last_error: 'no-recipient', dm_batch_id: null });
    expect(sent.d1!.coupon_code).toMatch(/^SP-[0-9A-HJKMNP-TV-Z]{10}$/);
    const { items } = await api<{ items: Batch[] }>('/api/v1/dm-batches');
    expect(items).toHaveLength(1);
    batch = items[0]!;
    expect(batch).toMatchObject({
      journeyId,
      nodeId: 'catalogue',
      sendDate: '2027-03-01',
      status: 'open',
      itemCount: 2,
      checksum: null,
    });
    expect(sent.d1!.dm_batch_id).toBe(batch.id);
    expect(sent.d2!.dm_batch_id).toBe(batch.id);
    // Sent (committed to print), never delivered: no delivery response.
    const { rows } = await test.db.pool.query(`SELECT kind FROM response WHERE message_id = $1`, [sent.d1!.id]);
    expect(rows).toEqual([]);
    const failed = await test.db.pool.query(`SELECT kind, detail FROM response WHERE message_id = $1`, [sent.d3!.id]);
    expect(failed.rows).toEqual([{ kind: 'failed', detail: { reason: 'no-recipient' } }]);
    expectedRows = [
      HEADER,
      [
        String(ids.d2),
        '〒060-0001',
        '北海道',
        '札幌市中央区',
        '北一条西1−2',
        '',
        '髙橋　花子　様',
        sent.d2!.coupon_code!,
        'SPRING-A',
        '髙橋様 春のご案内',
      ],
      [
        String(ids.d1),
        '〒150-0001',
        '東京都',
        '渋谷区',
        '神宮前1-2-3',
        'メゾン"青山", 101',
        '山田　太郎　様',
        sent.d1!.coupon_code!,
        'SPRING-A',
        '山田様 春のご案内',
      ],
    ];
  });

  it('exports the batch as UTF-8 with a BOM and as Shift_JIS, the same rows, and the same bytes again', async () => {
    clock.set('2027-03-01T08:00:00Z');
    const utf8 = await exportBatch(batch.id, 'utf8');
    expect(utf8.response.status).toBe(200);
    expect(utf8.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(utf8.response.headers.get('content-disposition')).toBe(
      `attachment; filename="dm-batch-${batch.id}-20270301-utf8.csv"`,
    );
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.bytes.subarray(3).toString('utf8').split('\r\n')).toHaveLength(4); // CRLF after each of 3 lines
    expect(await parse(utf8.bytes, 'utf8')).toEqual(expectedRows);
    expect(utf8.response.headers.get('repr-digest')).toBe(
      `sha-256=:${createHash('sha256').update(utf8.bytes).digest('base64')}:`,
    );

    const sjis = await exportBatch(batch.id, 'sjis');
    expect(sjis.response.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(iconv.decode(sjis.bytes, 'cp932').startsWith('顧客番号,')).toBe(true);
    // The Mac minus sign (U+2212) is written as Windows' full-width hyphen-minus (0x817C).
    expect(await parse(sjis.bytes, 'sjis')).toEqual(
      expectedRows.map((row) => row.map((cell) => cell.replace('1−2', '1－2'))),
    );

    const again = await exportBatch(batch.id, 'utf8');
    expect(again.bytes.equals(utf8.bytes)).toBe(true);

    const { items } = await api<{ items: Batch[] }>('/api/v1/dm-batches?status=exported');
    expect(items).toEqual([
      expect.objectContaining({ id: batch.id, status: 'exported', itemCount: 2, checksum: sha256(utf8.bytes) }),
    ]);
    const manifest = await api<Record<string, unknown>>(`/api/v1/dm-batches/${batch.id}/manifest?encoding=sjis`);
    expect(manifest).toEqual({
      batchId: batch.id,
      journeyId,
      nodeId: 'catalogue',
      sendDate: '2027-03-01',
      fileName: `dm-batch-${batch.id}-20270301-sjis.csv`,
      encoding: 'sjis',
      columns: HEADER,
      rowCount: 2,
      creatives: [{ creativeId: 'SPRING-A', count: 2 }],
      bytes: sjis.bytes.length,
      sha256: sha256(sjis.bytes),
      createdAt: '2027-03-01T08:00:00.000Z',
    });
    // The messages stay sent: handing to print is not delivery.
    expect((await messages()).d1!.status).toBe('sent');
  });

  it("puts later pieces of an exported day in the next day's batch, and refuses Shift_JIS it cannot write", async () => {
    clock.set('2027-03-01T09:00:00Z');
    await request('d4');
    const d4 = (await messages()).d4!;
    expect(d4.status).toBe('sent');
    const { items } = await api<{ items: Batch[] }>('/api/v1/dm-batches?status=open');
    expect(items).toEqual([expect.objectContaining({ sendDate: '2027-03-02', itemCount: 1, status: 'open' })]);
    expect(d4.dm_batch_id).toBe(items[0]!.id);

    const refused = await exportBatch(items[0]!.id, 'sjis');
    expect(refused.response.status).toBe(422);
    const body = JSON.parse(refused.bytes.toString('utf8')) as { code: string; characters: unknown[] };
    expect(body.code).toBe('unprocessable');
    expect(body.characters).toEqual([
      { row: 1, column: '氏名', character: '𠮷', codePoint: 'U+20BB7' },
      { row: 1, column: 'メッセージ', character: '𠮷', codePoint: 'U+20BB7' },
    ]);
    const still = await api<{ items: Batch[] }>('/api/v1/dm-batches?status=open');
    expect(still.items.map((b) => b.id)).toEqual([items[0]!.id]);
    expect(await api('/api/v1/dm-batches/999999/manifest', {}, 404)).toMatchObject({ code: 'not_found' });
  });

  it("records an imported order that redeems a message's coupon as that message's conversion", async () => {
    const sent = await messages();
    const csv = [
      'order_id,customer_id,ordered_at,sku,quantity,unit_price,coupon_code',
      `O-1,d1,2027-03-05 10:00,UR-LOTION,1,3300,${sent.d1!.coupon_code!.toLowerCase()}`,
      // Placed before the DM was sent: not an answer to it.
      `O-0,d2,2027-02-20 10:00,UR-LOTION,1,3300,${sent.d2!.coupon_code!}`,
      'O-2,d2,2027-03-05 11:00,UR-LOTION,1,3300,',
    ].join('\n');
    const upload = await uploadImport(test, shop, { kind: 'orders', source: 'ec' }, csv);
    expect(upload.status).toBe(202);
    const job = await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
    expect(job).toMatchObject({ status: 'succeeded', rowsAccepted: 3 });
    const { rows: orders } = await test.db.pool.query<{ id: number }>(
      `SELECT id FROM customer_order WHERE workspace_id = $1 AND external_id = 'O-1'`,
      [shop.id],
    );
    const coupons = await eventually(
      async () =>
        (
          await test.db.pool.query(
            `SELECT message_id::text, customer_id, journey_id, node_id, channel, kind, at, detail FROM response
              WHERE workspace_id = $1 AND dedupe_key LIKE 'coupon:%'`,
            [shop.id],
          )
        ).rows,
      (rows) => rows.length > 0,
      'coupon redemption',
    );
    expect(coupons).toEqual([
      {
        message_id: sent.d1!.id,
        customer_id: ids.d1,
        journey_id: journeyId,
        node_id: 'catalogue',
        channel: 'dm',
        kind: 'converted',
        at: new Date('2027-03-05T01:00:00Z'),
        detail: { orderId: orders[0]!.id, amount: 3300, via: 'coupon' },
      },
    ]);
  });

  it('puts waiting pieces in the parcels of their customers leaving that day (同梱) and lists them for packing', async () => {
    const orders =
      'order_id,customer_id,ordered_at,sku,quantity,unit_price\nO-4,d4,2027-03-01 20:00,UR-LOTION,1,3300\n';
    const shipments = [
      'shipment_id,order_id,shipped_at,carrier,tracking_no',
      'S-4,O-4,2027-03-02 09:00,ヤマト運輸,1234-5678-9012',
      // d1's parcel leaves too, but d1's piece is already printed (its batch was exported).
      'S-1,O-1,2027-03-02 10:00,ヤマト運輸,',
    ].join('\n');
    for (const [kind, content] of [
      ['orders', orders],
      ['shipments', shipments],
    ] as const) {
      const upload = await uploadImport(test, shop, { kind, source: 'ec' }, content);
      const job = await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
      expect(job).toMatchObject({ status: 'succeeded', rowsRejected: 0 });
    }
    const d4 = (await messages()).d4!;
    const expectedItem = {
      shipmentNo: 'S-4',
      orderNo: 'O-4',
      carrier: 'ヤマト運輸',
      trackingNo: '1234-5678-9012',
      customerId: ids.d4,
      messageId: d4.id,
      creativeId: 'SPRING-A',
      couponCode: d4.coupon_code,
    };
    const planned = await api<{ moved: number; items: unknown[] }>('/api/v1/package-inserts?date=2027-03-02', {
      method: 'POST',
    });
    expect(planned).toMatchObject({ date: '2027-03-02', moved: 1, items: [expect.objectContaining(expectedItem)] });
    const again = await api<{ moved: number }>('/api/v1/package-inserts?date=2027-03-02', { method: 'POST' });
    expect(again.moved).toBe(0);
    expect((await api<{ items: unknown[] }>('/api/v1/package-inserts?date=2027-03-02')).items).toEqual([
      expect.objectContaining(expectedItem),
    ]);
    expect((await api<{ items: unknown[] }>('/api/v1/package-inserts?date=2027-03-03')).items).toEqual([]);
    // The piece left its DM batch: it is not printed for the post.
    expect((await messages()).d4).toMatchObject({ status: 'sent', dm_batch_id: null });
    const { rows } = await test.db.pool.query(`SELECT item_count FROM dm_batch WHERE id = $1`, [d4.dm_batch_id]);
    expect(rows).toEqual([{ item_count: 0 }]);

    const file = await test.api(shop, '/api/v1/package-inserts/file?date=2027-03-02&encoding=utf8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="package-inserts-20270302-utf8.csv"');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.toString('utf8')).toBe(
      '\ufeff出荷番号,注文番号,配送業者,追跡番号,顧客番号,氏名,クリエイティブID,クーポンコード,メッセージ\r\n' +
        `S-4,O-4,ヤマト運輸,1234-5678-9012,${ids.d4},𠮷田　一郎　様,SPRING-A,${d4.coupon_code},𠮷田様 春のご案内\r\n`,
    );
  });

  it('collects concurrent senders of a step into one batch, also for messages of no journey (NULL keys)', async () => {
    const { rows } = await test.db.pool.query<{ id: string }>(
      `INSERT INTO message (workspace_id, customer_id, channel, idempotency_key, status, created_at)
       SELECT $1, $2, 'dm', 'manual-' || n, 'sending', $3 FROM generate_series(1, 40) AS n RETURNING id::text`,
      [shop.id, ids.d1, clock.now()],
    );
    const piece = {
      creativeId: 'MANUAL',
      couponCode: null,
      message: null,
      address: {
        postalCode: '150-0001',
        prefecture: null,
        city: null,
        addressLine1: '神宮前1-2-3',
        addressLine2: null,
        familyName: null,
        givenName: null,
      },
    };
    const batches = test.engine.app.get(DmBatchRepository);
    // Every connection of the engine's pool open first, so the senders really run side by side.
    const pool = test.engine.app.get<Pool>(PG_POOL);
    await Promise.all([1, 2, 3, 4, 5].map(() => pool.query('SELECT pg_sleep(0.05)')));
    // Eight steps with no journey (NULL keys: the unique index cannot catch a second batch), five
    // messages each; every message its own sender, five at a time (the pool's size), so the first
    // senders of each step race to create its batch; and the first step's five retried.
    const entries = rows.map((r, i) => ({ messageId: r.id, journeyId: null, nodeId: `n${Math.floor(i / 5)}`, piece }));
    await Promise.all(
      [...entries, ...entries.slice(0, 5)].map((entry) => batches.collect(shop.id, clock.now(), [entry])),
    );
    const { rows: stored } = await test.db.pool.query(
      `SELECT node_id, send_date::text, status, item_count,
         (SELECT count(*)::integer FROM message m WHERE m.dm_batch_id = b.id) AS messages
         FROM dm_batch b WHERE workspace_id = $1 AND journey_id IS NULL ORDER BY node_id`,
      [shop.id],
    );
    expect(stored).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
        node_id: `n${n}`,
        send_date: '2027-03-01',
        status: 'open',
        item_count: 5,
        messages: 5,
      })),
    );
  });

  it("exports a segment's consenting members as SHA-256 of normalised emails and E.164 phones", async () => {
    const segment = await api<{ id: number }>(
      '/api/v1/segments',
      {
        method: 'POST',
        json: {
          name: 'DM list',
          definition: {
            version: 1,
            root: {
              type: 'group',
              combinator: 'and',
              rules: [{ type: 'attribute', field: 'attributes.list', operator: 'eq', value: 'dm' }],
            },
          },
        },
      },
      201,
    );
    await eventually(
      () => api<{ memberCount: number }>(`/api/v1/segments/${segment.id}`),
      (s) => s.memberCount === 3,
      'segment refreshed',
    );
    const response = await test.api(shop, `/api/v1/segments/${segment.id}/audience.csv`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    // d1: email and phone; d2: phone only (email consent revoked); d3: email only (no SMS consent).
    const rows = [
      [sha256('taro@example.jp'), sha256('+819011112222')],
      ['', sha256('+818033334444')],
      [sha256('jiro@example.jp'), ''],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    expect(bytes.toString('utf8')).toBe(
      `email_sha256,phone_sha256\r\n${rows.map((r) => `${r.join(',')}\r\n`).join('')}`,
    );
    expect(await api(`/api/v1/segments/${segment.id}/audience-manifest`)).toEqual({
      segmentId: segment.id,
      fileName: `segment-${segment.id}-audience.csv`,
      columns: ['email_sha256', 'phone_sha256'],
      members: 3,
      rows: 3,
      withEmail: 2,
      withPhone: 2,
      withoutConsent: 0,
      bytes: bytes.length,
      sha256: sha256(bytes),
      createdAt: clock.now().toISOString(),
    });
    expect((await test.api(shop, '/api/v1/segments/999999/audience.csv')).status).toBe(404);
  });
});
