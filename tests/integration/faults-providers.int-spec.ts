import { ManualClock } from '@kizuna/shared';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { drainJourneys } from '../support/engine-work';
import { startPrismMock, type PrismMock } from '../support/prism-mock';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

const CUSTOMERS = 12;
const ACCOUNT_SID = `AC${'4d'.repeat(16)}`;
const FROM = '+815012349999';

/**
 * A TCP proxy in front of the SMTP sink that cuts the first `cuts` connections in the middle of a
 * message: once the client has sent DATA and the first bytes of the message, both sockets are
 * destroyed, as a mail server restarting or a dropped link does. Later connections pass through.
 */
async function startDroppingSmtpProxy(targetPort: number, cuts: number) {
  let connections = 0;
  const stats = { cut: 0 };
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const cutThis = connections++ < cuts;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let inData = false;
    client.on('data', (chunk: Buffer) => {
      if (cutThis && inData) {
        upstream.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
        stats.cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (/^DATA\r\n/m.test(chunk.toString('latin1'))) inData = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface ProviderCall {
  path: string;
  status: number;
  /** LINE's X-Line-Retry-Key, or Twilio's To. */
  key: string;
}

/**
 * An HTTP stub in front of a Prism mock that answers the first calls with the given statuses
 * (429, then 503) in the provider's own error format, then passes everything through; it records
 * each call with its answer.
 */
async function startFaultyFront(
  target: string,
  faults: number[],
  errorBody: (status: number) => unknown,
  keyOf: (req: IncomingMessage, body: string) => string,
) {
  const calls: ProviderCall[] = [];
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const key = keyOf(req, body);
        const fault = faults.shift();
        if (fault !== undefined) {
          calls.push({ path: req.url ?? '', status: fault, key });
          res.writeHead(fault, {
            'content-type': 'application/json',
            ...(fault === 429 ? { 'retry-after': '1' } : {}),
          });
          res.end(JSON.stringify(errorBody(fault)));
          return;
        }
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'authorization', 'x-line-retry-key']) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const upstream = await fetch(`${target}${req.url ?? ''}`, { method: req.method, headers, body });
        const answer = await upstream.text();
        calls.push({ path: req.url ?? '', status: upstream.status, key });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(answer);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Providers failing under a journey's sends: the SMTP server drops the connection in the middle of
 * messages, LINE and Twilio answer 429 and 503 to the first calls. Every message is retried (its
 * backoff passed on the test clock) and ends delivered exactly once: one mail per Message-ID at
 * the SMTP server, one accepted LINE request per retry key, one accepted Twilio create per number.
 */
describe('provider faults: SMTP drops, LINE and Twilio 429/503', () => {
  // Monday 2026-12-07 10:00 in Tokyo: no quiet hours.
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  let test: TestEngine;
  let shop: TestWorkspace;
  let smtp: SmtpSink;
  let smtpProxy: Awaited<ReturnType<typeof startDroppingSmtpProxy>>;
  let linePrism: PrismMock;
  let twilioPrism: PrismMock;
  let line: Awaited<ReturnType<typeof startFaultyFront>>;
  let twilioFront: Awaited<ReturnType<typeof startFaultyFront>>;

  async function api(route: string, json: unknown, method = 'PUT', status = 200): Promise<Record<string, unknown>> {
    const response = await test.api(shop, route, { method, json });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status !== status) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  beforeAll(async () => {
    [test, smtp, linePrism, twilioPrism] = await Promise.all([
      startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock }),
      startSmtpSink(),
      startPrismMock('tests/providers/line/messaging-api.yml'),
      startPrismMock('tests/providers/twilio/twilio_api_v2010.yaml'),
    ]);
    smtpProxy = await startDroppingSmtpProxy(smtp.port, 3);
    line = await startFaultyFront(
      linePrism.url,
      [429, 429, 429, 503, 503],
      (status) => ({
        message: status === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'Service Unavailable',
      }),
      (req) => String(req.headers['x-line-retry-key'] ?? ''),
    );
    twilioFront = await startFaultyFront(
      twilioPrism.url,
      [429, 429, 429, 503, 503],
      (status) => ({
        code: status === 429 ? 20429 : 20503,
        message: status === 429 ? 'Too Many Requests' : 'Service Unavailable',
        status,
      }),
      (_req, body) => new URLSearchParams(body).get('To') ?? '',
    );
    shop = await test.createWorkspace('fault-providers');
    await api('/api/v1/channels/email', {
      public: {
        fromAddress: 'news@kizuna-cosme.example',
        senderName: '絆コスメ',
        postalAddress: '東京都渋谷区神南1-2-3',
      },
      secret: { smtpUrl: `smtp://127.0.0.1:${smtpProxy.port}?tls=off` },
    });
    await api('/api/v1/channels/line', {
      public: { channelId: '1657000000', baseUrl: line.url },
      secret: { channelAccessToken: 'token', channelSecret: 'secret' },
    });
    await api('/api/v1/channels/sms', {
      public: { accountSid: ACCOUNT_SID, fromNumber: FROM, baseUrl: twilioFront.url },
      secret: { authToken: 'auth-token' },
    });
    // Personal content: a LINE push (one retry key) per customer, not one multicast.
    await api('/api/v1/templates/email/drill', {
      content: { channel: 'email', subject: '{{ customer.givenName }}様', html: '<p>{{ customer.givenName }}様</p>' },
    });
    await api('/api/v1/templates/line/drill', {
      content: { channel: 'line', messages: [{ type: 'text', text: '{{ customer.givenName }}様' }] },
    });
    await api('/api/v1/templates/sms/drill', {
      content: { channel: 'sms', body: '{{ customer.givenName }}様 冬のセール' },
    });
    await api('/api/v1/journeys/delivery-settings', {
      quietHours: null,
      frequencyCap: { perChannel: null, overall: null },
    });
  });

  afterAll(async () => {
    await test.stop();
    await Promise.all([smtpProxy.close(), line.close(), twilioFront.close()]);
    await Promise.all([smtp.close(), linePrism.stop(), twilioPrism.stop()]);
  });

  it('retries every message through the faults and delivers each exactly once', async () => {
    const list = Array.from({ length: CUSTOMERS }, (_, i) => ({
      customerId: `f${i}`,
      givenName: `顧客${i}`,
      email: `f${i}@example.jp`,
      phone: `090${String(10_000_000 + i).padStart(8, '0')}`,
      lineUserId: `U${String(i).padStart(32, 'a')}`,
    }));
    await api('/api/v1/customers', { source: 'ec', customers: list }, 'POST', 201);
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT $1, c.id, ch::consent_channel, 'granted', 'test', '2026-01-01T00:00:00Z'
       FROM customer c CROSS JOIN unnest(ARRAY['email', 'line', 'sms']) AS ch WHERE c.workspace_id = $1`,
      [shop.id],
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'drill', filters: [] } },
        { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'drill' } },
        { id: 'line', type: 'send', config: { channel: 'line', templateId: 'drill' } },
        { id: 'sms', type: 'send', config: { channel: 'sms', templateId: 'drill' } },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'mail' },
        { id: 'b', source: 'mail', target: 'line' },
        { id: 'c', source: 'line', target: 'sms' },
      ],
    };
    const journey = await api('/api/v1/journeys', { name: 'Provider drill', graph }, 'POST', 201);
    await api(`/api/v1/journeys/${String(journey.id)}/publish`, {}, 'POST');
    await api(
      '/api/v1/events',
      {
        source: 'ec',
        events: list.map((c) => ({
          eventId: `drill-${c.customerId}`,
          name: 'drill',
          customer: { customerId: c.customerId },
        })),
      },
      'POST',
      202,
    );

    // Send, then let each retry's backoff pass on the test clock, until nothing waits.
    const outstanding = async () =>
      (
        await test.db.pool.query<{ status: string; n: number; next: Date | null }>(
          `SELECT status, count(*)::int AS n, min(next_attempt_at) AS next FROM message WHERE journey_id = $1 GROUP BY status`,
          [journey.id],
        )
      ).rows;
    for (let round = 0; round < 40; round++) {
      await drainJourneys(test);
      const pending = (await outstanding()).filter((r) => r.status === 'queued' || r.status === 'sending');
      if (pending.length === 0 && round > 0) break;
      const next = pending
        .map((r) => r.next?.getTime() ?? clock.now().getTime())
        .reduce((a, b) => Math.min(a, b), Infinity);
      clock.set(new Date(Math.max(next, clock.now().getTime()) + 1_000));
    }

    const { rows: messages } = await test.db.pool.query<{
      channel: string;
      status: string;
      keys: number;
      n: number;
      retried: number;
    }>(
      `SELECT channel, status, count(DISTINCT idempotency_key)::int AS keys, count(*)::int AS n,
              count(*) FILTER (WHERE attempts > 1)::int AS retried
       FROM message WHERE journey_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [journey.id],
    );
    // One message per customer and send node, each delivered (SMS: accepted by Twilio, awaiting its callback).
    expect(messages.map(({ channel, status, keys, n }) => ({ channel, status, keys, n }))).toEqual([
      { channel: 'email', status: 'delivered', keys: CUSTOMERS, n: CUSTOMERS },
      { channel: 'line', status: 'delivered', keys: CUSTOMERS, n: CUSTOMERS },
      { channel: 'sms', status: 'sent', keys: CUSTOMERS, n: CUSTOMERS },
    ]);
    // The faults did hit: some messages of each channel needed more than one try.
    for (const row of messages) expect(row.retried).toBeGreaterThan(0);

    // Email: connections were cut mid-message, yet each message arrived once.
    expect(smtpProxy.stats.cut).toBe(3);
    const messageIds = smtp.received.map((mail) => mail.parsed.messageId);
    expect(new Set(messageIds).size).toBe(CUSTOMERS);
    expect(messageIds).toHaveLength(CUSTOMERS);
    expect(new Set(smtp.received.flatMap((mail) => mail.envelopeTo))).toEqual(new Set(list.map((c) => c.email)));

    // LINE: 3 x 429 and 2 x 503, then one accepted push per retry key (a retry reuses its key).
    const accepted = (calls: ProviderCall[]) => calls.filter((c) => c.status < 300).map((c) => c.key);
    expect(line.calls.filter((c) => c.status >= 400).map((c) => c.status)).toEqual([429, 429, 429, 503, 503]);
    expect(accepted(line.calls)).toHaveLength(CUSTOMERS);
    expect(new Set(accepted(line.calls)).size).toBe(CUSTOMERS);
    for (const refused of line.calls.filter((c) => c.status >= 400))
      expect(accepted(line.calls)).toContain(refused.key);

    // Twilio: the same faults, then one accepted create per number.
    expect(twilioFront.calls.filter((c) => c.status >= 400).map((c) => c.status)).toEqual([429, 429, 429, 503, 503]);
    expect(accepted(twilioFront.calls)).toHaveLength(CUSTOMERS);
    expect(new Set(accepted(twilioFront.calls)).size).toBe(CUSTOMERS);
  }, 90_000);
});
