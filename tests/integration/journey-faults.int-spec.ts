import { ManualClock } from '@kizuna/shared';
import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JOB_QUEUE, type JobQueue } from '../../apps/engine/src/infrastructure/queue/job-queue.port';
import { QueueName } from '../../apps/engine/src/infrastructure/queue/queue-definitions';
import { EnrollmentRepository } from '../../apps/engine/src/journeys/enrollment.repository';
import { JourneyTicker } from '../../apps/engine/src/journeys/journey-ticker';
import { EnrolFromTriggersUseCase } from '../../apps/engine/src/journeys/use-cases/enrol-from-triggers.use-case';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { twoEmailsJourney } from '../support/journey-fixtures';
import { testRedisUrl } from '../support/test-environment';

const repositoryRoot = path.resolve(__dirname, '../..');
const DAY = 86_400_000;

/** Customers per child-process scenario: 15 step jobs of 200 per phase, several seconds of work for one worker. */
const CUSTOMERS = 3_000;
const BATCH_SIZE = 200;
/** One secret for every process of a deployment (links signed by a worker are checked by the API). */
const SECRET_KEY = randomBytes(32).toString('base64');

// ---------------------------------------------------------------------------------------------
// Redis: the engine has no key-prefix setting, so each test takes a logical database of its own.
// ---------------------------------------------------------------------------------------------

const REDIS_CLAIM_KEY = 'kizuna-test:journey-faults';

interface RedisDatabase {
  url: string;
  redis: Redis;
  /** FLUSHDB of this database only, keeping the claim so no other run takes it meanwhile. */
  flush(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Claims an empty logical database among 15 down to 10 (0 is developers' engines, 9 the journeys
 * benchmark's) by setting a key with NX: another run of this file, or anyone's data, makes us
 * move on to the next one.
 */
async function claimRedisDatabase(): Promise<RedisDatabase> {
  for (let db = 15; db >= 10; db--) {
    const url = new URL(testRedisUrl);
    url.pathname = `/${db}`;
    const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    const claimed = await redis.set(REDIS_CLAIM_KEY, String(process.pid), 'EX', 600, 'NX');
    if (claimed === 'OK' && (await redis.dbsize()) === 1) {
      const claim = () => redis.set(REDIS_CLAIM_KEY, String(process.pid), 'EX', 600);
      return {
        url: url.toString(),
        redis,
        flush: async () => {
          await redis.flushdb();
          await claim();
        },
        release: async () => {
          await redis.flushdb();
          redis.disconnect();
        },
      };
    }
    if (claimed === 'OK') await redis.del(REDIS_CLAIM_KEY);
    redis.disconnect();
  }
  throw new Error('no empty Redis logical database (10-15) to run the journey fault tests in');
}

// ---------------------------------------------------------------------------------------------
// Engine worker processes, started as `npm start` starts the engine (TypeScript through SWC).
// ---------------------------------------------------------------------------------------------

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Enrolments this process's ticker claimed (its debug log "due enrolments queued"). */
  claimed(): number;
  /** The last lines of its output, for failure messages. */
  tail(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const running: WorkerProcess[] = [];

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** A worker process (no HTTP work, all queue processors and the ticker); resolves once it is running. */
async function startWorker(name: string, env: Record<string, string>): Promise<WorkerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-faults-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    KIZUNA_ROLE: 'worker',
    KIZUNA_DEMO: 'off',
    KIZUNA_DATA_DIR: dataDir,
    KIZUNA_DB_POOL_SIZE: '6',
    KIZUNA_PERIODIC_TASKS: 'on',
    KIZUNA_JOURNEY_TICK_MS: '200',
    KIZUNA_JOURNEY_BATCH_SIZE: String(BATCH_SIZE),
    KIZUNA_JOURNEY_LEASE_MS: '60000',
    KIZUNA_SECRET_KEY: SECRET_KEY,
    LOG_LEVEL: 'debug',
    KIZUNA_LOG_FORMAT: 'json',
    ...env,
  };
  if (!env.REDIS_URL) delete childEnv.REDIS_URL;
  const child = spawn(process.execPath, ['-r', './tools/register-typescript.cjs', 'apps/engine/src/main.ts'], {
    cwd: repositoryRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let claimed = 0;
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const onLine = (line: string) => {
    if (line.includes('due enrolments queued')) {
      claimed += (JSON.parse(line) as { claimed: number }).claimed;
      return;
    }
    if (line.includes('Kizuna is running')) readyResolve();
    // Debug lines are many; errors and warnings are what a failure needs.
    if (line.includes('"level":20')) return;
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const split = (partial + chunk).split('\n');
      partial = split.pop()!;
      split.forEach(onLine);
    });
  }
  const worker: WorkerProcess = {
    name,
    child,
    claimed: () => claimed,
    tail: () => `--- ${name} (pid ${child.pid}) ---\n${lines.slice(-30).join('\n')}`,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited(child);
    },
  };
  running.push(worker);
  void exited(child).then(() => rmSync(dataDir, { recursive: true, force: true }));
  const died = exited(child).then(() => {
    throw new Error(`${name} exited before it was running\n${worker.tail()}`);
  });
  const late = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${name} not running after 60 s\n${worker.tail()}`)), 60_000).unref(),
  );
  await Promise.race([ready, died, late]);
  return worker;
}

/** Polls until `probe` returns a value; the error names what was awaited, the last value seen and the workers' logs. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    last = value;
    if (Date.now() > deadline) {
      const logs = running.map((w) => w.tail()).join('\n');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The journey, its customers and what is asserted of them.
// ---------------------------------------------------------------------------------------------

const twoEmailsGraph = twoEmailsJourney('fault_drill');
const TWO_EMAILS_PATH = [
  {
    path: 'start:next:hello hello:next:wait wait:next:follow-up follow-up:next:done done:exit:-',
    enrolments: CUSTOMERS,
  },
];

async function api<T>(
  test: TestEngine,
  workspace: TestWorkspace,
  route: string,
  init: RequestInit & { json?: unknown } = {},
) {
  const response = await test.api(workspace, route, init);
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Publishes the graph in a workspace without quiet hours or frequency caps: the child processes
 * run on the system clock, and a run at night or a third email in a week must not hold or
 * suppress a send.
 */
async function publishJourney(test: TestEngine, workspace: TestWorkspace, graph: unknown): Promise<number> {
  // Publishing checks that each send's template exists for its channel.
  for (const key of ['hello', 'follow-up']) {
    await api(test, workspace, `/api/v1/templates/email/${key}`, {
      method: 'PUT',
      json: { content: { channel: 'email', subject: key, html: `<p>${key}</p>` } },
    });
  }
  await api(test, workspace, '/api/v1/journeys/delivery-settings', {
    method: 'PUT',
    json: { quietHours: null, frequencyCap: { perChannel: null, overall: null } },
  });
  const journey = await api<{ id: number; issues: unknown[] }>(test, workspace, '/api/v1/journeys', {
    method: 'POST',
    json: { name: 'Fault drill', graph },
  });
  expect(journey.issues).toEqual([]);
  await api(test, workspace, `/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
  return journey.id;
}

/**
 * `count` customers with an email address and email consent, inserted set-based, in id order;
 * every other one (the 1st, 3rd...) is gold.
 */
async function seedCustomers(test: TestEngine, workspaceId: number, count: number): Promise<number[]> {
  const { rows } = await test.db.pool.query<{ id: number }>(
    `INSERT INTO customer (workspace_id, attributes)
     SELECT $1, jsonb_build_object('tier', CASE WHEN n % 2 = 1 THEN 'gold' ELSE 'silver' END)
     FROM generate_series(1, $2) AS n ORDER BY n RETURNING id`,
    [workspaceId, count],
  );
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  await test.db.pool.query(
    `INSERT INTO customer_identity (workspace_id, customer_id, kind, source, value)
     SELECT $1, id, 'email', 'test', 'c' || id || '@example.jp' FROM unnest($2::integer[]) AS id`,
    [workspaceId, ids],
  );
  await test.db.pool.query(
    `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
     SELECT $1, id, 'email', 'granted', 'test', '2026-01-01T00:00:00Z' FROM unnest($2::integer[]) AS id`,
    [workspaceId, ids],
  );
  return ids;
}

/** Stores a `fault_drill` event per customer at `at`, then runs the real event trigger pass. */
async function enrolByEvent(test: TestEngine, workspaceId: number, customerIds: number[], at: Date): Promise<number> {
  await test.db.pool.query(
    `INSERT INTO event (workspace_id, customer_id, name, occurred_at, received_at, source, external_id)
     SELECT $1, id, 'fault_drill', $3, $3, 'test', 'drill-' || id || '-' || $4 FROM unnest($2::integer[]) AS id`,
    [workspaceId, customerIds, at, at.getTime()],
  );
  return test.engine.app.get(EnrolFromTriggersUseCase).events(workspaceId);
}

interface Progress {
  atStart: number;
  atWait: number;
  completed: number;
  leased: number;
}

async function progress(test: TestEngine, journeyId: number): Promise<Progress> {
  const { rows } = await test.db.pool.query<Progress>(
    `SELECT count(*) FILTER (WHERE state = 'active' AND node_id = 'start')::integer AS "atStart",
       count(*) FILTER (WHERE state = 'active' AND node_id = 'wait')::integer AS "atWait",
       count(*) FILTER (WHERE state = 'completed')::integer AS completed,
       count(*) FILTER (WHERE lease_token IS NOT NULL)::integer AS leased
     FROM enrollment WHERE journey_id = $1`,
    [journeyId],
  );
  return rows[0]!;
}

const phaseOneDone = (test: TestEngine, journeyId: number, n: number, timeoutMs: number) =>
  waitFor(
    `all ${n} enrolments to reach the wait`,
    async () => {
      const p = await progress(test, journeyId);
      return p.atWait === n ? p : undefined;
    },
    timeoutMs,
  );

const allCompleted = (test: TestEngine, journeyId: number, n: number, timeoutMs: number) =>
  waitFor(
    `all ${n} enrolments to complete`,
    async () => {
      const p = await progress(test, journeyId);
      return p.completed === n ? p : undefined;
    },
    timeoutMs,
  );

/**
 * The minute of the wait passes: the enrolments waiting there become due now. Only `wake_at` is
 * read when an enrolment is woken at a wait it already entered (advanceEnrollment, `fresh`
 * false), so this is what a minute of real time would change, without the test sleeping for it.
 */
async function endTheWait(test: TestEngine, journeyId: number): Promise<number> {
  const { rowCount } = await test.db.pool.query(
    `UPDATE enrollment SET wake_at = now() - interval '1 second'
     WHERE journey_id = $1 AND state = 'active' AND node_id = 'wait'`,
    [journeyId],
  );
  return rowCount ?? 0;
}

/**
 * Exactly once, whatever happened on the way: every enrolment completed along its path with each
 * transition recorded once, and each send node put one message per enrolment in the outbox (a
 * send, not suppressed), under an idempotency key of its own. Delivery is the channels module's
 * part and is left out: a send job lost with Redis waits for its own lease (10 minutes).
 */
async function expectExactlyOnce(
  test: TestEngine,
  journeyId: number,
  customerIds: number[],
  paths: { path: string; enrolments: number }[],
) {
  const n = customerIds.length;
  const db = test.db.pool;
  const enrolments = await db.query(
    `SELECT state, exit_reason, lease_token, count(*)::integer AS count, count(DISTINCT customer_id)::integer AS customers
     FROM enrollment WHERE journey_id = $1 GROUP BY 1, 2, 3`,
    [journeyId],
  );
  expect(enrolments.rows).toEqual([
    { state: 'completed', exit_reason: 'completed', lease_token: null, count: n, customers: n },
  ]);
  const taken = await db.query(
    `SELECT path, count(*)::integer AS enrolments FROM (
       SELECT string_agg(from_node || ':' || handle || ':' || coalesce(to_node, '-'), ' ' ORDER BY s.id) AS path
       FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id WHERE e.journey_id = $1
       GROUP BY s.enrollment_id) p
     GROUP BY path ORDER BY path`,
    [journeyId],
  );
  expect(taken.rows).toEqual(paths);
  const messages = await db.query(
    `SELECT node_id, suppression_reason, count(*)::integer AS count, count(DISTINCT enrollment_id)::integer AS enrolments,
       count(DISTINCT customer_id)::integer AS customers, count(DISTINCT idempotency_key)::integer AS keys
     FROM message WHERE journey_id = $1 GROUP BY 1, 2 ORDER BY 1`,
    [journeyId],
  );
  expect(messages.rows).toEqual(
    ['follow-up', 'hello'].map((node) => ({
      node_id: node,
      suppression_reason: null,
      count: n,
      enrolments: n,
      customers: n,
      keys: n,
    })),
  );
  const { rows: perCustomer } = await db.query<{ customer_id: number; count: number }>(
    `SELECT c.id AS customer_id, count(m.id)::integer AS count FROM unnest($2::integer[]) AS c(id)
     LEFT JOIN message m ON m.customer_id = c.id AND m.journey_id = $1 GROUP BY c.id HAVING count(m.id) <> 2`,
    [journeyId, customerIds],
  );
  expect(perCustomer).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

/**
 * Faults a production deployment meets (a worker killed mid-batch, Redis emptied, two engine
 * processes on one database, the clock jumping after downtime), against the real PostgreSQL and
 * Redis with worker processes started as child processes. Each test asserts the same thing at
 * the end: every enrolment completes, each transition and each message exactly once.
 */
describe('Journey engine under faults', () => {
  let test: TestEngine | undefined;
  let redisDb: RedisDatabase | undefined;

  /** The API process of the deployment (in this process), on a fresh database and its own Redis database. */
  async function startApi(): Promise<{ test: TestEngine; redisDb: RedisDatabase; shop: TestWorkspace }> {
    redisDb = await claimRedisDatabase();
    test = await startTestEngine({ KIZUNA_ROLE: 'api', REDIS_URL: redisDb.url, KIZUNA_SECRET_KEY: SECRET_KEY });
    const shop = await test.createWorkspace('fault-shop');
    return { test, redisDb, shop };
  }

  afterEach(async () => {
    try {
      for (const worker of running.splice(0)) await worker.kill('SIGKILL');
      await test?.stop();
    } finally {
      await redisDb?.release();
      test = undefined;
      redisDb = undefined;
    }
  });

  it('completes every enrolment exactly once after a worker is SIGKILLed in the middle of a batch', async () => {
    const { test, redisDb, shop } = await startApi();
    const journeyId = await publishJourney(test, shop, twoEmailsGraph);
    const customers = await seedCustomers(test, shop.id, CUSTOMERS);
    expect(await enrolByEvent(test, shop.id, customers, new Date())).toBe(CUSTOMERS);

    const env = { DATABASE_URL: test.db.url, REDIS_URL: redisDb.url, KIZUNA_JOURNEY_LEASE_MS: '2000' };
    const first = await startWorker('worker-1', {
      ...env,
      DATABASE_URL: withApplicationName(test.db.url, 'kizuna-worker-1'),
    });
    // Killed while a step transaction has written part of its batch (transitions, messages or
    // positions) and not committed: PostgreSQL rolls that batch back when the connection dies.
    const atKill = await waitFor(
      'worker-1 to be writing a batch after some enrolments moved',
      async () => {
        const [p, writing] = await Promise.all([
          progress(test, journeyId),
          batchesBeingWritten(test, 'kizuna-worker-1'),
        ]);
        return p.atStart < CUSTOMERS && p.atStart > 0 && writing > 0 ? { ...p, writing } : undefined;
      },
      30_000,
      2,
    );
    await first.kill('SIGKILL');
    const leftBehind = await progress(test, journeyId);
    expect(atKill.writing).toBeGreaterThan(0);
    // Claimed by the dead worker and not moved: only a lease running out frees them.
    expect(leftBehind.leased).toBeGreaterThan(0);
    expect(leftBehind.atStart).toBeGreaterThan(0);

    await startWorker('worker-2', env);
    await phaseOneDone(test, journeyId, CUSTOMERS, 30_000);
    expect(await endTheWait(test, journeyId)).toBe(CUSTOMERS);
    await allCompleted(test, journeyId, CUSTOMERS, 30_000);
    await expectExactlyOnce(test, journeyId, customers, TWO_EMAILS_PATH);
  }, 100_000);

  it('completes every enrolment exactly once when the queue Redis database is flushed mid-run', async () => {
    const { test, redisDb, shop } = await startApi();
    const journeyId = await publishJourney(test, shop, twoEmailsGraph);
    const customers = await seedCustomers(test, shop.id, CUSTOMERS);
    expect(await enrolByEvent(test, shop.id, customers, new Date())).toBe(CUSTOMERS);

    await startWorker('worker', { DATABASE_URL: test.db.url, REDIS_URL: redisDb.url, KIZUNA_JOURNEY_LEASE_MS: '2000' });
    // The API process shares the workers' Redis database: its queue port sees their step jobs.
    const stepJobs = async () => {
      const counts = await test.engine.app.get<JobQueue>(JOB_QUEUE).counts(QueueName.JourneySteps);
      return counts.waiting + counts.active;
    };
    const flushOnce = async (phase: string, moved: (p: Progress) => number) => {
      await waitFor(
        `claimed enrolments with step jobs in Redis, some but not all moved (${phase})`,
        async () => {
          const [p, jobs] = await Promise.all([progress(test, journeyId), stepJobs()]);
          return moved(p) > 0 && moved(p) < CUSTOMERS && p.leased > 0 && jobs > 0 ? { ...p, jobs } : undefined;
        },
        30_000,
        5,
      );
      // Waiting and active jobs are gone, locks included; the claims stay in PostgreSQL until their lease ends.
      await redisDb.flush();
    };
    await flushOnce('first email', (p) => CUSTOMERS - p.atStart);
    await phaseOneDone(test, journeyId, CUSTOMERS, 30_000);

    expect(await endTheWait(test, journeyId)).toBe(CUSTOMERS);
    await flushOnce('second email', (p) => p.completed);
    await allCompleted(test, journeyId, CUSTOMERS, 30_000);
    await expectExactlyOnce(test, journeyId, customers, TWO_EMAILS_PATH);
  }, 100_000);

  it('never moves an enrolment twice with two engine processes (BullMQ and in-process queue) on one database', async () => {
    const { test, redisDb, shop } = await startApi();
    const journeyId = await publishJourney(test, shop, twoEmailsGraph);
    const customers = await seedCustomers(test, shop.id, CUSTOMERS);
    // Small batches, so one tick claims at most 16 x 50 enrolments and the two tickers contend.
    const env = { DATABASE_URL: test.db.url, KIZUNA_JOURNEY_BATCH_SIZE: '50' };
    const [bullmq, inline] = await Promise.all([
      startWorker('worker-bullmq', { ...env, REDIS_URL: redisDb.url }),
      startWorker('worker-inline', env),
    ]);
    // Either this process or a worker's trigger catch-up enrols them: whoever holds the trigger row.
    await enrolByEvent(test, shop.id, customers, new Date());
    await phaseOneDone(test, journeyId, CUSTOMERS, 30_000);
    expect(await endTheWait(test, journeyId)).toBe(CUSTOMERS);
    await allCompleted(test, journeyId, CUSTOMERS, 30_000);
    await expectExactlyOnce(test, journeyId, customers, TWO_EMAILS_PATH);
    // Both processes dispatch the outbox too (no fault here): each message is sent once, by one of them.
    const sent = await waitFor(
      'every message to be sent (sandbox: delivered)',
      async () => {
        const { rows } = await test.db.pool.query<{ status: string; attempts: number; count: number }>(
          `SELECT status, attempts, count(*)::integer AS count FROM message WHERE journey_id = $1 GROUP BY 1, 2`,
          [journeyId],
        );
        return rows.length === 1 && rows[0]!.status === 'delivered' ? rows : undefined;
      },
      30_000,
    );
    expect(sent).toEqual([{ status: 'delivered', attempts: 1, count: 2 * CUSTOMERS }]);

    // Leases (60 s) never ran out: each enrolment was claimed once per step, by one process.
    const claims = { bullmq: bullmq.claimed(), inline: inline.claimed() };
    expect(claims.bullmq + claims.inline).toBe(2 * CUSTOMERS);
    // Both took part: otherwise this would prove nothing about two processes.
    expect(Math.min(claims.bullmq, claims.inline)).toBeGreaterThan(0);
  }, 100_000);

  it('after a 30-day clock jump claims bounded batches, earliest due first, and completes each enrolment once', async () => {
    const clock = new ManualClock('2027-03-01T01:00:00Z');
    const engine = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off', KIZUNA_JOURNEY_BATCH_SIZE: '100' }, { clock });
    test = engine;
    const shop = await engine.createWorkspace('clock-shop');
    // Gold customers wait 12 hours, the others a day: enrolment ids interleave the two, so the
    // order of wake times is not the order of ids (nor of rows on disk).
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'fault_drill', filters: [] } },
        { id: 'hello', type: 'send', config: { channel: 'email', templateId: 'hello' } },
        {
          id: 'is-gold',
          type: 'branch',
          config: {
            conditions: [
              {
                id: 'gold',
                rule: {
                  version: 1,
                  root: {
                    type: 'group',
                    combinator: 'and',
                    rules: [{ type: 'attribute', field: 'attributes.tier', operator: 'eq', value: 'gold' }],
                  },
                },
              },
            ],
          },
        },
        { id: 'wait-12h', type: 'wait', config: { mode: 'duration', duration: { amount: 12, unit: 'hours' } } },
        { id: 'wait-1d', type: 'wait', config: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
        { id: 'follow-up', type: 'send', config: { channel: 'email', templateId: 'follow-up' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'hello' },
        { id: 'b', source: 'hello', target: 'is-gold' },
        { id: 'c', source: 'is-gold', sourceHandle: 'gold', target: 'wait-12h' },
        { id: 'd', source: 'is-gold', sourceHandle: 'else', target: 'wait-1d' },
        { id: 'e', source: 'wait-12h', target: 'follow-up' },
        { id: 'f', source: 'wait-1d', target: 'follow-up' },
        { id: 'g', source: 'follow-up', target: 'done' },
      ],
    };
    const journeyId = await publishJourney(engine, shop, graph);
    const total = 2_000;
    const customers = await seedCustomers(engine, shop.id, total);
    const queue = engine.engine.app.get<JobQueue>(JOB_QUEUE);
    const ticker = engine.engine.app.get(JourneyTicker);
    const idle = () =>
      waitFor(
        'the step jobs to finish',
        async () => {
          const c = await queue.counts(QueueName.JourneySteps);
          return c.waiting + c.active + c.delayed === 0 ? true : undefined;
        },
        20_000,
        5,
      );
    /** Ticks until nothing is due at the clock's time, as the periodic ticker would. */
    const drain = async () => {
      while ((await ticker.tick()) > 0) await idle();
      await idle();
    };

    // 20 groups of 100 enter 3 minutes apart: 40 distinct wake times, 50 enrolments each.
    const start = clock.now().getTime();
    for (let group = 0; group < 20; group++) {
      clock.set(new Date(start + group * 3 * 60_000));
      const members = customers.slice(group * 100, group * 100 + 100);
      expect(await enrolByEvent(engine, shop.id, members, clock.now())).toBe(100);
      await drain();
    }
    const { rows: waiting } = await engine.db.pool.query<{ id: string; wake_at: Date }>(
      `SELECT id::text, wake_at FROM enrollment WHERE journey_id = $1 AND state = 'active' ORDER BY id`,
      [journeyId],
    );
    expect(waiting).toHaveLength(total);
    const wakeAt = new Map(waiting.map((e) => [e.id, e.wake_at.getTime()]));
    const perWakeTime = new Map<number, number>();
    for (const at of wakeAt.values()) perWakeTime.set(at, (perWakeTime.get(at) ?? 0) + 1);
    expect([...perWakeTime.values()]).toEqual(Array<number>(40).fill(50));

    const repository = engine.engine.app.get(EnrollmentRepository);
    const claims: { limit: number; ids: string[] }[] = [];
    const claimDue = repository.claimDue.bind(repository);
    jest.spyOn(repository, 'claimDue').mockImplementation(async (now, limit, leaseMs, token) => {
      const ids = await claimDue(now, limit, leaseMs, token);
      // The ids arrive as numbers (the pool parses int8), whatever the declared type says.
      claims.push({ limit, ids: ids.map(String) });
      return ids;
    });
    const jobs: string[][] = [];
    const enqueue = queue.enqueue.bind(queue);
    jest.spyOn(queue, 'enqueue').mockImplementation(async (name, payload, options) => {
      if (name === QueueName.JourneySteps)
        jobs.push((payload as { enrollmentIds: string[] }).enrollmentIds.map(String));
      return enqueue(name, payload, options);
    });

    const jumpedTo = clock.advance(30 * DAY);
    await drain();

    // Bounded: claims of at most 4 batches (400), jobs of one batch (100); each enrolment claimed once.
    const claimed = claims.filter((c) => c.ids.length > 0);
    expect(new Set(claims.map((c) => c.limit))).toEqual(new Set([400]));
    expect(claimed.map((c) => c.ids.length)).toEqual([400, 400, 400, 400, 400]);
    expect(jobs.map((ids) => ids.length)).toEqual(Array<number>(20).fill(100));
    expect(new Set(jobs.flat()).size).toBe(total);
    // Earliest due first: every enrolment of a claim was due no later than any of the next claim.
    for (let k = 1; k < claimed.length; k++) {
      const latestBefore = Math.max(...claimed[k - 1]!.ids.map((id) => wakeAt.get(id)!));
      const earliestNow = Math.min(...claimed[k]!.ids.map((id) => wakeAt.get(id)!));
      expect(latestBefore).toBeLessThanOrEqual(earliestNow);
    }
    // So the first claim is the 400 earliest wake times: gold customers of the first 8 groups,
    // which are not the 400 lowest enrolment ids.
    const earliest = [...wakeAt.entries()].sort((a, b) => a[1] - b[1] || Number(a[0]) - Number(b[0]));
    expect(new Set(claimed[0]!.ids)).toEqual(new Set(earliest.slice(0, 400).map(([id]) => id)));
    expect(new Set(claimed[0]!.ids)).not.toEqual(new Set(waiting.slice(0, 400).map((e) => e.id)));

    // Each woken step records when it was due (the wake time before the jump) and when it ran.
    const { rows: woken } = await engine.db.pool.query<{ enrollment_id: string; due_at: Date; processed_at: Date }>(
      `SELECT s.enrollment_id::text, s.due_at, s.processed_at FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id
       WHERE e.journey_id = $1 AND s.from_node IN ('wait-12h', 'wait-1d')`,
      [journeyId],
    );
    expect(woken).toHaveLength(total);
    expect(woken.filter((s) => s.due_at.getTime() !== wakeAt.get(s.enrollment_id))).toEqual([]);
    expect(new Set(woken.map((s) => s.processed_at.getTime()))).toEqual(new Set([jumpedTo.getTime()]));

    const pathVia = (handle: string, wait: string) =>
      `start:next:hello hello:next:is-gold is-gold:${handle}:${wait} ${wait}:next:follow-up follow-up:next:done done:exit:-`;
    await expectExactlyOnce(engine, journeyId, customers, [
      { path: pathVia('else', 'wait-1d'), enrolments: total / 2 },
      { path: pathVia('gold', 'wait-12h'), enrolments: total / 2 },
    ]);
  }, 60_000);
});

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/**
 * Open transactions of this application whose latest statement is one of a step batch's writes
 * (process-step-batch.use-case.ts: insertSteps, insertOutbox, writeUpdates): a batch half written.
 */
async function batchesBeingWritten(test: TestEngine, applicationName: string): Promise<number> {
  const { rows } = await test.db.pool.query<{ writing: number }>(
    `SELECT count(*)::integer AS writing FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = $1 AND backend_xid IS NOT NULL
       AND query ~ '^\\s*(INSERT INTO (enrollment_step|message) |UPDATE enrollment e SET state)'`,
    [applicationName],
  );
  return rows[0]!.writing;
}
