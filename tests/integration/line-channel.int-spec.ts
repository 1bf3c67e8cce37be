import { ManualClock } from '@kizuna/shared';
import { createHash, createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lineRetryKey } from '../../apps/engine/src/channels/transports/line-sending';
import { startPrismMock, type PrismMock } from '../support/prism-mock';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { drainJourneys } from '../support/engine-work';

const CHANNEL_SECRET = 'line-channel-secret-for-tests';
const BOT = `U${'b'.repeat(32)}`;
const lineId = (name: string) => `U${createHash('md5').update(name).digest('hex')}`;
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What went to the Messaging API through the recording proxy, and what Prism (the spec) answered. */
interface LineCall {
  path: string;
  retryKey: string | undefined;
  authorization: string | undefined;
  body: { to: string | string[]; messages: Record<string, unknown>[] };
  status: number;
  violations: string | undefined;
}

/**
 * A pass-through in front of Prism that records each request and its answer, and can add a
 * `Prefer: code=...` header (Prism then answers with the spec's response of that status), so the
 * engine talks real HTTP through the official SDK and the test sees exactly what was sent.
 */
async function startRecordingProxy(target: string) {
  const calls: LineCall[] = [];
  const state: { prefer: string | undefined } = { prefer: undefined };
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string | string[] | undefined> = {
        ...incoming.headers,
        host: new URL(target).host,
      };
      if (state.prefer) headers.prefer = state.prefer;
      const forward = httpRequest(`${target}${incoming.url ?? ''}`, { method: incoming.method, headers }, (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          calls.push({
            path: incoming.url ?? '',
            retryKey: incoming.headers['x-line-retry-key'] as string | undefined,
            authorization: incoming.headers.authorization,
            body: JSON.parse(body.toString('utf8') || '{}'),
            status: answer.statusCode ?? 0,
            violations: answer.headers['sl-violations'] as string | undefined,
          });
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          outgoing.end(Buffer.concat(answerChunks));
        });
      });
      forward.on('error', (error) => {
        outgoing.writeHead(502);
        outgoing.end(error.message);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * LINE end to end: the engine sends through the official SDK to a Prism mock of LINE's own
 * OpenAPI spec (requests the real API would refuse are refused), multicast for identical content
 * and push for personal content, each with a retry key; a 429 is retried under the same key. The
 * webhook is signed with the channel secret as LINE signs it: follow and unfollow change consent,
 * replies and postbacks are recorded against their message, member numbers and account-link
 * nonces link the LINE id to a customer, and a redelivered event changes nothing twice.
 */
describe('LINE channel', () => {
  // Monday 2026-12-07 10:00 in Tokyo (outside quiet hours).
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  let test: TestEngine;
  let shop: TestWorkspace;
  let prism: PrismMock;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let eventNumber = 0;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Customers with a LINE id each and LINE consent; returns their ids by external id. */
  async function customers(
    ...list: { id: string; givenName?: string; memberNo?: string; line?: boolean; consent?: boolean }[]
  ): Promise<Record<string, number>> {
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: list.map((c) => ({
            customerId: c.id,
            ...(c.line === false ? {} : { lineUserId: lineId(c.id) }),
            ...(c.givenName ? { givenName: c.givenName } : {}),
            ...(c.memberNo ? { memberNo: c.memberNo } : {}),
          })),
        },
      },
      201,
    );
    const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
      `SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external' AND value = ANY($2)`,
      [shop.id, list.map((c) => c.id)],
    );
    const ids = Object.fromEntries(rows.map((r) => [r.value, r.customer_id]));
    for (const c of list.filter((c) => c.consent !== false && c.line !== false)) {
      await test.db.pool.query(
        `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at) VALUES ($1, $2, 'line', 'granted', 'test', $3)`,
        [shop.id, ids[c.id], new Date('2026-01-01T00:00:00Z')],
      );
    }
    return ids;
  }

  /** A published journey: event `eventName` -> send LINE `templateId`. */
  async function journey(name: string, eventName: string, templateId: string): Promise<number> {
    const created = await api<{ id: number }>(
      '/api/v1/journeys',
      {
        method: 'POST',
        json: {
          name,
          graph: {
            version: 1,
            nodes: [
              { id: 'start', type: 'trigger.event', config: { eventName, filters: [] } },
              { id: 'send', type: 'send', config: { channel: 'line', templateId } },
            ],
            edges: [{ id: 'a', source: 'start', target: 'send' }],
          },
        },
      },
      201,
    );
    await api(`/api/v1/journeys/${created.id}/publish`, { method: 'POST' });
    return created.id;
  }

  /** Sends `eventName` for the customers and waits until each has a message of the journey. */
  async function trigger(journeyId: number, eventName: string, customerIds: string[]): Promise<void> {
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: customerIds.map((id) => ({
            eventId: `${eventName}-${id}`,
            name: eventName,
            customer: { customerId: id },
          })),
        },
      },
      202,
    );
    await eventually(
      async () => {
        await drainJourneys(test);
        return (await messages(journeyId)).length;
      },
      (count) => count === customerIds.length,
      `${eventName} messages`,
    );
  }

  async function messages(journeyId: number) {
    const { rows } = await test.db.pool.query<{
      id: string;
      customer_id: number;
      status: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date | null;
      recipient: string | null;
      idempotency_key: string;
      rendered: Record<string, unknown> | null;
    }>(
      `SELECT id::text, customer_id, status, attempts, last_error, next_attempt_at, recipient, idempotency_key, rendered
         FROM message WHERE journey_id = $1 ORDER BY customer_id`,
      [journeyId],
    );
    return rows;
  }

  function sign(body: string, secret = CHANNEL_SECRET): string {
    return createHmac('sha256', secret).update(body).digest('base64');
  }

  function lineEvent(type: string, userId: string, extra: Record<string, unknown> = {}, redelivery = false) {
    eventNumber += 1;
    return {
      type,
      mode: 'active',
      timestamp: clock.now().getTime() + eventNumber,
      webhookEventId: `01KIZUNA${String(eventNumber).padStart(18, '0')}`,
      deliveryContext: { isRedelivery: redelivery },
      source: { type: 'user', userId },
      ...extra,
    };
  }

  async function webhook(
    events: unknown[],
    options: { slug?: string; signature?: string | null; body?: string } = {},
  ): Promise<Response> {
    const body = options.body ?? JSON.stringify({ destination: BOT, events });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.signature !== null) headers['x-line-signature'] = options.signature ?? sign(body);
    return fetch(`${test.url}/webhooks/line/${options.slug ?? shop.slug}`, { method: 'POST', headers, body });
  }

  async function lineConsent(customerId: number) {
    const { rows } = await test.db.pool.query<{ status: string; source: string }>(
      `SELECT status::text, source FROM consent WHERE workspace_id = $1 AND customer_id = $2 AND channel = 'line'
        ORDER BY recorded_at, id`,
      [shop.id, customerId],
    );
    return rows.map((r) => `${r.status}:${r.source}`);
  }

  async function ownerOfLineId(userId: string): Promise<number | undefined> {
    const { rows } = await test.db.pool.query<{ customer_id: number }>(
      `SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'line' AND value = $2`,
      [shop.id, userId],
    );
    return rows[0]?.customer_id;
  }

  async function rowCounts() {
    const { rows } = await test.db.pool.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM customer) AS customers, (SELECT count(*)::int FROM customer_identity) AS identities,
              (SELECT count(*)::int FROM consent) AS consents, (SELECT count(*)::int FROM response) AS responses,
              (SELECT count(*)::int FROM merge_log) AS merges, (SELECT count(*)::int FROM line_link_nonce) AS nonces`,
    );
    return rows[0]!;
  }

  async function responses(customerId: number) {
    const { rows } = await test.db.pool.query<{
      kind: string;
      message_id: string | null;
      journey_id: number | null;
      node_id: string | null;
      channel: string | null;
      detail: Record<string, unknown>;
    }>(
      `SELECT kind, message_id::text, journey_id, node_id, channel, detail FROM response
        WHERE workspace_id = $1 AND customer_id = $2 AND kind <> 'delivered' ORDER BY id`,
      [shop.id, customerId],
    );
    return rows;
  }

  beforeAll(async () => {
    [test, prism] = await Promise.all([
      startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock }),
      startPrismMock('tests/providers/line/messaging-api.yml'),
    ]);
    proxy = await startRecordingProxy(prism.url);
    shop = await test.createWorkspace('line-shop');
    await api('/api/v1/channels/line', {
      method: 'PUT',
      json: {
        public: { channelId: '1657000000', baseUrl: proxy.url },
        secret: { channelAccessToken: 'test-channel-access-token', channelSecret: CHANNEL_SECRET },
      },
    });
    const templates: Record<string, unknown> = {
      sale: { channel: 'line', messages: [{ type: 'text', text: '本日限りのセール、全品10%オフ' }] },
      hello: {
        channel: 'line',
        messages: [{ type: 'text', text: '{{ customer.givenName }}様、いつもありがとうございます' }],
        fallbacks: { 'customer.givenName': 'お客' },
      },
      survey: {
        channel: 'line',
        messages: [
          {
            type: 'buttons',
            altText: 'ご来店アンケート',
            title: 'ご来店アンケート',
            text: '{{ customer.givenName }}様、またご来店いただけますか?',
            buttons: [
              { label: 'はい', data: 'survey=revisit&answer=yes' },
              { label: 'いいえ', data: 'survey=revisit&answer=no' },
            ],
          },
        ],
        fallbacks: { 'customer.givenName': 'お客' },
      },
    };
    for (const [key, content] of Object.entries(templates)) {
      await api(`/api/v1/templates/line/${key}`, { method: 'PUT', json: { content } });
    }
  });

  afterAll(async () => {
    await proxy.close();
    await prism.stop();
    await test.stop();
  });

  it('multicasts identical content, pushes personal content, each with a retry key, as the spec accepts', async () => {
    await customers({ id: 's1', givenName: '花子' }, { id: 's2', givenName: '太郎' }, { id: 's3' });
    const sale = await journey('Sale', 'sale_day', 'sale');
    const hello = await journey('Hello', 'hello_day', 'hello');
    proxy.calls.length = 0;
    await trigger(sale, 'sale_day', ['s1', 's2', 's3']);
    await trigger(hello, 'hello_day', ['s1', 's2', 's3']);

    // Every request passed Prism's checks against LINE's spec (a violation would be a 400 with sl-violations).
    expect(proxy.calls.map((c) => [c.path, c.status, c.violations])).toEqual([
      ['/v2/bot/message/multicast', 200, undefined],
      ['/v2/bot/message/push', 200, undefined],
      ['/v2/bot/message/push', 200, undefined],
      ['/v2/bot/message/push', 200, undefined],
    ]);
    expect(proxy.calls.every((c) => c.authorization === 'Bearer test-channel-access-token')).toBe(true);
    const [multicast, ...pushes] = proxy.calls;
    expect([...(multicast!.body.to as string[])].sort()).toEqual([lineId('s1'), lineId('s2'), lineId('s3')].sort());
    expect(multicast!.body.messages).toEqual([{ type: 'text', text: '本日限りのセール、全品10%オフ' }]);
    expect(pushes.map((p) => [p.body.to, p.body.messages]).sort()).toEqual(
      [
        [lineId('s1'), [{ type: 'text', text: '花子様、いつもありがとうございます' }]],
        [lineId('s2'), [{ type: 'text', text: '太郎様、いつもありがとうございます' }]],
        [lineId('s3'), [{ type: 'text', text: 'お客様、いつもありがとうございます' }]],
      ].sort(),
    );

    const saleMessages = await messages(sale);
    const helloMessages = await messages(hello);
    expect(saleMessages.map((m) => [m.status, m.rendered?.via, m.rendered?.multicastSize])).toEqual([
      ['delivered', 'multicast', 3],
      ['delivered', 'multicast', 3],
      ['delivered', 'multicast', 3],
    ]);
    expect(multicast!.retryKey).toBe(
      lineRetryKey(
        `multicast\n${saleMessages
          .map((m) => m.idempotency_key)
          .sort()
          .join('\n')}`,
      ),
    );
    // A push's retry key is the version-5 UUID of its message's idempotency key.
    expect(helloMessages.map((m) => m.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const keyOf = new Map(helloMessages.map((m) => [m.recipient, lineRetryKey(m.idempotency_key)]));
    for (const push of pushes) {
      expect(push.retryKey).toMatch(UUID_V5);
      expect(push.retryKey).toBe(keyOf.get(push.body.to as string));
    }
  });

  it('retries a 429 under the same retry key, a multicast together, then delivers', async () => {
    await customers({ id: 'r1' }, { id: 'r2' });
    const flash = await journey('Flash', 'flash_day', 'sale');
    proxy.state.prefer = 'code=429';
    proxy.calls.length = 0;
    await trigger(flash, 'flash_day', ['r1', 'r2']);
    proxy.state.prefer = undefined;

    const limited = await messages(flash);
    expect(limited.map((m) => [m.status, m.attempts, m.last_error])).toEqual([
      ['queued', 1, 'LINE 429: string (string: string)'],
      ['queued', 1, 'LINE 429: string (string: string)'],
    ]);
    // Both wait the same time (no per-message jitter): they come back as one batch.
    expect(limited[0]!.next_attempt_at!.getTime()).toBe(limited[1]!.next_attempt_at!.getTime());
    expect(limited[0]!.next_attempt_at!.getTime()).toBeGreaterThan(clock.now().getTime());

    clock.set(limited[0]!.next_attempt_at!);
    await drainJourneys(test);
    expect((await messages(flash)).map((m) => [m.status, m.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
    ]);
    expect(proxy.calls.map((c) => [c.path, c.status])).toEqual([
      ['/v2/bot/message/multicast', 429],
      ['/v2/bot/message/multicast', 200],
    ]);
    expect(proxy.calls[0]!.retryKey).toBe(proxy.calls[1]!.retryKey);
  });

  it('counts a 409 (retry key already accepted) as sent and fails a 403 without bouncing the address', async () => {
    await customers({ id: 'c1', givenName: '一郎' });
    await customers({ id: 'f1', givenName: '次郎' });
    const accepted = await journey('Accepted', 'accepted_day', 'hello');
    const forbidden = await journey('Forbidden', 'forbidden_day', 'hello');
    proxy.state.prefer = 'code=409';
    await trigger(accepted, 'accepted_day', ['c1']);
    proxy.state.prefer = 'code=403';
    await trigger(forbidden, 'forbidden_day', ['f1']);
    proxy.state.prefer = undefined;
    expect((await messages(accepted)).map((m) => m.status)).toEqual(['delivered']);
    expect((await messages(forbidden)).map((m) => [m.status, m.last_error])).toEqual([
      ['failed', 'LINE 403: string (string: string)'],
    ]);
  });

  it('grants LINE consent on follow (a new friend becomes a customer), revokes it on unfollow, once per event', async () => {
    const friend = lineId('new-friend');
    const follow = lineEvent('follow', friend, { replyToken: 'r', follow: { isUnblocked: false } });
    expect((await webhook([follow])).status).toBe(200);
    const customerId = await ownerOfLineId(friend);
    expect(customerId).toBeDefined();
    expect(await lineConsent(customerId!)).toEqual(['granted:line-follow']);

    const before = await rowCounts();
    const redelivered = { ...follow, deliveryContext: { isRedelivery: true } };
    expect((await webhook([redelivered])).status).toBe(200);
    expect(await rowCounts()).toEqual(before);

    expect((await webhook([lineEvent('unfollow', friend)])).status).toBe(200);
    expect(await lineConsent(customerId!)).toEqual(['granted:line-follow', 'revoked:line-unfollow']);

    // An imported customer's LINE id: the consent goes to that customer, no new record.
    const ids = await customers({ id: 'known', consent: false });
    const counted = await rowCounts();
    expect((await webhook([lineEvent('follow', lineId('known'))])).status).toBe(200);
    expect(await lineConsent(ids.known!)).toEqual(['granted:line-follow']);
    expect((await rowCounts()).customers).toBe(counted.customers);
  });

  it('refuses a wrong or missing signature, an unknown workspace or one without LINE settings: 401, nothing stored', async () => {
    await test.createWorkspace('no-line');
    const events = [lineEvent('follow', lineId('intruder'))];
    const before = await rowCounts();
    const body = JSON.stringify({ destination: BOT, events });
    const answers = [
      await webhook(events, { signature: sign(body, 'not-the-secret') }),
      await webhook(events, { signature: null }),
      await webhook(events, { body, signature: sign(`${body} `) }),
      await webhook(events, { slug: 'no-such-shop' }),
      await webhook(events, { slug: 'no-line' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(await answers[0]!.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a signed body that is not a LINE webhook with 400 naming the field, nothing stored', async () => {
    const before = await rowCounts();
    const follow = lineEvent('follow', lineId('malformed'));
    const bad = { ...follow, webhookEventId: undefined };
    const answer = await webhook([follow, bad]);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'validation_failed',
      issues: [{ field: 'events.1.webhookEventId' }],
    });
    expect((await webhook([], { body: JSON.stringify({ events: 'none' }) })).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('links a LINE friend who types their member number to that member, merging the LINE-only record', async () => {
    const ids = await customers({ id: 'member-1', memberNo: '2000-1234-5678', line: false });
    const user = lineId('member-friend');
    expect((await webhook([lineEvent('follow', user)])).status).toBe(200);
    const friendRecord = await ownerOfLineId(user);
    expect(friendRecord).not.toBe(ids['member-1']);

    // Full-width digits and a dash, as typed on a phone: normalised like imported member numbers.
    const typed = lineEvent('message', user, {
      message: { type: 'text', id: '1', text: '２０００−１２３４−５６７８', quoteToken: 'q' },
    });
    expect((await webhook([typed])).status).toBe(200);
    const linked = await ownerOfLineId(user);
    // The older record survives the merge: the member, imported first, or the friend record.
    const survivor = Math.min(ids['member-1']!, friendRecord!);
    expect(linked).toBe(survivor);
    const { rows } = await test.db.pool.query<{ kind: string; value: string }>(
      `SELECT kind::text, value FROM customer_identity WHERE customer_id = $1 ORDER BY kind`,
      [survivor],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'line', value: user },
        { kind: 'member', value: '200012345678' },
      ]),
    );
    expect(await lineConsent(survivor)).toEqual(['granted:line-follow']);
    expect(await responses(survivor)).toEqual([
      {
        kind: 'replied',
        message_id: null,
        journey_id: null,
        node_id: null,
        channel: 'line',
        detail: { messageType: 'text', linkedBy: 'member' },
      },
    ]);

    // Redelivered: nothing twice. Another LINE account typing the same number is not linked to the member.
    const before = await rowCounts();
    expect((await webhook([{ ...typed, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    expect(await rowCounts()).toEqual(before);
    const other = lineId('someone-else');
    await webhook([lineEvent('follow', other)]);
    await webhook([lineEvent('message', other, { message: { type: 'text', id: '2', text: '2000-1234-5678' } })]);
    expect(await ownerOfLineId(other)).not.toBe(survivor);
  });

  it('records a postback against the message its button came in, and a reply against the last message', async () => {
    const ids = await customers({ id: 'p1', givenName: '桜' });
    const survey = await journey('Survey', 'visit', 'survey');
    proxy.calls.length = 0;
    await trigger(survey, 'visit', ['p1']);
    const [message] = await messages(survey);
    expect(message!.status).toBe('delivered');
    // The card as LINE received it (Prism accepted it): a Flex bubble whose buttons name the message.
    const [push] = proxy.calls;
    expect(push!.path).toBe('/v2/bot/message/push');
    const flex = push!.body.messages[0] as {
      type: string;
      altText: string;
      contents: { footer: { contents: { action: { data: string; label: string } }[] } };
    };
    expect(flex.type).toBe('flex');
    expect(flex.altText).toBe('ご来店アンケート');
    const [yes, no] = flex.contents.footer.contents.map((button) => button.action);
    expect([yes!.label, yes!.data, no!.data]).toEqual([
      'はい',
      `survey=revisit&answer=yes&m=${message!.id}`,
      `survey=revisit&answer=no&m=${message!.id}`,
    ]);

    clock.advance(60_000);
    const tap = lineEvent('postback', lineId('p1'), { replyToken: 'r', postback: { data: yes!.data } });
    expect((await webhook([tap])).status).toBe(200);
    expect((await webhook([{ ...tap, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    const reply = lineEvent('message', lineId('p1'), { message: { type: 'text', id: '3', text: 'また行きます!' } });
    expect((await webhook([reply, { ...reply, deliveryContext: { isRedelivery: true } }])).status).toBe(200);

    expect(await responses(ids.p1!)).toEqual([
      {
        kind: 'postback',
        message_id: message!.id,
        journey_id: survey,
        node_id: 'send',
        channel: 'line',
        detail: { data: 'survey=revisit&answer=yes' },
      },
      {
        kind: 'replied',
        message_id: message!.id,
        journey_id: survey,
        node_id: 'send',
        channel: 'line',
        detail: { messageType: 'text', text: 'また行きます!' },
      },
    ]);

    // Another LINE user's tap cannot claim this message.
    const stranger = lineId('stranger');
    await webhook([lineEvent('follow', stranger)]);
    await webhook([lineEvent('postback', stranger, { postback: { data: yes!.data } })]);
    const strangerId = await ownerOfLineId(stranger);
    expect((await responses(strangerId!)).map((r) => [r.kind, r.message_id])).toEqual([['postback', null]]);
  });

  it('links through LINE account linking with a nonce from the API, once, within ten minutes', async () => {
    const ids = await customers({ id: 'linker', memberNo: '3000-0000-0001', line: false });
    const created = await api<{ nonce: string; expiresAt: string }>(
      `/api/v1/customers/${ids.linker}/line-link-nonce`,
      { method: 'POST' },
      201,
    );
    expect(created.nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.expiresAt).toBe(new Date(clock.now().getTime() + 600_000).toISOString());
    expect((await test.api(shop, '/api/v1/customers/999999/line-link-nonce', { method: 'POST' })).status).toBe(404);

    const user = lineId('account-linker');
    const link = lineEvent('accountLink', user, { replyToken: 'r', link: { result: 'ok', nonce: created.nonce } });
    expect((await webhook([link])).status).toBe(200);
    expect(await ownerOfLineId(user)).toBe(ids.linker);

    // The nonce is used up: a second account cannot use it; an expired one links no one.
    const second = lineId('second-linker');
    await webhook([lineEvent('accountLink', second, { link: { result: 'ok', nonce: created.nonce } })]);
    expect(await ownerOfLineId(second)).toBeUndefined();
    const late = await api<{ nonce: string }>(
      `/api/v1/customers/${ids.linker}/line-link-nonce`,
      { method: 'POST' },
      201,
    );
    clock.advance(11 * 60_000);
    await webhook([lineEvent('accountLink', second, { link: { result: 'ok', nonce: late.nonce } })]);
    expect(await ownerOfLineId(second)).toBeUndefined();
  });
});
