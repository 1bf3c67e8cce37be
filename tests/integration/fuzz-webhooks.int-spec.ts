import fc from 'fast-check';
import { createHash, createHmac } from 'node:crypto';
import twilio from 'twilio';
import { freePort } from '../support/prism-mock';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

const CHANNEL_SECRET = 'fuzz-line-channel-secret';
const BOT = `U${'b'.repeat(32)}`;
const ACCOUNT_SID = `AC${'3c'.repeat(16)}`;
const AUTH_TOKEN = 'fuzz-twilio-auth-token';
const FROM = '+815012340000';
const lineId = (name: string) => `U${createHash('md5').update(name).digest('hex')}`;

/** Text that breaks storage: NUL (jsonb refuses it), lone surrogates, long, emoji, full-width. */
const text = fc.oneof(
  fc.string({ maxLength: 20, unit: 'grapheme' }),
  fc.string({ maxLength: 10, unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    'STOP',
    '停止',
    '２０００－１２３４－５６７８',
    'survey=revisit&answer=yes&m=1',
    'm=99999999999999999999',
    '\ud800',
  ),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'あ'.repeat(n)),
);
const odd = fc.oneof(text, fc.constantFrom(null, true, -1, 1.5, 1e21, [], {}), fc.jsonValue({ maxDepth: 2 }));

/** LINE events of each type, sometimes with a field replaced by an odd value or dropped. */
const lineEvent = fc
  .record({
    type: fc.constantFrom('follow', 'unfollow', 'message', 'postback', 'accountLink', 'beacon', 'memberJoined'),
    user: fc.oneof(
      fc.constantFrom('friend-1', 'friend-2', 'known').map(lineId),
      fc.constantFrom('', 'x', `U${'g'.repeat(32)}`, 'U'.repeat(500)),
    ),
    timestamp: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }) },
      fc.constantFrom(-1, 1.5, 8.64e15 + 1),
    ),
    eventId: fc.oneof(
      { weight: 8, arbitrary: fc.uuid().map((u) => `01F${u.replace(/-/g, '').slice(0, 23).toUpperCase()}`) },
      fc.constantFrom('', 'x'.repeat(101)),
    ),
    redelivery: fc.boolean(),
    message: fc.record({
      type: fc.constantFrom('text', 'sticker', 'image', ''),
      id: fc.string({ minLength: 1, maxLength: 8 }),
      text,
    }),
    postback: fc.record({ data: text }),
    link: fc.record({ result: fc.constantFrom('ok', 'failed', 'maybe'), nonce: text }),
    damage: fc.option(
      fc.tuple(
        fc.constantFrom(
          'type',
          'mode',
          'timestamp',
          'webhookEventId',
          'deliveryContext',
          'source',
          'message',
          'postback',
          'link',
        ),
        odd,
      ),
      // Most events whole: a damaged one makes its whole delivery a 400.
      { freq: 4, nil: null },
    ),
  })
  .map(({ type, user, timestamp, eventId, redelivery, message, postback, link, damage }) => {
    const event: Record<string, unknown> = {
      type,
      mode: 'active',
      timestamp,
      webhookEventId: eventId,
      deliveryContext: { isRedelivery: redelivery },
      source: { type: 'user', userId: user },
      replyToken: 'r',
      ...(type === 'message' ? { message } : {}),
      ...(type === 'postback' ? { postback } : {}),
      ...(type === 'accountLink' ? { link } : {}),
    };
    if (damage) event[damage[0]] = damage[1];
    return event;
  });

const lineBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ destination: fc.constant(BOT), events: fc.array(lineEvent, { maxLength: 4 }) })
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.record({ destination: odd, events: odd }).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')) },
);
type Signing = 'valid' | 'wrong-secret' | 'missing' | 'other-body' | 'garbage';
const signing = fc.constantFrom<Signing>('valid', 'valid', 'valid', 'wrong-secret', 'missing', 'other-body', 'garbage');

/** Twilio's form fields, each sometimes odd, sometimes missing, sometimes with extra fields. */
const twilioParams = fc
  .record({
    AccountSid: fc.oneof(
      { weight: 5, arbitrary: fc.constant(ACCOUNT_SID) },
      fc.constantFrom('', 'AC123', `AC${'0'.repeat(32)}`),
    ),
    MessageSid: fc.oneof(
      { weight: 5, arbitrary: fc.constant(`SM${'a'.repeat(32)}`) },
      fc.constantFrom('', 'SMx', `MM${'1'.repeat(32)}`),
    ),
    MessageStatus: fc.oneof(
      fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', ''),
      fc.string({ maxLength: 50 }),
    ),
    ErrorCode: fc.oneof(fc.constant(undefined), fc.constantFrom('30003', '21610', 'x', '')),
    From: fc.oneof(fc.constantFrom('+819011110000', '090-1111-0000', '+81', '', 'abc'), fc.string({ maxLength: 20 })),
    To: fc.constantFrom(FROM, '+815099999999', ''),
    Body: text,
    OptOutType: fc.oneof(fc.constant(undefined), fc.constantFrom('STOP', 'START', 'HELP', 'MAYBE')),
    extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }),
  })
  .map(({ extra, ...fields }) => {
    const params: Record<string, string> = { ...extra };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) params[key] = value;
    return params;
  });
const messageRef = fc.oneof(
  fc.constantFrom('1', '2', '0', '-1', 'abc', '1e5', '99999999999999999999', '', '1&m=2'),
  fc.string({ maxLength: 6 }),
);

/**
 * The public webhooks under random bodies and signatures. A request that is not signed by the
 * provider is refused (LINE 401, Twilio 403) with nothing stored; a signed body that is not what
 * the provider sends is a 400 naming the field, with nothing stored; a valid one is a 200. Never
 * a 500 (LINE and Twilio would redeliver it forever).
 */
describe('webhooks under random bodies and signatures (fast-check)', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let publicUrl: string;
  const tally = new Map<string, number>();

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off', PORT: String(port), KIZUNA_PUBLIC_URL: publicUrl });
    shop = await test.createWorkspace('fuzz-hooks');
    const put = async (route: string, json: unknown) =>
      expect((await test.api(shop, route, { method: 'PUT', json })).status).toBe(200);
    await put('/api/v1/channels/line', {
      public: { channelId: '1657000000' },
      secret: { channelAccessToken: 'token', channelSecret: CHANNEL_SECRET },
    });
    await put('/api/v1/channels/sms', {
      public: { accountSid: ACCOUNT_SID, fromNumber: FROM },
      secret: { authToken: AUTH_TOKEN },
    });
    const customers = await test.api(shop, '/api/v1/customers', {
      method: 'POST',
      json: {
        source: 'ec',
        customers: [
          { customerId: 'known', lineUserId: lineId('known'), phone: '090-1111-0000', memberNo: '2000-1234-5678' },
        ],
      },
    });
    expect(customers.status).toBe(201);
  });
  afterAll(async () => {
    console.info(`webhook fuzz outcomes: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    await test.stop();
  });

  /** Every table a webhook can write. */
  async function stored(): Promise<string> {
    const { rows } = await test.db.pool.query<{ s: string }>(
      `SELECT concat_ws(' ', (SELECT count(*) FROM customer), (SELECT count(*) FROM customer_identity),
         (SELECT count(*) FROM consent), (SELECT count(*) FROM response), (SELECT count(*) FROM merge_log),
         (SELECT count(*) FROM line_link_nonce), (SELECT string_agg(id || status, ',') FROM message)) AS s`,
    );
    return rows[0]!.s;
  }

  function count(what: string) {
    tally.set(what, (tally.get(what) ?? 0) + 1);
  }

  async function expectAnswer(response: Response, refused: number, sent: string) {
    const text = await response.text();
    if (response.status >= 500) throw new Error(`answered ${response.status}: ${text}\nsent: ${sent.slice(0, 1_000)}`);
    if (response.status === refused || response.status === 400) {
      const body = JSON.parse(text) as { code: string; message: string; issues?: { field: string }[] };
      expect(typeof body.code).toBe('string');
      expect(body.message.length).toBeGreaterThan(5);
      if (body.code === 'validation_failed') expect(body.issues?.every((i) => typeof i.field === 'string')).toBe(true);
    } else expect(response.status).toBe(200);
  }

  it('LINE: refuses unsigned bodies (401) and malformed signed ones (400) with nothing stored, takes the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        lineBody,
        signing,
        fc.constantFrom('fuzz-hooks', 'fuzz-hooks', 'no-such-shop', '..%2F'),
        async (body, how, slug) => {
          const signatures: Record<Signing, string | undefined> = {
            valid: createHmac('sha256', CHANNEL_SECRET).update(body).digest('base64'),
            'wrong-secret': createHmac('sha256', 'not-the-secret').update(body).digest('base64'),
            missing: undefined,
            'other-body': createHmac('sha256', CHANNEL_SECRET).update(`${body} `).digest('base64'),
            garbage: '%%%not-base64',
          };
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (signatures[how] !== undefined) headers['x-line-signature'] = signatures[how];
          const before = await stored();
          const response = await fetch(`${test.url}/webhooks/line/${slug}`, { method: 'POST', headers, body });
          count(`LINE ${how === 'valid' && slug === 'fuzz-hooks' ? 'signed' : 'unsigned'} ${response.status}`);
          await expectAnswer(response, 401, body);
          if (response.status !== 200) expect(await stored()).toBe(before);
          if (how !== 'valid' || slug !== 'fuzz-hooks') expect(response.status).not.toBe(200);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  }, 60_000);

  it('LINE: stores signed single events whatever text, postback data, nonce or user id they carry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('message', 'postback', 'accountLink', 'follow'),
        text,
        fc.oneof(fc.constantFrom('friend-3', 'known').map(lineId), text),
        async (type, value, userId) => {
          const event = {
            type,
            mode: 'active',
            timestamp: 1_800_000_000_000,
            webhookEventId: `01FUZZ${createHash('md5').update(`${type}${value}${userId}`).digest('hex').slice(0, 20)}`,
            deliveryContext: { isRedelivery: false },
            source: { type: 'user', userId },
            message: { type: 'text', id: '1', text: value },
            postback: { data: value },
            link: { result: 'ok', nonce: value },
          };
          const body = JSON.stringify({ destination: BOT, events: [event] });
          const before = await stored();
          const response = await fetch(`${test.url}/webhooks/line/fuzz-hooks`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-line-signature': createHmac('sha256', CHANNEL_SECRET).update(body).digest('base64'),
            },
            body,
          });
          count(`LINE signed single ${type} ${response.status}`);
          await expectAnswer(response, 401, body);
          if (response.status !== 200) expect(await stored()).toBe(before);
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  }, 60_000);

  it('Twilio: refuses unsigned forms (403) and malformed signed ones (400) with nothing stored, takes the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('status', 'inbound'),
        twilioParams,
        messageRef,
        signing,
        async (hook, params, m, how) => {
          const path =
            hook === 'status' ? `/webhooks/twilio/status?m=${encodeURIComponent(m)}` : '/webhooks/twilio/inbound';
          const sign = (token: string, url: string, form: Record<string, string>) =>
            twilio.getExpectedTwilioSignature(token, url, form);
          const signatures: Record<Signing, string | undefined> = {
            valid: sign(AUTH_TOKEN, `${publicUrl}${path}`, params),
            'wrong-secret': sign('not-the-token', `${publicUrl}${path}`, params),
            missing: undefined,
            'other-body': sign(AUTH_TOKEN, `${publicUrl}${path}`, { ...params, Body: `${params.Body ?? ''}!` }),
            garbage: '%%%',
          };
          const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
          if (signatures[how] !== undefined) headers['x-twilio-signature'] = signatures[how];
          const before = await stored();
          const response = await fetch(`${test.url}${path}`, {
            method: 'POST',
            headers,
            body: new URLSearchParams(params),
          });
          count(`Twilio ${hook} ${how === 'valid' ? 'signed' : 'unsigned'} ${response.status}`);
          await expectAnswer(response, 403, JSON.stringify({ path, params }));
          if (response.status !== 200) expect(await stored()).toBe(before);
          if (how !== 'valid' && params.Body !== `${params.Body ?? ''}!`) expect(response.status).not.toBe(200);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  }, 60_000);

  it('Twilio: stores signed replies of a known number whatever their text', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.nat(), async (body, n) => {
        const sid = `SM${createHash('md5').update(`${n}${body}`).digest('hex')}`;
        const params = { AccountSid: ACCOUNT_SID, MessageSid: sid, From: '+819011110000', To: FROM, Body: body };
        const path = '/webhooks/twilio/inbound';
        const response = await fetch(`${test.url}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${path}`, params),
          },
          body: new URLSearchParams(params),
        });
        count(`Twilio signed reply ${response.status}`);
        await expectAnswer(response, 403, JSON.stringify(params));
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 60_000);
});
