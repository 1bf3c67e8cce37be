/**
 * `npm run bench -- scale-out`: journey steps with 1, 2 and 3 worker processes (KIZUNA_ROLE=worker)
 * and two API processes (KIZUNA_ROLE=api) on one PostgreSQL and one Redis, all on this machine.
 *
 * The journey is the journeys benchmark's without its one-day wait (real processes run on real
 * time): event trigger -> 50/50 split -> branch on a profile condition (SQL per batch) -> email or
 * LINE send -> direct-mail send -> exit, published through the API with its templates, quiet hours
 * and frequency caps off. For each worker count, `CUSTOMERS` enrolments are written due at once
 * while the journey is paused; resuming it starts the clock, and steps per second run until every
 * enrolment has left. The customers have no consent, so each send is recorded as a suppressed
 * message in the step's transaction (delivery has its own benchmark, `email`).
 *
 * Meanwhile the bench scrapes /api/metrics of an API process every second, as Prometheus would:
 * the largest lateness of a due enrolment and the most step jobs waiting are printed per run.
 * Baseline: the same run with one worker. Processes' CPU is read from /proc to show what saturates.
 */
import { createPgPool, type Pool } from '@kizuna/db';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { reportBench, seconds } from './support/bench-report';
import { createBenchDatabase } from './support/bench-database';
import { createBenchWorkspace, startEngineProcess, type EngineProcess } from './support/engine-process';
import { backendCpu, backendCpuSince, peakMegabytes, schedstat } from './support/process-stats';
import { rule } from '../support/segment-rule';

const CUSTOMERS = Number(process.env.KIZUNA_BENCH_SCALE_CUSTOMERS ?? 60_000);
const WORKER_COUNTS = (process.env.KIZUNA_BENCH_SCALE_WORKERS ?? '1,2,3').split(',').map(Number);
const REDIS_URL = process.env.KIZUNA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const WORKER_POOL = '8';

function graph() {
  return {
    version: 1,
    nodes: [
      { id: 'start', type: 'trigger.event', config: { eventName: 'bench_scale_out', filters: [] } },
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
      { id: 'dm', type: 'send', config: { channel: 'dm', templateId: 'bench-dm' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'ab' },
      { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'women' },
      { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'line' },
      { id: 'e4', source: 'women', sourceHandle: 'yes', target: 'mail' },
      { id: 'e5', source: 'women', sourceHandle: 'else', target: 'line' },
      { id: 'e6', source: 'mail', target: 'dm' },
      { id: 'e7', source: 'line', target: 'dm' },
      { id: 'e8', source: 'dm', target: 'done' },
    ],
  };
}

function client(url: string, apiKey: string) {
  return async <T>(route: string, method = 'GET', json?: unknown): Promise<T> => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

const cpuSeconds = (pid: number) => schedstat(pid).running;
const runQueueSeconds = (pid: number) => schedstat(pid).waiting;

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function waitUntilDone(pool: Pool, journeyId: number, round: string): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM enrollment WHERE journey_id = $1 AND trigger_key LIKE $2 AND state = 'active'`,
      [journeyId, `${round}:%`],
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${round}: ${rows[0]!.n} enrolments still active after 20 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Round {
  workers: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  maxLatenessSeconds: number;
  maxWaitingJobs: number;
  workerCpu: number;
  apiCpu: number;
  databaseCpu: number;
  workerPeakMb: number;
  workerWaitForCpu: number;
  load: number;
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  if ((await redis.dbsize()) > 0)
    throw new Error(`${REDIS_URL} is not empty: set KIZUNA_BENCH_REDIS_URL to a free database`);
  const db = await createBenchDatabase('scale');
  const pool = createPgPool(db.url, { max: 2 });
  const apis: EngineProcess[] = [];
  let workers: EngineProcess[] = [];
  try {
    const workspace = await createBenchWorkspace(pool, 'bench');
    await pool.query(
      `INSERT INTO customer (workspace_id, gender) SELECT $1, CASE WHEN n % 3 = 0 THEN 'male' ELSE 'female' END
       FROM generate_series(1, $2) n`,
      [workspace.id, CUSTOMERS],
    );
    await pool.query('VACUUM ANALYZE customer');
    const common = { DATABASE_URL: db.url, REDIS_URL, LOG_LEVEL: 'warn' };
    apis.push(
      ...(await Promise.all(
        [1, 2].map(() => startEngineProcess({ ...common, KIZUNA_ROLE: 'api', KIZUNA_DB_POOL_SIZE: '4' })),
      )),
    );
    const [first, second] = [client(apis[0]!.url, workspace.apiKey), client(apis[1]!.url, workspace.apiKey)];
    const templates = {
      email: {
        channel: 'email',
        subject: '{{ customer.fullName }} 様',
        html: '<p>冬のご案内</p>',
        fallbacks: { 'customer.fullName': 'お客' },
      },
      line: { channel: 'line', messages: [{ type: 'text', text: '冬のご案内' }] },
      dm: { channel: 'dm', creativeId: 'winter' },
    };
    for (const [channel, content] of Object.entries(templates)) {
      const key = channel === 'email' ? 'bench-mail' : `bench-${channel}`;
      await first(`/api/v1/templates/${channel}/${key}`, 'PUT', { content });
    }
    await first('/api/v1/journeys/delivery-settings', 'PUT', {
      quietHours: null,
      frequencyCap: { perChannel: null, overall: null },
    });
    const journey = await first<{ id: number }>('/api/v1/journeys', 'POST', { name: 'scale-out', graph: graph() });
    await first(`/api/v1/journeys/${journey.id}/publish`, 'POST');
    const { rows: versions } = await pool.query<{ id: number }>(
      'SELECT id FROM journey_version WHERE journey_id = $1',
      [journey.id],
    );
    console.log(
      `${CUSTOMERS.toLocaleString()} enrolments per run; 2 API processes (pool 4), workers with pool ${WORKER_POOL}, ` +
        `4 step jobs at a time each, ticker every 200 ms, batches of 500; ${process.env.KIZUNA_BENCH_SCALE_NOTE ?? ''}`,
    );

    const rounds: Round[] = [];
    for (const count of WORKER_COUNTS) {
      await second(`/api/v1/journeys/${journey.id}/pause`, 'POST');
      workers = await Promise.all(
        Array.from({ length: count }, () =>
          startEngineProcess({ ...common, KIZUNA_ROLE: 'worker', KIZUNA_DB_POOL_SIZE: WORKER_POOL }),
        ),
      );
      const round = `scale-${count}`;
      // Each run leaves 60,000 finished enrolments and their updates behind: without this, a later
      // run pays for the earlier ones' dead rows (the first runs in both orders were the fastest).
      await pool.query('VACUUM ANALYZE enrollment, enrollment_step, message');
      await pool.query(
        `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, node_id, arrived_at, wake_at, context, entered_at)
         SELECT $1, $2, $3, c.id, $4 || ':' || c.id, 'start', now(), now(), '{"visits":{"start":1},"arms":{}}', now()
         FROM customer c WHERE c.workspace_id = $1`,
        [workspace.id, journey.id, versions[0]!.id, round],
      );
      await pool.query('ANALYZE enrollment');
      const cpuBefore = {
        workers: workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid!), 0),
        workersWaiting: workers.reduce((sum, w) => sum + runQueueSeconds(w.child.pid!), 0),
        apis: apis.reduce((sum, a) => sum + cpuSeconds(a.child.pid!), 0),
        database: await backendCpu(pool),
      };
      let maxLatenessSeconds = 0;
      let maxWaitingJobs = 0;
      const scraping = { on: true };
      const scraper = (async () => {
        while (scraping.on) {
          const text = await fetch(`${apis[0]!.url}/api/metrics`).then((r) => r.text());
          maxLatenessSeconds = Math.max(maxLatenessSeconds, sample(text, 'kizuna_journey_oldest_due_seconds'));
          maxWaitingJobs = Math.max(
            maxWaitingJobs,
            sample(text, 'kizuna_queue_jobs{queue="journey-steps",state="waiting"}'),
          );
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      })();
      const started = process.hrtime.bigint();
      await second(`/api/v1/journeys/${journey.id}/resume`, 'POST');
      await waitUntilDone(pool, journey.id, round);
      const elapsed = seconds(started);
      const databaseCpu = await backendCpuSince(pool, cpuBefore.database);
      scraping.on = false;
      await scraper;
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id
         WHERE e.journey_id = $1 AND e.trigger_key LIKE $2`,
        [journey.id, `${round}:%`],
      );
      const result: Round = {
        workers: count,
        steps: rows[0]!.n,
        seconds: elapsed,
        stepsPerSecond: rows[0]!.n / elapsed,
        maxLatenessSeconds,
        maxWaitingJobs,
        workerCpu: (workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid!), 0) - cpuBefore.workers) / elapsed,
        apiCpu: (apis.reduce((sum, a) => sum + cpuSeconds(a.child.pid!), 0) - cpuBefore.apis) / elapsed,
        databaseCpu: databaseCpu / elapsed,
        workerWaitForCpu:
          (workers.reduce((sum, w) => sum + runQueueSeconds(w.child.pid!), 0) - cpuBefore.workersWaiting) / elapsed,
        workerPeakMb: Math.max(...workers.map((w) => peakMegabytes(w.child.pid!))),
        load: loadavg()[0]!,
      };
      rounds.push(result);
      console.log(
        `${count} worker${count > 1 ? 's' : ''}: ${result.steps.toLocaleString()} steps in ${elapsed.toFixed(1)} s = ` +
          `${Math.round(result.stepsPerSecond).toLocaleString()} steps/s; workers ran on ${result.workerCpu.toFixed(2)} cores ` +
          `and waited for a free core ${result.workerWaitForCpu.toFixed(2)} s per second, ` +
          `API processes ${result.apiCpu.toFixed(2)}, PostgreSQL backends ${result.databaseCpu.toFixed(2)}; peak worker memory ${Math.round(result.workerPeakMb)} MB; oldest due enrolment at most ${maxLatenessSeconds.toFixed(1)} s late, ` +
          `at most ${maxWaitingJobs} step jobs waiting (/api/metrics); load average ${result.load.toFixed(1)}`,
      );
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
    }
    const { rows: keys } = await pool.query<{ messages: number; keys: number }>(
      `SELECT count(*)::integer AS messages, count(DISTINCT idempotency_key)::integer AS keys FROM message`,
    );
    console.log(
      `messages ${keys[0]!.messages.toLocaleString()} (${keys[0]!.keys === keys[0]!.messages ? 'no' : 'SOME'} duplicate keys)`,
    );
    // KIZUNA_BENCH_SCALE_WORKERS=3,2,1 runs the counts in the other order (the machine's load drifts).
    const byWorkers = [...rounds].sort((a, b) => a.workers - b.workers);
    const base = byWorkers[0]!;
    const most = byWorkers[byWorkers.length - 1]!;
    reportBench({
      name: 'scale-out',
      value: most.stepsPerSecond,
      unit: 'steps/s',
      baseline: base.stepsPerSecond,
      better: 'higher',
    });
  } finally {
    await Promise.all([...workers, ...apis].map((p) => p.stop()));
    await pool.end();
    await db.drop();
    await redis.flushdb();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
