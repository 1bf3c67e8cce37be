import iconv from 'iconv-lite';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';

/**
 * Imports through `POST /api/v1/imports`, as a user uploads files: encodings, bad rows, wrong
 * headers, re-imports. Real PostgreSQL, the real HTTP server.
 */
describe('CSV imports over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;

  beforeAll(async () => {
    test = await startTestEngine();
    shop = await test.createWorkspace('shop');
  });
  afterAll(() => test.stop());

  async function importFile(fields: { kind: string; encoding?: string; source?: string }, content: Buffer | string) {
    const response = await uploadImport(test, shop, fields, content);
    expect(response.status).toBe(202);
    const job = (await response.json()) as { id: number; status: string };
    expect(job.status).toBe('queued');
    return waitForImport(test, shop, job.id);
  }

  it('imports a Shift_JIS (CP932) customers file, keeping names as written and normalising identifiers', async () => {
    const csv = [
      'customer_id,email,phone,family_name,given_name,family_name_kana,address_line2,member_no',
      'ＥＣ００１,Hanako@Example.JP,０９０－１２３４－５６７８,髙橋,花子,ﾀｶﾊｼ,ﾒｿﾞﾝ①,２０００１',
      'EC002,taro@example.jp,03-1234-5678,佐藤,太郎,サトウ,,',
    ].join('\r\n');
    const job = await importFile({ kind: 'customers', encoding: 'sjis', source: 'ec' }, iconv.encode(csv, 'cp932'));
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 2, rowsAccepted: 2, rowsRejected: 0 });
    const { rows } = await test.db.pool.query(
      `SELECT c.family_name, c.given_name, c.family_name_kana, c.address_line2,
              array_agg(i.kind || ':' || i.source || ':' || i.value ORDER BY i.kind::text, i.value) AS identities
         FROM customer c JOIN customer_identity i ON i.customer_id = c.id
        WHERE c.workspace_id = $1 GROUP BY c.id ORDER BY c.id`,
      [shop.id],
    );
    expect(rows[0]).toEqual({
      family_name: '髙橋',
      given_name: '花子',
      family_name_kana: 'ﾀｶﾊｼ',
      address_line2: 'ﾒｿﾞﾝ①',
      identities: ['email::hanako@example.jp', 'external:ec:EC001', 'member::20001', 'phone::+819012345678'],
    });
    expect(rows[1].identities).toEqual(['email::taro@example.jp', 'external:ec:EC002', 'phone::+81312345678']);
  });

  it('reads a UTF-8 file with a byte-order mark', async () => {
    const job = await importFile(
      { kind: 'products' },
      '\ufeffsku,name,series,price,is_trial\nUR-TR,うるおいトライアルセット,うるおい,"1,100",1\n',
    );
    expect(job).toMatchObject({ status: 'succeeded', rowsAccepted: 1 });
    const { rows } = await test.db.pool.query(
      'SELECT sku, name, series, price, is_trial FROM product WHERE workspace_id = $1',
      [shop.id],
    );
    expect(rows).toEqual([
      { sku: 'UR-TR', name: 'うるおいトライアルセット', series: 'うるおい', price: 1100, is_trial: true },
    ]);
  });

  it('stores the good rows of a file with 3 bad ones and reports each bad row with line, column and reason', async () => {
    const csv = [
      'order_id,customer_id,ordered_at,sku,quantity,unit_price',
      'O-1,C1,2026-01-05 10:00,UR-TR,1,1100',
      'O-2,C2,2026-02-30 10:00,UR-TR,1,1100', // line 3: no such date
      'O-3,C3,2026-01-06 11:00,UR-TR,0,1100', // line 4: quantity 0
      'O-4,C4,2026-01-07 12:00,UR-TR,1,1100',
      ',C5,2026-01-08 12:00,UR-TR,2,abc', // line 6: order_id missing, unit_price not a number
      'O-5,C5,2026-01-09 09:30,UR-LOTION,2,"3,300"',
    ].join('\n');
    const job = await importFile({ kind: 'orders', source: 'ec' }, csv);
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 6, rowsAccepted: 3, rowsRejected: 3 });
    const orders = await test.db.pool.query(
      `SELECT o.external_id, l.line_no, l.quantity, l.amount, p.sku, p.is_stub FROM customer_order o
         JOIN order_line l ON l.order_id = o.id JOIN product p ON p.id = l.product_id
        WHERE o.workspace_id = $1 ORDER BY 1`,
      [shop.id],
    );
    expect(orders.rows).toEqual([
      { external_id: 'O-1', line_no: 1, quantity: 1, amount: 1100, sku: 'UR-TR', is_stub: false },
      { external_id: 'O-4', line_no: 1, quantity: 1, amount: 1100, sku: 'UR-TR', is_stub: false },
      { external_id: 'O-5', line_no: 1, quantity: 2, amount: 6600, sku: 'UR-LOTION', is_stub: true },
    ]);
    const report = await test.api(shop, `/api/v1/imports/${String(job.id)}/rejections`);
    expect(report.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'line,column,reason,row',
      '3,ordered_at,"""2026-02-30 10:00"" is not a calendar date","O-2,C2,2026-02-30 10:00,UR-TR,1,1100"',
      '4,quantity,"""0"" is less than 1","O-3,C3,2026-01-06 11:00,UR-TR,0,1100"',
      '6,order_id,is required,",C5,2026-01-08 12:00,UR-TR,2,abc"',
      '6,unit_price,"""abc"" is not a whole number",",C5,2026-01-08 12:00,UR-TR,2,abc"',
      '',
    ]);
  });

  it("keeps each order's total and whether it was trial sets only, as later files add lines and products change", async () => {
    const totals = async () =>
      (
        await test.db.pool.query(
          `SELECT external_id, amount, trial_only FROM customer_order
            WHERE workspace_id = $1 AND source = 'store' AND external_id LIKE 'T-%' ORDER BY 1`,
          [shop.id],
        )
      ).rows;
    const header = 'order_id,customer_id,ordered_at,line_no,sku,quantity,unit_price';
    await importFile(
      { kind: 'orders', source: 'store' },
      [
        header,
        'T-1,C1,2026-03-01 10:00,1,UR-TR,1,1100',
        'T-2,C2,2026-03-02 10:00,1,UR-TR,1,1100',
        'T-2,C2,2026-03-02 10:00,2,UR-LOTION,2,3300',
      ].join('\n'),
    );
    expect(await totals()).toEqual([
      { external_id: 'T-1', amount: 1100, trial_only: true },
      { external_id: 'T-2', amount: 7700, trial_only: false },
    ]);
    // A later file adds a full-size product to T-1 and corrects T-2's second line.
    await importFile(
      { kind: 'orders', source: 'store' },
      [header, 'T-1,C1,2026-03-01 10:00,2,UR-LOTION,1,3300', 'T-2,C2,2026-03-02 10:00,2,UR-LOTION,1,3300'].join('\n'),
    );
    expect(await totals()).toEqual([
      { external_id: 'T-1', amount: 4400, trial_only: false },
      { external_id: 'T-2', amount: 4400, trial_only: false },
    ]);
    // The lotion turns out to be a trial size: the orders holding only trial sets follow.
    await importFile({ kind: 'products' }, 'sku,name,price,is_trial\nUR-LOTION,うるおいローション ミニ,3300,1\n');
    expect(await totals()).toEqual([
      { external_id: 'T-1', amount: 4400, trial_only: true },
      { external_id: 'T-2', amount: 4400, trial_only: true },
    ]);
    await importFile({ kind: 'products' }, 'sku,name,price,is_trial\nUR-LOTION,うるおいローション,3300,0\n');
  });

  it('refuses a file with the wrong columns at once, naming missing and unknown ones, storing nothing', async () => {
    const before = await test.db.pool.query('SELECT count(*)::int AS n FROM import_job');
    const response = await uploadImport(
      test,
      shop,
      { kind: 'orders' },
      'order_no,customer_id,ordered_at,sku,qty,unit_price\nO-9,C9,2026-01-01,UR-TR,1,100\n',
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: 'header_mismatch',
      missing: ['order_id', 'quantity'],
      unknown: ['order_no', 'qty'],
    });
    expect(body.message).toMatch(/missing columns: order_id, quantity; unknown columns: order_no, qty/);
    const after = await test.db.pool.query('SELECT count(*)::int AS n FROM import_job');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(
      (await test.db.pool.query("SELECT count(*)::int AS n FROM customer_order WHERE external_id = 'O-9'")).rows[0].n,
    ).toBe(0);
  });

  it('changes nothing when the same files are imported again', async () => {
    const snapshot = async () =>
      (
        await test.db.pool.query(
          `SELECT (SELECT json_agg(c ORDER BY id) FROM customer c WHERE workspace_id = $1) AS customers,
                  (SELECT json_agg(i ORDER BY id) FROM customer_identity i WHERE workspace_id = $1) AS identities,
                  (SELECT json_agg(p ORDER BY id) FROM product p WHERE workspace_id = $1) AS products,
                  (SELECT json_agg(o ORDER BY id) FROM customer_order o WHERE workspace_id = $1) AS orders,
                  (SELECT json_agg(l ORDER BY order_id, line_no) FROM order_line l WHERE workspace_id = $1) AS lines,
                  (SELECT json_agg(s ORDER BY id) FROM shipment s WHERE workspace_id = $1) AS shipments`,
          [shop.id],
        )
      ).rows[0];
    const orders =
      'order_id,customer_id,email,ordered_at,sku,quantity,unit_price\nR-1,C10,r@example.com,2026-03-01 10:00,UR-TR,1,1100\nR-1,C10,r@example.com,2026-03-01 10:00,UR-LOTION,1,3300\n';
    const shipments = 'shipment_id,order_id,shipped_at,delivered_at\nS-1,R-1,2026-03-02 09:00,2026-03-03 14:00\n';
    await importFile({ kind: 'orders', source: 'ec' }, orders);
    await importFile({ kind: 'shipments', source: 'ec' }, shipments);
    const first = await snapshot();
    const again = await importFile({ kind: 'orders', source: 'ec' }, orders);
    await importFile({ kind: 'shipments', source: 'ec' }, shipments);
    expect(again).toMatchObject({ status: 'succeeded', rowsAccepted: 2, rowsRejected: 0 });
    expect(await snapshot()).toEqual(first);
  });

  it('rejects shipments and returns of orders that were never imported', async () => {
    const job = await importFile(
      { kind: 'returns', source: 'ec' },
      'return_id,order_id,returned_at,amount\nX-1,NOPE,2026-03-05,500\n',
    );
    expect(job).toMatchObject({ status: 'succeeded', rowsAccepted: 0, rowsRejected: 1 });
    const report = await (await test.api(shop, `/api/v1/imports/${String(job.id)}/rejections`)).text();
    expect(report).toContain('2,order_id,"order ""NOPE"" from source ""ec"" does not exist"');
  });

  it('names bad upload fields', async () => {
    const response = await uploadImport(test, shop, { kind: 'invoices', encoding: 'latin1' }, 'a\n1\n');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; issues: { field: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.issues.map((i) => i.field)).toEqual(['kind', 'encoding']);
  });
});
