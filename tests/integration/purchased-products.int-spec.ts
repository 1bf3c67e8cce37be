import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { rule } from '../support/segment-rule';

/**
 * customer_purchased_products (the products each customer ever bought, kept by triggers on
 * order_line) through every path that writes order lines: new orders (COPY), lines added to and
 * changed in existing orders (upserts), an order moved to another customer (realigned lines), a
 * merge, deletions. After each step the set equals what the lines say, and a "never bought" rule
 * (which reads the set) answers accordingly. Real engine, real PostgreSQL.
 */
describe('the products each customer ever bought', () => {
  let test: TestEngine;
  let shop: TestWorkspace;

  beforeAll(async () => {
    test = await startTestEngine();
    shop = await test.createWorkspace('purchased');
    await importFile(
      { kind: 'products' },
      [
        'sku,name,series,price,is_trial',
        'UR-TR,うるおいトライアル,うるおい,1100,1',
        'UR-LO,うるおいローション,うるおい,3300,0',
        'AG-CR,エイジングクリーム,エイジング,5500,0',
      ].join('\n'),
    );
  });
  afterAll(() => test.stop());

  async function importFile(fields: { kind: string; source?: string }, content: string): Promise<void> {
    await importWholeFile(test, shop, fields, content);
  }

  /** Each customer's SKUs as the set says, checked against the order lines themselves. */
  async function boughtSkus(): Promise<Record<string, string[]>> {
    const { rows: drift } = await test.db.pool.query(
      `(SELECT customer_id, product_ids FROM customer_purchased_products WHERE workspace_id = $1
        EXCEPT
        SELECT customer_id, array_agg(DISTINCT product_id ORDER BY product_id) FROM order_line WHERE workspace_id = $1 GROUP BY customer_id)
       UNION ALL
       (SELECT customer_id, array_agg(DISTINCT product_id ORDER BY product_id) FROM order_line WHERE workspace_id = $1 GROUP BY customer_id
        EXCEPT
        SELECT customer_id, product_ids FROM customer_purchased_products WHERE workspace_id = $1)`,
      [shop.id],
    );
    expect(drift).toEqual([]);
    const { rows } = await test.db.pool.query<{ external_id: string; skus: string[] }>(
      `SELECT i.value AS external_id, array_agg(p.sku ORDER BY p.sku) AS skus
         FROM customer_purchased_products s
         JOIN customer_identity i ON i.customer_id = s.customer_id AND i.kind = 'external'
         JOIN product p ON p.id = ANY(s.product_ids)
        WHERE s.workspace_id = $1 GROUP BY i.value ORDER BY i.value`,
      [shop.id],
    );
    return Object.fromEntries(rows.map((row) => [row.external_id, row.skus]));
  }

  async function neverBoughtAging(): Promise<number> {
    const response = await test.api(shop, '/api/v1/segments/preview', {
      method: 'POST',
      json: {
        definition: rule(
          { type: 'purchase', measure: 'count', operator: 'gte', value: 1 },
          { type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter: { series: ['エイジング'] } },
        ),
      },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { count: number }).count;
  }

  const header = 'order_id,customer_id,email,ordered_at,line_no,sku,quantity,unit_price';

  it('follows new orders, lines added and changed later, an order moved, a merge and deletions', async () => {
    await importFile(
      { kind: 'orders', source: 'ec' },
      [
        header,
        'P-1,A,a@example.jp,2026-03-01 10:00,1,UR-TR,1,1100',
        'P-2,B,b@example.jp,2026-03-02 10:00,1,UR-LO,1,3300',
        'P-2,B,b@example.jp,2026-03-02 10:00,2,UR-TR,1,1100',
        'P-3,C,c@example.jp,2026-03-03 10:00,1,AG-CR,1,5500',
      ].join('\n'),
    );
    expect(await boughtSkus()).toEqual({ A: ['UR-TR'], B: ['UR-LO', 'UR-TR'], C: ['AG-CR'] });
    expect(await neverBoughtAging()).toBe(2);

    // A later file adds a line to A's order and turns B's trial line into the cream.
    await importFile(
      { kind: 'orders', source: 'ec' },
      [
        header,
        'P-1,A,a@example.jp,2026-03-01 10:00,2,UR-LO,1,3300',
        'P-2,B,b@example.jp,2026-03-02 10:00,2,AG-CR,1,5500',
      ].join('\n'),
    );
    expect(await boughtSkus()).toEqual({ A: ['UR-LO', 'UR-TR'], B: ['AG-CR', 'UR-LO'], C: ['AG-CR'] });
    expect(await neverBoughtAging()).toBe(1);

    // C's order was keyed in for the wrong customer: it is A's. C has bought nothing any more.
    await importFile(
      { kind: 'orders', source: 'ec' },
      [header, 'P-3,A,a@example.jp,2026-03-03 10:00,1,AG-CR,1,5500'].join('\n'),
    );
    expect(await boughtSkus()).toEqual({ A: ['AG-CR', 'UR-LO', 'UR-TR'], B: ['AG-CR', 'UR-LO'] });
    expect(await neverBoughtAging()).toBe(0);

    // D buys a trial set, then turns out to be B (same email): the merge moves the lines to B.
    await importFile(
      { kind: 'orders', source: 'ec' },
      [header, 'P-4,D,d@example.jp,2026-03-04 10:00,1,UR-TR,1,1100'].join('\n'),
    );
    expect(await neverBoughtAging()).toBe(1);
    await importFile({ kind: 'customers', source: 'ec' }, 'customer_id,email\nD,b@example.jp\n');
    // D's external id now names B's record.
    const all = ['AG-CR', 'UR-LO', 'UR-TR'];
    expect(await boughtSkus()).toEqual({ A: all, B: all, D: all });
    expect(await neverBoughtAging()).toBe(0);

    // No path of Kizuna deletes lines; the set follows anyway.
    await test.db.pool.query(
      `DELETE FROM order_line WHERE workspace_id = $1
          AND order_id IN (SELECT id FROM customer_order WHERE workspace_id = $1 AND external_id IN ('P-1', 'P-3'))`,
      [shop.id],
    );
    expect(await boughtSkus()).toEqual({ B: all, D: all });
  });
});
