import { ManualClock } from '@kizuna/shared';
import { Redis } from 'ioredis';
import { connect } from 'node:net';
import { JOB_QUEUE, type JobQueue } from '../../apps/engine/src/infrastructure/queue/job-queue.port';
import { QueueName } from '../../apps/engine/src/infrastructure/queue/queue-definitions';
import { testRedisUrl } from '../support/test-environment';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

const TOKEN = 'metrics-token-for-tests-0123456789';
const NOW = '2026-12-06T10:00:00.000Z';
const CLAIM_KEY = 'kizuna-test:metrics';

/** A logical Redis database of its own (15 down to 10, as journey-faults does): the engine has no key prefix setting. */
async function claimRedisDatabase(): Promise<{ url: string; release(): Promise<void> }> {
  for (let db = 15; db >= 10; db--) {
    const url = new URL(testRedisUrl);
    url.pathname = `/${db}`;
    const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    const claimed = await redis.set(CLAIM_KEY, String(process.pid), 'EX', 600, 'NX');
    if (claimed === 'OK' && (await redis.dbsize()) === 1) {
      return {
        url: url.toString(),
        release: async () => {
          await redis.flushdb();
          redis.disconnect();
        },
      };
    }
    if (claimed === 'OK') await redis.del(CLAIM_KEY);
    redis.disconnect();
  }
  throw new Error('no empty Redis logical database (10-15) for the metrics test');
}

/** The value of one series, e.g. `kizuna_queue_jobs{queue="segments",state="waiting"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /api/metrics (an API-role engine on BullMQ, with a metrics token)', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let redis: { url: string; release(): Promise<void> };
  const scrape = async () => {
    const response = await fetch(`${test.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text();
  };

  beforeAll(async () => {
    redis = await claimRedisDatabase();
    // The API role runs no workers: jobs added stay waiting, so queue depths are exact.
    test = await startTestEngine(
      { KIZUNA_ROLE: 'api', REDIS_URL: redis.url, KIZUNA_METRICS_TOKEN: TOKEN, KIZUNA_PERIODIC_TASKS: 'off' },
      { clock: new ManualClock(NOW) },
    );
    shop = await test.createWorkspace('metrics-shop');
  });

  afterAll(async () => {
    await (test as TestEngine | undefined)?.stop();
    await (redis as typeof redis | undefined)?.release();
  });

  it('answers 401 without the token, with a wrong one, and with a workspace API key instead', async () => {
    expect((await fetch(`${test.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${test.url}/api/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('unauthenticated');
    const workspaceKey = await test.api(shop, '/api/metrics');
    expect(workspaceKey.status).toBe(401);
  });

  it('counts requests by route template and status, with a latency histogram per route', async () => {
    const events = {
      source: 'ec',
      events: [1, 2, 3].map((n) => ({ eventId: `m-${n}`, name: 'page_view', customer: { customerId: `C${n}` } })),
    };
    expect((await test.api(shop, '/api/v1/events', { method: 'POST', json: events })).status).toBe(202);
    expect((await test.api(shop, '/api/v1/events', { method: 'POST', json: events })).status).toBe(202);
    expect((await test.api(undefined, '/api/v1/events', { method: 'POST', json: events })).status).toBe(401);
    expect((await test.api(shop, '/api/v1/customers/424242')).status).toBe(404);
    expect((await test.api(shop, '/api/v1/no-such-route')).status).toBe(404);

    // A client that goes away before its body has arrived: counted as 499, before any route matched.
    const { port } = new URL(test.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"ev',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const text = await scrape();
    expect(sample(text, 'kizuna_http_requests_total{method="POST",route="unmatched",status="499"}')).toBe(1);
    expect(sample(text, 'kizuna_http_requests_total{method="POST",route="/api/v1/events",status="202"}')).toBe(2);
    expect(sample(text, 'kizuna_http_requests_total{method="POST",route="/api/v1/events",status="401"}')).toBe(1);
    // The template, not the id: one series whatever the customer.
    expect(sample(text, 'kizuna_http_requests_total{method="GET",route="/api/v1/customers/:id",status="404"}')).toBe(1);
    expect(sample(text, 'kizuna_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'kizuna_http_request_duration_seconds_count{method="POST",route="/api/v1/events"}')).toBe(3);
    expect(
      sample(text, 'kizuna_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/events"}'),
    ).toBe(3);
    expect(
      sample(text, 'kizuna_http_request_duration_seconds_sum{method="POST",route="/api/v1/events"}'),
    ).toBeGreaterThan(0);
    expect(text).toContain('# TYPE kizuna_http_request_duration_seconds histogram\n');
    expect(sample(text, 'kizuna_info{version="0.1.0",role="api"}')).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('reads BullMQ queue depths on scrape', async () => {
    const queue = test.engine.app.get<JobQueue>(JOB_QUEUE);
    for (const n of [1, 2, 3]) {
      await queue.enqueue(QueueName.Analytics, { workspaceId: shop.id, requestedAt: NOW, reason: `metrics-${n}` });
    }
    await queue.enqueue(QueueName.Messages, { requestedAt: NOW }, { delayMs: 600_000 });

    const text = await scrape();
    expect(sample(text, 'kizuna_metrics_source_up{source="queues"}')).toBe(1);
    expect(sample(text, 'kizuna_queue_jobs{queue="analytics",state="waiting"}')).toBe(3);
    expect(sample(text, 'kizuna_queue_jobs{queue="analytics",state="active"}')).toBe(0);
    expect(sample(text, 'kizuna_queue_jobs{queue="messages",state="delayed"}')).toBe(1);
    expect(sample(text, 'kizuna_queue_jobs{queue="journey-steps",state="failed"}')).toBe(0);
  });

  it('reports late enrolments, the outbox age and import jobs from PostgreSQL by the engine clock', async () => {
    const db = test.db.pool;
    const ids = async (sql: string, params: unknown[]) =>
      (await db.query<{ id: number }>(sql, params)).rows.map((r) => r.id);
    const customers = await ids(
      `INSERT INTO customer (workspace_id) SELECT $1 FROM generate_series(1, 5) RETURNING id`,
      [shop.id],
    );
    const journey = async (status: string) => {
      const [journeyId] = await ids(
        `INSERT INTO journey (workspace_id, name, status, draft) VALUES ($1, $2, $3, '{}') RETURNING id`,
        [shop.id, `metrics ${status}`, status],
      );
      const [versionId] = await ids(
        `INSERT INTO journey_version (workspace_id, journey_id, version, graph) VALUES ($1, $2, 1, '{}') RETURNING id`,
        [shop.id, journeyId],
      );
      return { journeyId: journeyId!, versionId: versionId! };
    };
    const active = await journey('active');
    const paused = await journey('paused');
    const enrol = (
      j: { journeyId: number; versionId: number },
      customer: number,
      wakeSecondsAgo: number,
      leaseSecondsAhead?: number,
    ) =>
      db.query(
        `INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, node_id, arrived_at, wake_at, lease_token, lease_until, entered_at)
         VALUES ($1, $2, $3, $4, 'metrics', 'wait', $5::timestamptz, $5::timestamptz - make_interval(secs => $6),
                 CASE WHEN $7::float8 IS NULL THEN NULL ELSE 'lease' END, $5::timestamptz + make_interval(secs => $7), $5)`,
        [shop.id, j.journeyId, j.versionId, customer, NOW, wakeSecondsAgo, leaseSecondsAhead ?? null],
      );
    await enrol(active, customers[0]!, 90); // late by 90 s: the oldest
    await enrol(active, customers[1]!, 4); // late by 4 s
    await enrol(active, customers[2]!, -60); // wakes in a minute: not due
    await enrol(active, customers[3]!, 300, 30); // in flight under a live lease: not late yet
    await enrol(paused, customers[4]!, 600); // its journey is paused: waits on purpose

    const message = (key: string, status: string, dueSecondsAgo: number) =>
      db.query(
        `INSERT INTO message (workspace_id, customer_id, channel, idempotency_key, status, next_attempt_at, created_at)
         VALUES ($1, $2, 'email', $3, $4, $5::timestamptz - make_interval(secs => $6), $5)`,
        [shop.id, customers[0], key, status, NOW, dueSecondsAgo],
      );
    await message('m-old', 'queued', 45);
    await message('m-new', 'queued', 1);
    await message('m-retry', 'queued', -3_600); // a retry due in an hour
    await message('m-sending', 'sending', 900);
    await db.query(
      `INSERT INTO import_job (workspace_id, kind, encoding, file_name, file_size, status)
       VALUES ($1, 'customers', 'utf8', 'a.csv', 1, 'running'), ($1, 'orders', 'utf8', 'b.csv', 1, 'queued'),
              ($1, 'orders', 'utf8', 'c.csv', 1, 'succeeded')`,
      [shop.id],
    );

    const text = await scrape();
    expect(sample(text, 'kizuna_metrics_source_up{source="database"}')).toBe(1);
    expect(sample(text, 'kizuna_journey_due_enrollments')).toBe(2);
    expect(sample(text, 'kizuna_journey_oldest_due_seconds')).toBe(90);
    expect(sample(text, 'kizuna_outbox_due_messages')).toBe(2);
    expect(sample(text, 'kizuna_outbox_oldest_due_seconds')).toBe(45);
    expect(sample(text, 'kizuna_import_jobs{status="running"}')).toBe(1);
    expect(sample(text, 'kizuna_import_jobs{status="queued"}')).toBe(1);
    expect(sample(text, 'kizuna_db_pool_max_connections')).toBe(5);
    expect(sample(text, 'kizuna_db_pool_waiting_requests')).toBe(0);
    const inUse = sample(text, 'kizuna_db_pool_connections{state="in_use"}')!;
    const idle = sample(text, 'kizuna_db_pool_connections{state="idle"}')!;
    expect(inUse + idle).toBeLessThanOrEqual(5);
    expect(inUse).toBeGreaterThanOrEqual(0);
  });
});
