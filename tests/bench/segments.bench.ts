/**
 * `npm run bench -- segments`: previews and refreshes of typical segment rules on the
 * 1,000,000-customer demo. Targets: a preview (count + sample) under 2 s, a refresh under 10 s.
 * Each preview runs PREVIEWS times (the median is reported, with the 1-minute load average: the
 * machine may be shared). The reported value is the slowest first refresh (every member enters
 * and is logged); the baseline is the same rule hand-written as one SELECT into a temporary table,
 * in the same run.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { loadavg } from 'node:os';
import { createPgPool, type Pool } from '@kizuna/db';
import { RefreshAnalyticsUseCase } from '../../apps/engine/src/analytics/use-cases/refresh-analytics.use-case';
import { SegmentService } from '../../apps/engine/src/segments/segment.service';
import { PreviewSegmentUseCase } from '../../apps/engine/src/segments/use-cases/preview-segment.use-case';
import { RefreshSegmentUseCase } from '../../apps/engine/src/segments/use-cases/refresh-segment.use-case';
import { reportBench, seconds } from './support/bench-report';
import { demoDatabase } from './support/demo-database';
import { createEngineContext } from './support/engine-context';
import { rule } from '../support/segment-rule';

const PREVIEWS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

/** Typical rules, each with its hand-written equivalent ($1 = workspace). */
const RULES: { name: string; definition: unknown; handWritten: string }[] = [
  {
    name: 'cross-sell: うるおいライン fans who never bought エイジングケアライン, email allowed',
    definition: rule(
      { type: 'preference', dimension: 'series', name: 'うるおいライン', operator: 'gte', value: 0.5 },
      { type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter: { series: ['エイジングケアライン'] } },
      { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
    ),
    handWritten: `SELECT m.customer_id FROM customer_metrics m
       WHERE m.workspace_id = $1 AND (m.preferences -> 'series' ->> 'うるおいライン')::float8 >= 0.5 * m.revenue
         AND NOT EXISTS (SELECT 1 FROM customer_order o JOIN order_line l ON l.order_id = o.id JOIN product p ON p.id = l.product_id
                          WHERE o.workspace_id = $1 AND o.customer_id = m.customer_id AND p.series = 'エイジングケアライン')
         AND (SELECT status FROM consent c WHERE c.workspace_id = $1 AND c.customer_id = m.customer_id AND c.channel = 'email'
               ORDER BY recorded_at DESC, id DESC LIMIT 1) = 'granted'`,
  },
  {
    name: 'trial follow-up: a trial set within 60 days, no full-size product yet',
    definition: rule(
      {
        type: 'purchase',
        measure: 'count',
        operator: 'gte',
        value: 1,
        window: { lastDays: 60 },
        filter: { trial: true },
      },
      { type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter: { trial: false } },
    ),
    handWritten: `SELECT o.customer_id FROM customer_order o
       WHERE o.workspace_id = $1 AND o.trial_only AND o.ordered_at >= now() - interval '60 days'
       GROUP BY o.customer_id
      HAVING NOT EXISTS (SELECT 1 FROM customer_order r WHERE r.workspace_id = $1 AND r.customer_id = o.customer_id AND NOT r.trial_only)`,
  },
  {
    name: 'loyal LINE friends: RFM 優良 with a LINE id',
    definition: rule(
      { type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' },
      { type: 'identity', operator: 'has', kind: 'line' },
    ),
    handWritten: `SELECT m.customer_id FROM customer_metrics m
       WHERE m.workspace_id = $1 AND m.rfm_rank = 'loyal'
         AND EXISTS (SELECT 1 FROM customer_identity i WHERE i.workspace_id = $1 AND i.customer_id = m.customer_id AND i.kind = 'line')`,
  },
];

async function ensureAnalytics(context: INestApplicationContext, pool: Pool, workspaceId: number): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM customer_metrics WHERE workspace_id = $1 AND preferences <> '{}'",
    [workspaceId],
  );
  if (rows[0]!.n > 0) return;
  console.log('refreshing analytics once (customer_metrics with preferences)...');
  const refresh = await context.get(RefreshAnalyticsUseCase).execute(workspaceId);
  console.log(`analytics refresh: ${(refresh.timings.total! / 1000).toFixed(1)} s`, refresh.timings);
}

async function main(): Promise<void> {
  const { url, workspaceId } = await demoDatabase();
  const pool = createPgPool(url, { max: 2 });
  // No workers: the refreshes below are the only ones, timed here.
  const context = await createEngineContext(url, { KIZUNA_ROLE: 'cli' });
  try {
    await ensureAnalytics(context, pool, workspaceId);
    await pool.query("DELETE FROM segment WHERE workspace_id = $1 AND name LIKE 'bench:%'", [workspaceId]);
    const previews: number[] = [];
    const firstRefreshes: number[] = [];
    const baselines: number[] = [];
    for (const [index, { name, definition, handWritten }] of RULES.entries()) {
      const loads = [load()];
      const runs: number[] = [];
      let preview: Awaited<ReturnType<PreviewSegmentUseCase['execute']>> | undefined;
      for (let run = 0; run < PREVIEWS; run++) {
        const started = process.hrtime.bigint();
        preview = await context.get(PreviewSegmentUseCase).execute(workspaceId, { definition, sampleSize: 20 });
        runs.push(seconds(started));
      }
      previews.push(median(runs));

      const segment = await context
        .get(SegmentService)
        .create(workspaceId, { name: `bench:${index}`, description: name, definition, refreshCron: null });
      let started = process.hrtime.bigint();
      const first = await context.get(RefreshSegmentUseCase).execute(workspaceId, segment.id);
      firstRefreshes.push(seconds(started));
      started = process.hrtime.bigint();
      const again = await context.get(RefreshSegmentUseCase).execute(workspaceId, segment.id);
      const steady = seconds(started);
      // What an event-driven refresh does: the rule for the 1,000 customers a batch of events concerned.
      const { rows: sampled } = await pool.query<{ id: number }>(
        "SELECT id FROM customer WHERE workspace_id = $1 AND status = 'active' ORDER BY id DESC LIMIT 1000",
        [workspaceId],
      );
      started = process.hrtime.bigint();
      await context
        .get(RefreshSegmentUseCase)
        .execute(workspaceId, segment.id, { customerIds: sampled.map((row) => row.id) });
      const scoped = seconds(started);

      started = process.hrtime.bigint();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`CREATE TEMP TABLE hand_written ON COMMIT DROP AS ${handWritten}`, [workspaceId]);
        const counted = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM hand_written');
        await client.query('COMMIT');
        baselines.push(seconds(started));
        loads.push(load());
        console.log(
          `${name}\n  preview ${previews[index]!.toFixed(2)} s (median of ${runs.map((t) => t.toFixed(2)).join(', ')}; ` +
            `${preview!.count.toLocaleString()} customers), ` +
            `first refresh ${firstRefreshes[index]!.toFixed(2)} s (${first.entered.toLocaleString()} entered), ` +
            `next refresh ${steady.toFixed(2)} s (${again.entered} entered, ${again.exited} exited), ` +
            `for 1,000 customers ${(scoped * 1000).toFixed(0)} ms, ` +
            `hand-written SELECT ${baselines[index]!.toFixed(2)} s (${counted.rows[0]!.n.toLocaleString()} customers); ` +
            `load ${loads.join(' to ')}`,
        );
      } finally {
        client.release();
      }
      await pool.query('DELETE FROM segment_change WHERE segment_id = $1', [segment.id]);
      await pool.query('DELETE FROM segment_membership WHERE segment_id = $1', [segment.id]);
      await pool.query('DELETE FROM segment WHERE id = $1', [segment.id]);
    }
    const slowest = firstRefreshes.indexOf(Math.max(...firstRefreshes));
    console.log(
      `slowest preview ${Math.max(...previews).toFixed(2)} s (target < 2 s); slowest refresh ${firstRefreshes[slowest]!.toFixed(2)} s (target < 10 s)`,
    );
    reportBench({
      name: 'segments',
      value: firstRefreshes[slowest]!,
      unit: 's',
      baseline: baselines[slowest]!,
      better: 'lower',
    });
  } finally {
    await context.close();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
