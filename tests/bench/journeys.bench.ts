/**
 * `npm run bench -- journeys`: 100,000 demo customers through a 6-step journey (split, branch,
 * sends through the sandbox outbox, a one-day wait, a direct-mail send, exit) on BullMQ and
 * PostgreSQL, end to end: the ticker claims due enrolments, step jobs move them in batches.
 *
 * - Throughput: the day-long wait is skipped by moving the engine's clock a day ahead, which makes
 *   every enrolment due at once; steps per second until all have left. Baseline: raw BullMQ on the
 *   same Redis in the same run, one no-op job per step, one worker (what one-job-per-step costs).
 * - Lateness: the first steps are due at a sustained rate (enrolments spread over the phase), and
 *   lateness is processed_at - due_at of those steps, with the ticker interval stated.
 */
import { createPgPool, type Pool } from '@kizuna/db';
import type { Clock } from '@kizuna/shared';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JourneyService } from '../../apps/engine/src/journeys/journey.service';
import { PublishJourneyUseCase } from '../../apps/engine/src/journeys/use-cases/publish-journey.use-case';
import { WorkspaceSettingsStore } from '../../apps/engine/src/workspaces/workspace-settings.store';
import { DeliverySettingsSchema } from '@kizuna/journey';
import { reportBench, seconds } from './support/bench-report';
import { demoDatabase } from './support/demo-database';
import { createEngineContext } from './support/engine-context';
import { rule } from '../support/segment-rule';

const CUSTOMERS = Number(process.env.KIZUNA_BENCH_JOURNEY_CUSTOMERS ?? 100_000);
const TICK_MS = 200;
const REDIS_URL = process.env.KIZUNA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
/** Enrolments are due over this long in the lateness phase (a sustained rate, not a burst). */
const SPREAD_MS = Number(process.env.KIZUNA_BENCH_JOURNEY_SPREAD_MS ?? 40_000);
const DAY = 86_400_000;

/** Real time plus an offset that the bench moves forward: lateness stays real, days pass at once. */
class SkippingClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  skip(ms: number): void {
    this.offset += ms;
  }
}

function benchGraph(name: string) {
  return {
    version: 1,
    nodes: [
      { id: 'start', type: 'trigger.event', config: { eventName: `bench_${name}`, filters: [] } },
      {
        id: 'ab',
        type: 'split',
        config: {
          arms: [
            { id: 'a', weight: 50 },
            { id: 'b', weight: 50 },
          ],
        },
      },
      {
        id: 'women',
        type: 'branch',
        config: {
          conditions: [
            { id: 'yes', rule: rule({ type: 'attribute', field: 'gender', operator: 'eq', value: 'female' }) },
          ],
        },
      },
      { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'bench-mail' } },
      { id: 'line', type: 'send', config: { channel: 'line', templateId: 'bench-line' } },
      { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
      { id: 'dm', type: 'send', config: { channel: 'dm', templateId: 'bench-dm' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'ab' },
      { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'women' },
      { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'line' },
      { id: 'e4', source: 'women', sourceHandle: 'yes', target: 'mail' },
      { id: 'e5', source: 'women', sourceHandle: 'else', target: 'line' },
      { id: 'e6', source: 'mail', target: 'wait' },
      { id: 'e7', source: 'line', target: 'wait' },
      { id: 'e8', source: 'wait', target: 'dm' },
      { id: 'e9', source: 'dm', target: 'done' },
    ],
  };
}

/** Raw BullMQ: `jobs` no-op jobs through one worker; jobs per second. */
async function rawBullmq(jobs: number): Promise<number> {
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('bench-raw', { connection, prefix: 'kizuna-bench' });
  await queue.obliterate({ force: true });
  for (let start = 0; start < jobs; start += 1_000) {
    const count = Math.min(1_000, jobs - start);
    await queue.addBulk(
      Array.from({ length: count }, (_, i) => ({
        name: 'step',
        data: { n: start + i },
        opts: { removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const started = process.hrtime.bigint();
  const worker = new Worker(
    'bench-raw',
    async () => {
      done++;
      if (done === jobs) allDone();
    },
    { connection, prefix: 'kizuna-bench', concurrency: 1 },
  );
  await finished;
  const elapsed = seconds(started);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return jobs / elapsed;
}

async function waitFor(
  pool: Pool,
  sql: string,
  params: unknown[],
  done: (n: number) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(sql, params);
    if (done(rows[0]!.n)) return;
    if (Date.now() > deadline) throw new Error(`${what}: timed out at ${rows[0]!.n}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const { url, workspaceId } = await demoDatabase(100_000);
  const pool = createPgPool(url, { max: 2 });
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  // The baseline first, while nothing else runs: 200,000 no-op jobs, about the steps the engine makes below.
  const baseline = await rawBullmq(200_000);
  // Earlier runs' deleted rows would otherwise be vacuumed during this one.
  await pool.query('VACUUM ANALYZE enrollment, enrollment_step, message');
  const clock = new SkippingClock();
  const context = await createEngineContext(
    url,
    {
      REDIS_URL,
      KIZUNA_ROLE: 'worker',
      KIZUNA_JOURNEY_TICK_MS: String(TICK_MS),
      KIZUNA_DB_POOL_SIZE: '12',
    },
    clock,
  );
  await context.init();
  try {
    await context.get(WorkspaceSettingsStore).update(workspaceId, 'delivery', DeliverySettingsSchema, {
      quietHours: null,
      frequencyCap: { perChannel: null, overall: null },
    });
    const name = `bench-${Date.now()}`;
    const journeys = context.get(JourneyService);
    const journey = await journeys.create(workspaceId, { name, graph: benchGraph(name) });
    const version = await context.get(PublishJourneyUseCase).execute(workspaceId, journey.id);
    // Paused while enrolling, so the lateness phase starts with every enrolment in place.
    await journeys.pause(workspaceId, journey.id);

    const enrolStarted = process.hrtime.bigint();
    const t0 = new Date(clock.now().getTime() + 3_000);
    await pool.query(
      `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, node_id, arrived_at, wake_at, context, entered_at)
       SELECT $1, $2, $3, c.id, 'bench:' || c.id, 'start', $4, $4::timestamptz + (row_number() OVER (ORDER BY c.id) - 1) * ($5::float8 / $6) * interval '1 millisecond',
         '{"visits":{"start":1},"arms":{}}', $4
       FROM (SELECT id FROM customer WHERE workspace_id = $1 AND status = 'active' ORDER BY id LIMIT $6) c`,
      [workspaceId, journey.id, version.id, t0, SPREAD_MS, CUSTOMERS],
    );
    console.log(
      `enrolled ${CUSTOMERS.toLocaleString()} customers in ${seconds(enrolStarted).toFixed(2)} s (one INSERT ... SELECT)`,
    );
    await journeys.resume(workspaceId, journey.id);

    // Phase 1: first steps due at a sustained rate over SPREAD_MS; every enrolment ends at the wait.
    const phase1 = process.hrtime.bigint();
    await waitFor(
      pool,
      `SELECT count(*)::integer AS n FROM enrollment WHERE journey_id = $1 AND node_id = 'wait'`,
      [journey.id],
      (n) => n === CUSTOMERS,
      'phase 1',
    );
    const phase1Seconds = seconds(phase1);
    const { rows: lateness } = await pool.query<{ ms: string }>(
      `SELECT extract(epoch FROM (processed_at - due_at)) * 1000 AS ms FROM enrollment_step s
       JOIN enrollment e ON e.id = s.enrollment_id WHERE e.journey_id = $1 AND s.from_node = 'start'`,
      [journey.id],
    );
    const late = lateness.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const { rows: phase1Steps } = await pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id WHERE e.journey_id = $1`,
      [journey.id],
    );
    console.log(
      `phase 1 (sustained): ${CUSTOMERS.toLocaleString()} enrolments due over ${SPREAD_MS / 1000} s ` +
        `(${Math.round(CUSTOMERS / (SPREAD_MS / 1000)).toLocaleString()}/s, ${Math.round(phase1Steps[0]!.n / (SPREAD_MS / 1000)).toLocaleString()} steps/s offered), ` +
        `done in ${phase1Seconds.toFixed(1)} s; lateness p50 ${percentile(late, 50).toFixed(0)} ms, p99 ${percentile(late, 99).toFixed(0)} ms, max ${late[late.length - 1]?.toFixed(0)} ms (ticker every ${TICK_MS} ms)`,
    );

    // Phase 2: a day passes at once; everyone is due together: raw throughput of the engine.
    const stepsBefore = phase1Steps[0]!.n;
    clock.skip(DAY);
    const phase2 = process.hrtime.bigint();
    await waitFor(
      pool,
      `SELECT count(*)::integer AS n FROM enrollment WHERE journey_id = $1 AND state = 'active'`,
      [journey.id],
      (n) => n === 0,
      'phase 2',
    );
    const phase2Seconds = seconds(phase2);
    const { rows: totals } = await pool.query<{ steps: number; messages: number; delivered: number; keys: number }>(
      `SELECT (SELECT count(*) FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id WHERE e.journey_id = $1)::integer AS steps,
              (SELECT count(*) FROM message WHERE journey_id = $1)::integer AS messages,
              (SELECT count(*) FROM message WHERE journey_id = $1 AND status = 'delivered')::integer AS delivered,
              (SELECT count(DISTINCT idempotency_key) FROM message WHERE journey_id = $1)::integer AS keys`,
      [journey.id],
    );
    const total = totals[0]!;
    const phase2Steps = total.steps - stepsBefore;
    const stepsPerSecond = phase2Steps / phase2Seconds;
    const overall = total.steps / (phase1Seconds + phase2Seconds);
    console.log(
      `phase 2 (burst): ${phase2Steps.toLocaleString()} steps in ${phase2Seconds.toFixed(1)} s = ${Math.round(stepsPerSecond).toLocaleString()} steps/s; ` +
        `all phases ${total.steps.toLocaleString()} steps (${Math.round(overall).toLocaleString()}/s averaged over both phases), ` +
        `${total.messages.toLocaleString()} messages (${total.delivered.toLocaleString()} delivered by the sandbox so far, ${total.keys === total.messages ? 'no' : 'SOME'} duplicate keys)`,
    );
    const outbox = process.hrtime.bigint();
    await waitFor(
      pool,
      `SELECT count(*)::integer AS n FROM message WHERE journey_id = $1 AND status = 'queued'`,
      [journey.id],
      (n) => n === 0,
      'outbox',
    );
    console.log(`outbox drained by the sandbox transport ${seconds(outbox).toFixed(1)} s after the last step`);
    await journeys.archive(workspaceId, journey.id);
    await context.close();
    // The bench database is kept between runs: this run's rows go.
    for (const table of ['enrollment_step', 'message', 'enrollment']) {
      const column = table === 'enrollment_step' ? 'version_id' : 'journey_id';
      await pool.query(`DELETE FROM ${table} WHERE ${column} = $1`, [
        table === 'enrollment_step' ? version.id : journey.id,
      ]);
    }

    console.log(
      `raw BullMQ, one no-op job per step, one worker (measured first, on the idle machine): ${Math.round(baseline).toLocaleString()} jobs/s`,
    );
    reportBench({ name: 'journeys', value: stepsPerSecond, unit: 'steps/s', baseline, better: 'higher' });
  } finally {
    await context.close().catch(() => undefined);
    await pool.end();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
