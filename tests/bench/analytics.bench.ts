/**
 * `npm run bench -- analytics`: RFM + RF matrix + deciles together on the 1,000,000-customer demo
 * (~10 M order lines), against one plain `GROUP BY customer_id` aggregate (max date, count, sum)
 * over the same order lines, in the same run and the same conditions (a transaction with the
 * same work_mem, results written to a temporary table). Kizuna's time includes the VACUUM a
 * refresh starts with. Target: at most 2x the aggregate.
 */
import { defaultAnalyticsSettings } from '@kizuna/segments';
import { createPgPool } from '@kizuna/db';
import {
  timed,
  vacuumOrders,
  withAnalysisContext,
} from '../../apps/engine/src/analytics/use-cases/analysis-transaction';
import { computeCoreAnalyses } from '../../apps/engine/src/analytics/use-cases/compute-core-analyses';
import { reportBench, seconds } from './support/bench-report';
import { demoDatabase } from './support/demo-database';

const REFERENCE_AT = new Date('2026-11-22T15:00:00Z');

async function main(): Promise<void> {
  const { url, workspaceId } = await demoDatabase();
  const pool = createPgPool(url, { max: 2 });
  const scope = { workspaceId, referenceAt: REFERENCE_AT, timeZone: 'Asia/Tokyo', settings: defaultAnalyticsSettings };
  try {
    const lines = (
      await pool.query<{ n: number }>('SELECT count(*) AS n FROM order_line WHERE workspace_id = $1', [workspaceId])
    ).rows[0]!.n;
    console.log(`${lines.toLocaleString()} order lines`);
    // Warm the cache once so neither measurement pays for the first read from disk.
    await pool.query('SELECT count(*) FROM order_line WHERE workspace_id = $1', [workspaceId]);

    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const baselines: number[] = [];
    const kizuna: number[] = [];
    for (let run = 0; run < runs; run++) {
      let started = process.hrtime.bigint();
      await withAnalysisContext(pool, scope, async ({ tx }) => {
        await tx.query(
          `CREATE TEMP TABLE plain_aggregate ON COMMIT DROP AS
           SELECT customer_id, max(ordered_at) AS last_at, count(*) AS lines, sum(amount) AS amount
             FROM order_line WHERE workspace_id = $1 GROUP BY customer_id`,
          [workspaceId],
        );
      });
      baselines.push(seconds(started));

      started = process.hrtime.bigint();
      const timings: Record<string, number> = {};
      await timed(timings, 'vacuum', () => vacuumOrders(pool));
      const result = await withAnalysisContext(pool, scope, (context) => computeCoreAnalyses(context, timings));
      kizuna.push(seconds(started));
      console.log(
        `run ${run + 1}: plain aggregate ${baselines[run]!.toFixed(2)} s, RFM + RF matrix + deciles ${kizuna[run]!.toFixed(2)} s ` +
          `(${Object.entries(timings)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(', ')}; ${result.rfm.customers.toLocaleString()} customers)`,
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    reportBench({ name: 'analytics', value: median(kizuna), unit: 's', baseline: median(baselines), better: 'lower' });
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
