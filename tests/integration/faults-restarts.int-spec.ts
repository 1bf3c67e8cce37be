import { Redis } from 'ioredis';
import pg from 'pg';
import { EnrolFromTriggersUseCase } from '../../apps/engine/src/journeys/use-cases/enrol-from-triggers.use-case';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { twoEmailsJourney } from '../support/journey-fixtures';
import { testRedisUrl, testServerUrl } from '../support/test-environment';

const CUSTOMERS = 300;
const REDIS_CLAIM_KEY = 'kizuna-test:faults-restarts';

// ---------------------------------------------------------------------------------------------
// A Redis logical database of our own (the engine has no key prefix), as journey-faults does: one
// of 15 down to 10 that is empty, claimed with SET NX. CLIENT KILL then targets only its clients.
// ---------------------------------------------------------------------------------------------

interface RedisDatabase {
  db: number;
  url: string;
  redis: Redis;
  release(): Promise<void>;
}

async function claimRedisDatabase(): Promise<RedisDatabase> {
  for (let db = 15; db >= 10; db--) {
    const url = new URL(testRedisUrl);
    url.pathname = `/${db}`;
    const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    const claimed = await redis.set(REDIS_CLAIM_KEY, String(process.pid), 'EX', 600, 'NX');
    if (claimed === 'OK' && (await redis.dbsize()) === 1) {
      return {
        db,
        url: url.toString(),
        redis,
        release: async () => {
          await redis.flushdb();
          redis.disconnect();
        },
      };
    }
    if (claimed === 'OK') await redis.del(REDIS_CLAIM_KEY);
    redis.disconnect();
  }
  throw new Error('no empty Redis logical database (10-15) to run the restart fault tests in');
}

/**
 * What a Redis restart does to the engine: every connection on its logical database is closed
 * (CLIENT KILL by id; the shared server keeps running for everyone else). Returns how many.
 */
async function killRedisClients(redisDb: RedisDatabase): Promise<number> {
  const own = await redisDb.redis.client('ID');
  // Right after an earlier kill the engine may still be reconnecting: wait (up to 2 s) until it is back.
  for (let wait = 0; wait < 40; wait++) {
    const list = (await redisDb.redis.client('LIST')) as string;
    const ids = list
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('=') as [string, string])))
      .filter((client) => client.db === String(redisDb.db) && client.id !== String(own))
      .map((client) => client.id!);
    if (ids.length) {
      for (const id of ids) await redisDb.redis.client('KILL', 'ID', id);
      return ids.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 0;
}

/** What a PostgreSQL restart does to its clients: every backend on the test database is terminated. */
async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      // The probe's own connection may be one the fault just closed: ask again.
      last = (error as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const graph = twoEmailsJourney('restart_drill');

/**
 * PostgreSQL and Redis restarting under a running journey, on the engine as it runs in production
 * (BullMQ on Redis, the periodic ticker and outbox dispatcher on the real clock, a real SMTP
 * server). journey-faults.int-spec.ts covers a killed worker, a flushed Redis, two processes and a
 * clock jump; here the servers drop their connections. Each enrolment completes once, each
 * transition and message exists once, and each mail arrives once (counted by Message-ID).
 */
describe('journey run across PostgreSQL and Redis restarts', () => {
  let test: TestEngine | undefined;
  let redisDb: RedisDatabase | undefined;
  let smtp: SmtpSink | undefined;

  afterEach(async () => {
    try {
      await test?.stop();
      await smtp?.close();
    } finally {
      await redisDb?.release();
      test = undefined;
      redisDb = undefined;
      smtp = undefined;
    }
  });

  async function start(): Promise<{
    test: TestEngine;
    shop: TestWorkspace;
    journeyId: number;
    smtp: SmtpSink;
    redisDb: RedisDatabase;
  }> {
    redisDb = await claimRedisDatabase();
    smtp = await startSmtpSink();
    test = await startTestEngine({
      REDIS_URL: redisDb.url,
      KIZUNA_PERIODIC_TASKS: 'on',
      KIZUNA_JOURNEY_TICK_MS: '100',
      KIZUNA_JOURNEY_BATCH_SIZE: '25',
      KIZUNA_JOURNEY_LEASE_MS: '2000',
    });
    const engine = test;
    const shop = await engine.createWorkspace('restart-shop');
    const api = async (route: string, json: unknown, method = 'PUT') => {
      const response = await engine.api(shop, route, { method, json });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };
    await api('/api/v1/channels/email', {
      public: {
        fromAddress: 'news@kizuna-cosme.example',
        senderName: '絆コスメ',
        postalAddress: '東京都渋谷区神南1-2-3',
      },
      secret: { smtpUrl: `smtp://127.0.0.1:${smtp.port}?tls=off` },
    });
    for (const key of ['hello', 'follow-up']) {
      await api(`/api/v1/templates/email/${key}`, {
        content: { channel: 'email', subject: key, html: `<p>${key}</p>` },
      });
    }
    // No quiet hours or caps: the run is on the real clock, whatever the hour.
    await api('/api/v1/journeys/delivery-settings', {
      quietHours: null,
      frequencyCap: { perChannel: null, overall: null },
    });
    const journey = await api('/api/v1/journeys', { name: 'Restart drill', graph }, 'POST');
    await api(`/api/v1/journeys/${String(journey.id)}/publish`, {}, 'POST');

    const { rows } = await engine.db.pool.query<{ id: number }>(
      `INSERT INTO customer (workspace_id) SELECT $1 FROM generate_series(1, $2) RETURNING id`,
      [shop.id, CUSTOMERS],
    );
    const ids = rows.map((r) => r.id);
    await engine.db.pool.query(
      `INSERT INTO customer_identity (workspace_id, customer_id, kind, source, value)
       SELECT $1, id, 'email', 'test', 'r' || id || '@example.jp' FROM unnest($2::integer[]) AS id`,
      [shop.id, ids],
    );
    await engine.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT $1, id, 'email', 'granted', 'test', '2026-01-01T00:00:00Z' FROM unnest($2::integer[]) AS id`,
      [shop.id, ids],
    );
    await engine.db.pool.query(
      `INSERT INTO event (workspace_id, customer_id, name, occurred_at, received_at, source, external_id)
       SELECT $1, id, 'restart_drill', now(), now(), 'test', 'drill-' || id FROM unnest($2::integer[]) AS id`,
      [shop.id, ids],
    );
    await engine.engine.app.get(EnrolFromTriggersUseCase).events(shop.id);
    return { test: engine, shop, journeyId: journey.id as number, smtp, redisDb };
  }

  async function progress(engine: TestEngine, journeyId: number) {
    const { rows } = await engine.db.pool.query<{
      enrolled: number;
      atStart: number;
      atWait: number;
      completed: number;
    }>(
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE state = 'active' AND node_id = 'start')::int AS "atStart",
              count(*) FILTER (WHERE state = 'active' AND node_id = 'wait')::int AS "atWait",
              count(*) FILTER (WHERE state = 'completed')::int AS completed
       FROM enrollment WHERE journey_id = $1`,
      [journeyId],
    );
    return rows[0]!;
  }

  /** Runs the journey to the end, calling `fault` while each phase is under way. */
  async function runWithFaults(fault: () => Promise<number>) {
    const t0 = Date.now();
    // FAULTS_DEBUG=1 prints when each phase ended.
    const mark = (what: string) => {
      if (process.env.FAULTS_DEBUG) console.info(`${what} +${Date.now() - t0} ms`);
    };
    const { test: engine, journeyId, smtp: sink } = await start();
    mark('started');
    const hits: number[] = [];
    // Phase one: enrolments moving from the trigger through the first email to the wait.
    await waitFor(
      'enrolments under way',
      async () => {
        const p = await progress(engine, journeyId);
        return p.enrolled === CUSTOMERS && p.atWait > 0 && p.atWait < CUSTOMERS ? p : undefined;
      },
      30_000,
    );
    hits.push(await fault());
    await new Promise((resolve) => setTimeout(resolve, 150));
    hits.push(await fault());
    await waitFor(
      'every enrolment at the wait',
      async () => ((await progress(engine, journeyId)).atWait === CUSTOMERS ? true : undefined),
      45_000,
    );

    mark('phase one done');
    // Phase two: the minute of the wait passes at once; the follow-up goes out under another fault.
    await engine.db.pool.query(
      `UPDATE enrollment SET wake_at = now() - interval '1 second' WHERE journey_id = $1 AND node_id = 'wait'`,
      [journeyId],
    );
    await waitFor(
      'the follow-ups under way',
      async () => {
        const p = await progress(engine, journeyId);
        return p.completed > 0 && p.completed < CUSTOMERS ? p : undefined;
      },
      30_000,
    );
    hits.push(await fault());
    await waitFor(
      'every enrolment completed',
      async () => ((await progress(engine, journeyId)).completed === CUSTOMERS ? true : undefined),
      45_000,
    );
    // The faults closed connections the engine was using.
    expect(hits.every((n) => n > 0)).toBe(true);

    // Exactly once in PostgreSQL: each enrolment took the path once, each send node made one message.
    const db = engine.db.pool;
    const { rows: paths } = await db.query<{ path: string; n: number }>(
      `SELECT path, count(*)::int AS n FROM (
         SELECT string_agg(from_node || ':' || handle, ' ' ORDER BY s.id) AS path
         FROM enrollment_step s JOIN enrollment e ON e.id = s.enrollment_id WHERE e.journey_id = $1 GROUP BY s.enrollment_id) p
       GROUP BY path`,
      [journeyId],
    );
    expect(paths).toEqual([{ path: 'start:next hello:next wait:next follow-up:next done:exit', n: CUSTOMERS }]);
    const { rows: keys } = await db.query<{ node_id: string; n: number; keys: number; enrolments: number }>(
      `SELECT node_id, count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys, count(DISTINCT enrollment_id)::int AS enrolments
       FROM message WHERE journey_id = $1 GROUP BY node_id ORDER BY node_id`,
      [journeyId],
    );
    expect(keys).toEqual([
      { node_id: 'follow-up', n: CUSTOMERS, keys: CUSTOMERS, enrolments: CUSTOMERS },
      { node_id: 'hello', n: CUSTOMERS, keys: CUSTOMERS, enrolments: CUSTOMERS },
    ]);

    mark('completed');
    // Exactly once at the mail server: every message delivered, one mail per Message-ID.
    await waitFor(
      'every message delivered',
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM message WHERE journey_id = $1 AND status = 'delivered'`,
          [journeyId],
        );
        return rows[0]!.n === 2 * CUSTOMERS ? true : undefined;
      },
      45_000,
    );
    mark('delivered');
    const ids = sink.received.map((mail) => mail.parsed.messageId);
    expect(new Set(ids).size).toBe(2 * CUSTOMERS);
    expect(ids).toHaveLength(2 * CUSTOMERS);
    // And the engine still answers.
    expect((await fetch(`${engine.url}/api/health`)).status).toBeLessThan(500);
  }

  it('completes the run exactly once when PostgreSQL drops every connection mid-batch', async () => {
    await runWithFaults(async () => terminateBackends(test!.db.name));
  }, 120_000);

  it('completes the run exactly once when Redis drops every connection of the engine', async () => {
    await runWithFaults(async () => killRedisClients(redisDb!));
  }, 120_000);
});
