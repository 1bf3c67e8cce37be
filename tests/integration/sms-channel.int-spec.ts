import { ManualClock } from '@kizuna/shared';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { freePort, startPrismMock, type PrismMock } from '../support/prism-mock';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';
import { drainJourneys } from '../support/engine-work';

const ACCOUNT_SID = `AC${'1a'.repeat(16)}`;
const AUTH_TOKEN = 'kizuna-test-auth-token';
const OTHER_ACCOUNT_SID = `AC${'2b'.repeat(16)}`;
const OTHER_AUTH_TOKEN = 'other-shop-auth-token';
const FROM = '+815012345678';
/** Prism answers every create with the spec's example message. */
const PRISM_SID = `SM${'a'.repeat(32)}`;

interface TwilioRequest {
  path: string;
  form: Record<string, string>;
  status: number;
  violations: string | null;
}

/**
 * Sits between the engine and Prism: records each request the SDK made (form fields included) and
 * answers chosen numbers with Twilio's own error body, which Twilio's OpenAPI spec does not define.
 */
async function startTwilioFront(prismUrl: string) {
  const requests: TwilioRequest[] = [];
  const refuse = new Map<string, { status: number; code: number; message: string }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const form = Object.fromEntries(new URLSearchParams(raw));
        const error = refuse.get(form.To ?? '');
        if (error) {
          requests.push({ path: req.url ?? '', form, status: error.status, violations: null });
          res.writeHead(error.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...error, more_info: `https://www.twilio.com/docs/errors/${error.code}` }));
          return;
        }
        const upstream = await fetch(`${prismUrl}${req.url ?? ''}`, {
          method: req.method,
          headers: {
            'content-type': req.headers['content-type'] ?? '',
            authorization: req.headers.authorization ?? '',
            accept: 'application/json',
          },
          body: raw,
        });
        const body = await upstream.text();
        requests.push({
          path: req.url ?? '',
          form,
          status: upstream.status,
          violations: upstream.headers.get('sl-violations'),
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * SMS end to end with real parts: a journey sends through the twilio SDK to Prism mocking Twilio's
 * API from its OpenAPI spec (a request the real API would refuse gets a 422, not a message sid);
 * Twilio's webhooks are posted signed as Twilio signs them; consent, responses and message states
 * are read from PostgreSQL.
 */
describe('SMS through Twilio', () => {
  // Monday 2026-12-07 10:00 in Tokyo: no quiet hours.
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  let prism: PrismMock;
  let front: Awaited<ReturnType<typeof startTwilioFront>>;
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;
  let publicUrl: string;
  let ids: Record<string, number>;
  /** The journey's message per customer key (s1...). */
  let messageIds: Record<string, string>;

  async function api<T>(workspace: TestWorkspace, path: string, init: RequestInit & { json?: unknown }, status = 200) {
    const response = await test.api(workspace, path, init);
    const body = (await response.json()) as T;
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  async function customers(workspace: TestWorkspace, list: { id: string; phone: string; familyName?: string }[]) {
    await api(
      workspace,
      '/api/v1/customers',
      { method: 'POST', json: { source: 'ec', customers: list.map(({ id, ...c }) => ({ customerId: id, ...c })) } },
      201,
    );
    const { rows } = await test.db.pool.query<{ value: string; customer_id: number }>(
      `SELECT value, customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external' AND value = ANY($2)`,
      [workspace.id, list.map((c) => c.id)],
    );
    const found = Object.fromEntries(rows.map((r) => [r.value, r.customer_id]));
    for (const c of list) {
      await test.db.pool.query(
        `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at) VALUES ($1, $2, 'sms', 'granted', 'test', $3)`,
        [workspace.id, found[c.id], new Date('2026-01-01T00:00:00Z')],
      );
    }
    return found;
  }

  async function smsConsent(workspaceId: number, customerId: number) {
    const { rows } = await test.db.pool.query<{ status: string; source: string }>(
      `SELECT status::text, source FROM consent WHERE workspace_id = $1 AND customer_id = $2 AND channel = 'sms'
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [workspaceId, customerId],
    );
    return rows[0];
  }

  async function responses(customerId: number) {
    const { rows } = await test.db.pool.query<{ kind: string; message_id: string | null; detail: unknown }>(
      `SELECT kind, message_id::text, detail FROM response WHERE customer_id = $1 ORDER BY id`,
      [customerId],
    );
    return rows;
  }

  /** Everything a webhook could write: a refused request must leave all of it as it was. */
  async function stored() {
    const { rows } = await test.db.pool.query<{ what: string }>(
      `SELECT 'response ' || count(*) AS what FROM response
       UNION ALL SELECT 'consent ' || count(*) FROM consent
       UNION ALL SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM message`,
    );
    return rows.map((r) => r.what);
  }

  /** POSTs a webhook form as Twilio does, signed with `token` over the public URL (or with `signature`). */
  function postTwilio(path: string, params: Record<string, string>, token = AUTH_TOKEN, signature?: string | null) {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const value =
      signature === undefined ? twilio.getExpectedTwilioSignature(token, `${publicUrl}${path}`, params) : signature;
    if (value !== null) headers['x-twilio-signature'] = value;
    return fetch(`${test.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(params) });
  }

  const statusCallback = (messageId: string, status: string, to: string, extra: Record<string, string> = {}) =>
    [
      `/webhooks/twilio/status?m=${messageId}`,
      {
        ApiVersion: '2010-04-01',
        AccountSid: ACCOUNT_SID,
        MessageSid: PRISM_SID,
        SmsSid: PRISM_SID,
        MessageStatus: status,
        SmsStatus: status,
        From: FROM,
        To: to,
        ...extra,
      },
    ] as const;

  const inbound = (from: string, body: string, sid: string) =>
    [
      '/webhooks/twilio/inbound',
      {
        ApiVersion: '2010-04-01',
        AccountSid: ACCOUNT_SID,
        MessageSid: sid,
        SmsMessageSid: sid,
        SmsSid: sid,
        From: from,
        To: FROM,
        Body: body,
        NumMedia: '0',
        NumSegments: '1',
        FromCountry: 'JP',
        ToCountry: 'JP',
      },
    ] as const;

  beforeAll(async () => {
    prism = await startPrismMock('tests/providers/twilio/twilio_api_v2010.yaml');
    front = await startTwilioFront(prism.url);
    // A known port, so that the public URL (what the engine tells Twilio, what Twilio signs) is the engine's.
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    test = await startTestEngine(
      { KIZUNA_PERIODIC_TASKS: 'off', PORT: String(port), KIZUNA_PUBLIC_URL: publicUrl },
      { clock },
    );
    shop = await test.createWorkspace('sms-shop');
    other = await test.createWorkspace('sms-other');
    await api(shop, '/api/v1/channels/sms', {
      method: 'PUT',
      json: {
        public: { accountSid: ACCOUNT_SID, fromNumber: FROM, baseUrl: front.url },
        secret: { authToken: AUTH_TOKEN },
      },
    });
    await api(other, '/api/v1/channels/sms', {
      method: 'PUT',
      json: {
        public: { accountSid: OTHER_ACCOUNT_SID, fromNumber: '+815098765432', baseUrl: front.url },
        secret: { authToken: OTHER_AUTH_TOKEN },
      },
    });
    await api(shop, '/api/v1/templates/sms/winter-sale', {
      method: 'PUT',
      json: {
        content: {
          channel: 'sms',
          body: '{{ customer.familyName }}様 冬のセール開催中。クーポン {{ coupon.code }} を店頭でご提示ください。12月24日まで全品10%オフ。配信停止は「停止」と返信',
          couponPrefix: 'WS',
          fallbacks: { 'customer.familyName': 'お客' },
        },
      },
    });
  });

  afterAll(async () => {
    await test.stop();
    await front.close();
    await prism.stop();
  });

  it('sends a journey step through the twilio SDK, validated by Prism against Twilio’s spec', async () => {
    ids = await customers(shop, [
      { id: 's1', phone: '090-1111-2222', familyName: '佐藤' },
      { id: 's2', phone: '+81 90 3333 4444' },
      { id: 's3', phone: '09055556666', familyName: '鈴木' },
      { id: 's4', phone: '09077778888', familyName: '高橋' },
    ]);
    // The same number in another workspace (another Twilio account): nothing done for the shop touches it.
    Object.assign(ids, await customers(other, [{ id: 'o1', phone: '090-1111-2222' }]));
    front.refuse.set('+819055556666', {
      status: 400,
      code: 21211,
      message: "The 'To' number is not a valid phone number.",
    });
    front.refuse.set('+819077778888', {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'winter_sale', filters: [] } },
        { id: 'sms', type: 'send', config: { channel: 'sms', templateId: 'winter-sale' } },
      ],
      edges: [{ id: 'a', source: 'start', target: 'sms' }],
    };
    const journey = await api<{ id: number }>(
      shop,
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Winter SMS', graph } },
      201,
    );
    await api(shop, `/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(
      shop,
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: ['s1', 's2', 's3', 's4'].map((id) => ({
            eventId: `sale-${id}`,
            name: 'winter_sale',
            customer: { customerId: id },
          })),
        },
      },
      202,
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await test.db.pool.query(`SELECT 1 FROM enrollment WHERE journey_id = $1`, [journey.id]);
      if (rows.length === 4) break;
      if (Date.now() > deadline) throw new Error(`enrolled: ${rows.length}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await drainJourneys(test);

    const { rows } = await test.db.pool.query<{
      customer_id: number;
      id: string;
      status: string;
      provider_message_id: string | null;
      last_error: string | null;
      rendered: { to: string; body: string; encoding: string; segments: number };
      coupon_code: string;
    }>(
      `SELECT customer_id, id::text, status, provider_message_id, last_error, rendered, coupon_code
         FROM message WHERE journey_id = $1 ORDER BY customer_id`,
      [journey.id],
    );
    const byCustomer = new Map(rows.map((r) => [r.customer_id, r]));
    const [s1, s2, s3, s4] = ['s1', 's2', 's3', 's4'].map((key) => byCustomer.get(ids[key]!)!);
    messageIds = Object.fromEntries(
      rows.map((r) => [Object.keys(ids).find((key) => ids[key] === r.customer_id)!, r.id]),
    );

    // Accepted by Twilio (Prism): sent, not yet delivered; the sid is Twilio's.
    expect([s1!.status, s1!.provider_message_id, s2!.status, s2!.provider_message_id]).toEqual([
      'sent',
      PRISM_SID,
      'sent',
      PRISM_SID,
    ]);
    // 72 characters of Japanese: UCS-2, two more than one part holds, so two parts. No family name: お客様.
    const text = (name: string, coupon: string) =>
      `${name}様 冬のセール開催中。クーポン ${coupon} を店頭でご提示ください。12月24日まで全品10%オフ。配信停止は「停止」と返信`;
    const body = text('佐藤', s1!.coupon_code);
    expect(body.length).toBe(72);
    expect(s1!.rendered).toEqual({ to: '+819011112222', body, encoding: 'UCS-2', segments: 2 });
    expect(s2!.rendered).toEqual({
      to: '+819033334444',
      body: text('お客', s2!.coupon_code),
      encoding: 'UCS-2',
      segments: 2,
    });
    expect(s1!.coupon_code).toMatch(/^WS-[0-9A-HJKMNP-TV-Z]{10}$/);

    // What went to Twilio, and Prism's verdict on it (201: valid against the spec, no violations).
    const toPrism = front.requests.filter((r) => r.status === 201);
    expect(toPrism.map((r) => [r.path, r.violations])).toEqual([
      [`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, null],
      [`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, null],
    ]);
    expect(toPrism.find((r) => r.form.To === '+819011112222')!.form).toEqual({
      To: '+819011112222',
      From: FROM,
      Body: body,
      StatusCallback: `${publicUrl}/webhooks/twilio/status?m=${s1!.id}`,
    });

    // 21211: the number is refused: bounced. 21610: the customer sent STOP to Twilio: failed, consent revoked.
    expect([s3!.status, s3!.last_error]).toEqual([
      'bounced',
      "Twilio 400/21211: The 'To' number is not a valid phone number.",
    ]);
    expect([s4!.status, s4!.last_error]).toEqual([
      'failed',
      'Twilio 400/21610: Attempt to send to unsubscribed recipient',
    ]);
    expect(await smsConsent(shop.id, ids.s4!)).toEqual({ status: 'revoked', source: 'twilio-21610' });
    expect((await responses(ids.s3!)).map((r) => [r.kind, r.message_id])).toEqual([['bounced', s3!.id]]);
  });

  it('refuses webhooks without a valid signature and stores nothing', async () => {
    const before = await stored();
    const [path, params] = statusCallback(messageIds.s1!, 'delivered', '+819011112222');
    const refused = [
      await postTwilio(path, params, 'not-the-auth-token'),
      await postTwilio(path, params, AUTH_TOKEN, null),
      // Signed by the other workspace's account while naming the shop's.
      await postTwilio(path, params, OTHER_AUTH_TOKEN),
      // Signed for message 1 but posted for another message: the query string is part of the signature.
      await fetch(`${test.url}/webhooks/twilio/status?m=${messageIds.s2!}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${path}`, params),
        },
        body: new URLSearchParams(params),
      }),
      // A parameter changed after signing.
      await fetch(`${test.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${path}`, params),
        },
        body: new URLSearchParams({ ...params, MessageStatus: 'undelivered' }),
      }),
      await postTwilio(...inbound('+819011112222', 'STOP', `SM${'0'.repeat(31)}9`), 'wrong'),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await stored()).toEqual(before);
    expect(await smsConsent(shop.id, ids.s1!)).toEqual({ status: 'granted', source: 'test' });
  });

  it('marks messages delivered or bounced from signed status callbacks, once', async () => {
    const [path, params] = statusCallback(messageIds.s1!, 'delivered', '+819011112222');
    const first = await postTwilio(path, params);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await first.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    // Twilio may post the same callback again: one response.
    expect((await postTwilio(path, params)).status).toBe(200);
    // "sent" comes before "delivered" and changes nothing.
    expect((await postTwilio(...statusCallback(messageIds.s2!, 'sent', '+819033334444'))).status).toBe(200);
    expect(
      (await postTwilio(...statusCallback(messageIds.s2!, 'undelivered', '+819033334444', { ErrorCode: '30003' })))
        .status,
    ).toBe(200);

    const { rows } = await test.db.pool.query<{
      id: string;
      status: string;
      delivered: boolean;
      last_error: string | null;
    }>(
      `SELECT id::text, status, delivered_at IS NOT NULL AS delivered, last_error FROM message WHERE id = ANY($1) ORDER BY id`,
      [[messageIds.s1!, messageIds.s2!]],
    );
    expect(rows).toEqual([
      { id: messageIds.s1!, status: 'delivered', delivered: true, last_error: null },
      { id: messageIds.s2!, status: 'bounced', delivered: false, last_error: 'Twilio undelivered (30003)' },
    ]);
    expect(await responses(ids.s1!)).toEqual([
      { kind: 'delivered', message_id: messageIds.s1!, detail: { status: 'delivered' } },
    ]);
    expect(await responses(ids.s2!)).toEqual([
      { kind: 'bounced', message_id: messageIds.s2!, detail: { status: 'undelivered', errorCode: '30003' } },
    ]);
  });

  it('records replies, and STOP / 停止 revoke SMS consent (START gives it back)', async () => {
    const sid = (n: number) => `SM${String(n).padStart(32, '0')}`;
    clock.advance(60_000);
    expect((await postTwilio(...inbound('+819011112222', 'ありがとうございます！', sid(1)))).status).toBe(200);
    clock.advance(60_000);
    expect((await postTwilio(...inbound('+819011112222', 'Stop', sid(2)))).status).toBe(200);
    expect(await smsConsent(shop.id, ids.s1!)).toEqual({ status: 'revoked', source: 'sms-keyword' });
    // Full-width spaces around the Japanese keyword (NFKC, trimmed).
    expect((await postTwilio(...inbound('+819033334444', '\u3000停止\u3000', sid(3)))).status).toBe(200);
    expect(await smsConsent(shop.id, ids.s2!)).toEqual({ status: 'revoked', source: 'sms-keyword' });

    expect((await responses(ids.s1!)).map((r) => [r.kind, r.message_id, r.detail])).toEqual([
      ['delivered', messageIds.s1!, { status: 'delivered' }],
      ['replied', messageIds.s1!, { text: 'ありがとうございます！', messageSid: sid(1) }],
      ['unsubscribed', messageIds.s1!, { keyword: 'Stop', messageSid: sid(2) }],
    ]);
    expect((await responses(ids.s2!)).map((r) => r.kind)).toEqual(['bounced', 'unsubscribed']);
    // The other workspace's customer with the same number keeps their consent.
    expect(await smsConsent(other.id, ids.o1!)).toEqual({ status: 'granted', source: 'test' });

    // A STOP delivered twice adds no second decision; START grants again.
    const before = await stored();
    expect((await postTwilio(...inbound('+819011112222', 'Stop', sid(2)))).status).toBe(200);
    expect(await stored()).toEqual(before);
    clock.advance(60_000);
    expect((await postTwilio(...inbound('+819011112222', '再開', sid(4)))).status).toBe(200);
    expect(await smsConsent(shop.id, ids.s1!)).toEqual({ status: 'granted', source: 'sms-keyword' });

    // A number no customer has: answered, nothing stored.
    const unknown = await stored();
    expect((await postTwilio(...inbound('+819099990000', 'STOP', sid(5)))).status).toBe(200);
    expect(await stored()).toEqual(unknown);
  });
});
