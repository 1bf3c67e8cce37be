import { SeedDemoUseCase } from '../../apps/engine/src/demo/seed-demo.use-case';
import { startTestEngine, type TestEngine } from '../support/test-engine';

/**
 * The demo seed imports through the real importer, then refreshes analytics and segments in the
 * same process. Those refreshes must be planned on statistics that include the imported rows: a
 * freshly seeded 1M-customer demo, never analysed, had a segment refresh planned as a nested loop
 * over every customer that ran for minutes.
 */
describe('demo seed', () => {
  let test: TestEngine;

  beforeAll(async () => {
    test = await startTestEngine();
  });

  afterAll(async () => {
    await test.stop();
  });

  it('analyses the imported tables before it refreshes analytics and segments', async () => {
    const seeded = await test.engine.app
      .get(SeedDemoUseCase)
      .seed({ slug: 'seeded', name: 'Seeded', customers: 1_000, asOf: '2026-11-22' });
    expect(seeded.customers).toBe(1_000);

    const { rows: analysed } = await test.db.pool.query<{ relname: string; analysed: boolean }>(
      `SELECT relname, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables
        WHERE relname IN ('customer', 'customer_identity', 'product', 'customer_order', 'order_line',
                          'shipment', 'order_return', 'event', 'consent')
        ORDER BY relname`,
    );
    expect(analysed).toHaveLength(9);
    expect(analysed.filter((table) => !table.analysed)).toEqual([]);

    const { rows: segments } = await test.db.pool.query<{ segments: number; members: number }>(
      `SELECT count(DISTINCT s.id)::int AS segments, count(m.customer_id)::int AS members
         FROM segment s JOIN workspace w ON w.id = s.workspace_id AND w.slug = 'seeded'
         LEFT JOIN segment_membership m ON m.segment_id = s.id AND m.exited_at IS NULL`,
    );
    expect(segments[0]!.segments).toBeGreaterThan(3);
    expect(segments[0]!.members).toBeGreaterThan(0);
  });
});
