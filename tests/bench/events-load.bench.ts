/**
 * `npm run bench -- events-load`: POST /api/v1/events under load on loopback, from a load
 * generator in a second process (keep-alive connections; tests/bench/support/events-load-generator.ts).
 * The engine runs as production runs it: its own process, KIZUNA_ROLE=api, BullMQ on Redis,
 * LOG_LEVEL info (a log line per request), on a fresh database of its own with 20,000 customers
 * created first through the customers API (events then find their customer, as on a live site).
 *
 * - Throughput: as many requests as `CONNECTIONS` keep-alive connections carry, batches of
 *   `EVENTS_PER_REQUEST` events; events accepted per second.
 * - Sustained: half that request rate (autocannon's overallRate, one request per second per
 *   connection at most); p50/p99 latency corrected for coordinated omission.
 * - Nothing lost: the events stored equal the events the answers accepted (every event id is unique).
 * - Baseline, in the same run: a node:http server that reads and parses the JSON and answers 202
 *   (support/minimal-events-server.ts), under the same throughput phase.
 */
import { createPgPool } from '@kizuna/db';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { reportBench } from './support/bench-report';
import { createBenchDatabase } from './support/bench-database';
import { createBenchWorkspace, startEngineProcess } from './support/engine-process';
import type { LoadPhase, LoadResult } from './support/events-load-generator';
import { backendCpu, backendCpuSince, sampleBackends, schedstat } from './support/process-stats';

const CONNECTIONS = Number(process.env.KIZUNA_BENCH_EVENTS_CONNECTIONS ?? 16);
const EVENTS_PER_REQUEST = Number(process.env.KIZUNA_BENCH_EVENTS_PER_REQUEST ?? 100);
const PHASE_MS = Number(process.env.KIZUNA_BENCH_EVENTS_PHASE_MS ?? 20_000);
const CUSTOMERS = 20_000;
const REDIS_URL = process.env.KIZUNA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const register = path.join(__dirname, '../../tools/register-typescript.cjs');

function forkSupport(file: string): ChildProcess {
  return fork(path.join(__dirname, 'support', file), [], { execArgv: ['-r', register] });
}

function generator() {
  const child = forkSupport('events-load-generator.ts');
  return {
    run: (phase: LoadPhase) =>
      new Promise<LoadResult>((resolve, reject) => {
        child.once('message', (result) => resolve(result as LoadResult));
        child.once('exit', () => reject(new Error('the load generator exited')));
        child.send(phase);
      }),
    stop: () => child.send('stop'),
  };
}

async function minimalServer(): Promise<{ url: string; stop: () => void }> {
  const child = forkSupport('minimal-events-server.ts');
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', () => reject(new Error('the minimal server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.send('stop') };
}

function describe(label: string, result: LoadResult): string {
  const { p50, p90, p99, max } = result.latencyMs;
  return (
    `${label}: ${result.requests.toLocaleString()} requests in ${result.seconds.toFixed(1)} s = ` +
    `${Math.round(result.requests / result.seconds).toLocaleString()} requests/s, ` +
    `${Math.round(result.accepted / result.seconds).toLocaleString()} events/s; latency p50 ${p50.toFixed(1)} ms, ` +
    `p90 ${p90.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(0)} ms; statuses ${JSON.stringify(result.statuses)}` +
    (result.errors ? `, ${result.errors} connection errors` : '')
  );
}

async function createCustomers(url: string, apiKey: string): Promise<void> {
  for (let start = 0; start < CUSTOMERS; start += 1_000) {
    const customers = Array.from({ length: 1_000 }, (_, i) => ({
      customerId: `LOAD${start + i}`,
      email: `load${start + i}@example.jp`,
    }));
    const response = await fetch(`${url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'ec', customers }),
    });
    if (!response.ok) throw new Error(`creating customers: ${response.status} ${await response.text()}`);
  }
}

async function main(): Promise<void> {
  // A logical database of its own (the engine has no key prefix setting), emptied at the end.
  const redis = new Redis(REDIS_URL);
  if ((await redis.dbsize()) > 0)
    throw new Error(`${REDIS_URL} is not empty: set KIZUNA_BENCH_REDIS_URL to a free database`);
  const db = await createBenchDatabase('events');
  const pool = createPgPool(db.url, { max: 1 });
  const load = generator();
  const baselineServer = await minimalServer();
  let engine: Awaited<ReturnType<typeof startEngineProcess>> | undefined;
  try {
    const workspace = await createBenchWorkspace(pool, 'bench');
    const phase = (url: string, extra: Partial<LoadPhase>, tag: string): LoadPhase => ({
      url,
      apiKey: workspace.apiKey,
      mode: 'closed',
      connections: CONNECTIONS,
      durationMs: PHASE_MS,
      eventsPerRequest: EVENTS_PER_REQUEST,
      customers: CUSTOMERS,
      tag: `${tag}-${Date.now()}`,
      ...extra,
    });
    console.log(
      `${CONNECTIONS} keep-alive connections, ${EVENTS_PER_REQUEST} events per request, phases of ${PHASE_MS / 1000} s`,
    );

    const baseline = await load.run(phase(baselineServer.url, {}, 'baseline'));
    console.log(describe('baseline (node:http + JSON.parse, 202)', baseline));
    baselineServer.stop();

    engine = await startEngineProcess({
      DATABASE_URL: db.url,
      REDIS_URL,
      KIZUNA_ROLE: 'api',
      KIZUNA_DB_POOL_SIZE: '10',
      // Capacity, not policy: the per-workspace limit of the events API (100 requests/s) is off.
      KIZUNA_RATE_LIMIT_EVENTS: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    });
    await createCustomers(engine.url, workspace.apiKey);
    // Phases against the engine send a fixed number of requests (autocannon's `amount`), so that
    // none is cut off in flight at the end and the stored count must equal the accepted one.
    const warmUp = await load.run(phase(engine.url, { amount: 100 }, 'warm-up'));
    console.log(describe('Kizuna warm-up', warmUp));
    const enginePid = engine.child.pid!;
    const before = { engine: schedstat(enginePid), database: await backendCpu(pool) };
    const sampler = sampleBackends(pool);
    const warmUpRate = warmUp.requests / warmUp.seconds;
    const throughput = await load.run(
      phase(engine.url, { amount: Math.max(CONNECTIONS, Math.round((warmUpRate * PHASE_MS) / 1000)) }, 'throughput'),
    );
    const after = schedstat(enginePid);
    const backendStates = await sampler.stop();
    const databaseCpu = await backendCpuSince(pool, before.database);
    console.log(describe('Kizuna throughput', throughput));
    // Where a request's time goes: CPU of the engine process and of its PostgreSQL backends per
    // request, and how long the engine waited for a free core (the machine is shared).
    const perRequest = (value: number) => `${((value / throughput.requests) * 1000).toFixed(1)} ms`;
    console.log(
      `  per request of ${EVENTS_PER_REQUEST} events: engine CPU ${perRequest(after.running - before.engine.running)}, ` +
        `PostgreSQL backends CPU ${perRequest(databaseCpu)}; the engine waited for a free core ` +
        `${((after.waiting - before.engine.waiting) / throughput.seconds).toFixed(2)} s per second`,
    );
    const samples = Object.values(backendStates).reduce((sum, n) => sum + n, 0) || 1;
    console.log(
      `  busy PostgreSQL backends, sampled every 100 ms: ` +
        Object.entries(backendStates)
          .sort((a, b) => b[1] - a[1])
          .map(([what, n]) => `${what} ${Math.round((n / samples) * 100)} %`)
          .join(', '),
    );
    // autocannon splits an overall rate over the connections in whole requests per second; a rate
    // that does not divide evenly makes some connections finish early and the rate sag, so the
    // rate is a multiple of the connections, one connection per request per second up to 64.
    const wanted = Math.max(1, Math.round((throughput.requests / throughput.seconds) * 0.5));
    const connections = Math.min(64, wanted);
    const rate = connections * Math.max(1, Math.round(wanted / connections));
    const sustained = await load.run(
      phase(engine.url, { mode: 'rate', rate, connections, amount: Math.round((rate * PHASE_MS) / 1000) }, 'sustained'),
    );
    console.log(describe(`Kizuna sustained at ${rate} requests/s (half the throughput)`, sustained));

    const accepted = warmUp.accepted + throughput.accepted + sustained.accepted;
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM event');
    const stored = rows[0]!.n;
    console.log(
      `events accepted ${accepted.toLocaleString()}, stored ${stored.toLocaleString()}: ` +
        (stored === accepted ? 'none lost' : `MISMATCH (${stored - accepted})`),
    );
    const metrics = await (await fetch(`${engine.url}/api/metrics`)).text();
    console.log(
      metrics
        .split('\n')
        .filter((line) => line.startsWith('kizuna_http_requests_total{method="POST",route="/api/v1/events"'))
        .join('\n'),
    );
    const failures = [warmUp, throughput, sustained].some(
      (result) => result.errors > 0 || Object.keys(result.statuses).some((status) => status !== '202'),
    );
    if (stored !== accepted || failures) {
      console.error('FAILED: events lost, or requests not answered 202');
      process.exitCode = 1;
    }
    reportBench({
      name: 'events-load',
      value: throughput.accepted / throughput.seconds,
      unit: 'events/s',
      baseline: baseline.accepted / baseline.seconds,
      better: 'higher',
    });
  } finally {
    await engine?.stop();
    load.stop();
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
