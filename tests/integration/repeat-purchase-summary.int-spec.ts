import { queryRepeatPurchaseSummary } from '../../apps/engine/src/scoring/sql/repeat-purchase-summary.sql';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The SQL summary against hand-computed (x, t_x, T, mean repeat value): days in the workspace's
 * zone (Asia/Tokyo), several orders on a day one transaction, fully refunded orders no
 * transaction, partial refunds netted, the calibration day included, later refunds not yet known.
 */
describe('repeat-purchase summary SQL', () => {
  let db: TestDatabase;
  const workspaceId = 7;

  beforeAll(async () => {
    db = await createTestDatabase();
    const orders: [number, number, string, number][] = [
      // customer 1
      [1, 1, '2026-01-10T10:00:00+09:00', 3000],
      [2, 1, '2026-01-10T18:00:00+09:00', 1000],
      [3, 1, '2026-01-20T23:30:00+09:00', 2000],
      [4, 1, '2026-01-21T00:30:00+09:00', 500],
      [5, 1, '2026-02-01T12:00:00+09:00', 5000],
      [6, 1, '2026-02-10T12:00:00+09:00', 6000],
      [7, 1, '2026-03-31T23:59:00+09:00', 100],
      [8, 1, '2026-04-01T00:01:00+09:00', 9999],
      // customer 2: one order, refunded only after the calibration end
      [9, 2, '2026-03-01T09:00:00+09:00', 1200],
      // customer 3: the first order refunded in full
      [10, 3, '2026-01-05T09:00:00+09:00', 800],
      [11, 3, '2026-02-01T09:00:00+09:00', 700],
      [12, 3, '2026-02-15T09:00:00+09:00', 900],
      // customer 4: only after the calibration end
      [13, 4, '2026-04-02T09:00:00+09:00', 100],
    ];
    for (const [id, customerId, orderedAt, amount] of orders)
      await db.pool.query(
        `INSERT INTO customer_order (id, workspace_id, customer_id, external_id, channel, ordered_at, amount)
         VALUES ($1, $2, $3, $4, 'ec', $5, $6)`,
        [id, workspaceId, customerId, `o${id}`, orderedAt, amount],
      );
    await db.pool.query(
      `INSERT INTO customer_order (id, workspace_id, customer_id, external_id, channel, ordered_at, amount)
       VALUES (14, $1, 1, 'other', 'ec', '2026-02-01T09:00:00+09:00', 100)`,
      [workspaceId + 1],
    );
    const refunds: [number, string, number][] = [
      [5, '2026-02-03T10:00:00+09:00', 5000],
      [6, '2026-02-12T10:00:00+09:00', 1000],
      [9, '2026-04-05T10:00:00+09:00', 1200],
      [10, '2026-01-06T10:00:00+09:00', 800],
    ];
    for (const [orderId, returnedAt, amount] of refunds)
      await db.pool.query(
        `INSERT INTO order_return (workspace_id, order_id, external_id, returned_at, amount)
         VALUES ($1, $2, $3, $4, $5)`,
        [workspaceId, orderId, `r${orderId}`, returnedAt, amount],
      );
  });
  afterAll(() => db.drop());

  it('summarises per customer in days', async () => {
    const summary = await queryRepeatPurchaseSummary(db.pool, {
      workspaceId,
      calibrationEnd: '2026-03-31',
      timeZone: 'Asia/Tokyo',
      unit: 'day',
    });
    expect(summary).toEqual([
      // 01-10 (3000 + 1000), 01-20, 01-21, 02-10 (6000 - 1000), 03-31; 02-01 refunded
      { customerId: 1, frequency: 4, recency: 80, age: 80, meanRepeatValue: (2000 + 500 + 5000 + 100) / 4 },
      { customerId: 2, frequency: 0, recency: 0, age: 30, meanRepeatValue: null },
      { customerId: 3, frequency: 1, recency: 14, age: 58, meanRepeatValue: 900 },
    ]);
  });

  it('gives weeks as days / 7, and days of another zone', async () => {
    const weeks = await queryRepeatPurchaseSummary(db.pool, {
      workspaceId,
      calibrationEnd: '2026-03-31',
      timeZone: 'Asia/Tokyo',
      unit: 'week',
    });
    expect(weeks[0]).toMatchObject({ frequency: 4, recency: 80 / 7, age: 80 / 7 });
    // In UTC, 01-20 23:30 and 01-21 00:30 JST are both 01-20, and the calibration day ends nine hours
    // later: 04-01 00:01 JST (9999) is 03-31 15:01 UTC, the same day as 03-31 23:59 JST (100).
    const utc = await queryRepeatPurchaseSummary(db.pool, {
      workspaceId,
      calibrationEnd: '2026-03-31',
      timeZone: 'UTC',
      unit: 'day',
    });
    expect(utc[0]).toMatchObject({ frequency: 3, recency: 80, meanRepeatValue: (2500 + 5000 + 10099) / 3 });
  });
});
