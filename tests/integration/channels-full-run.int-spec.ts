import { ManualClock } from '@kizuna/shared';
import { createHash, createHmac } from 'node:crypto';
import twilio from 'twilio';
import { DispatchOutboxUseCase } from '../../apps/engine/src/channels/use-cases/dispatch-outbox.use-case';
import { JourneyTicker } from '../../apps/engine/src/journeys/journey-ticker';
import { freePort, startPrismMock, type PrismMock } from '../support/prism-mock';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';
import { waitForQueues } from '../support/engine-work';
import { rule } from '../support/segment-rule';

const LINE_SECRET = 'full-run-line-secret';
const ACCOUNT_SID = `AC${'3c'.repeat(16)}`;
const AUTH_TOKEN = 'full-run-twilio-token';
const CHANNELS = ['email', 'line', 'sms', 'dm'] as const;

/**
 * The whole loop on all four channels with the real providers' SDKs: a journey with a holdout
 * sends by email (SMTP server), LINE (Prism on LINE's OpenAPI spec), SMS (Prism on Twilio's) and
 * direct mail (an export batch); responses come back through the signed webhooks and tracking
 * links; orders are imported and attributed to the step that messaged the customer, and the
 * holdout's orders to the journey without a message.
 */
describe('Channels: a full run', () => {
  const clock = new ManualClock('2026-12-07T02:00:00Z'); // Monday 11:00 in Tokyo
  let test: TestEngine;
  let shop: TestWorkspace;
  let smtp: SmtpSink;
  let line: PrismMock;
  let sms: PrismMock;
  let publicUrl: string;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  beforeAll(async () => {
    [smtp, line, sms] = await Promise.all([
      startSmtpSink(),
      startPrismMock('tests/providers/line/messaging-api.yml'),
      startPrismMock('tests/providers/twilio/twilio_api_v2010.yaml'),
    ]);
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    test = await startTestEngine(
      { KIZUNA_PERIODIC_TASKS: 'off', PORT: String(port), KIZUNA_PUBLIC_URL: publicUrl },
      { clock },
    );
    shop = await test.createWorkspace('full-run');
  }, 120_000);

  afterAll(async () => {
    await test.stop();
    await Promise.all([smtp.close(), line.stop(), sms.stop()]);
  });

  it('sends on every channel, takes the responses back and attributes the orders', async () => {
    await api('/api/v1/channels/email', {
      method: 'PUT',
      json: {
        public: { fromAddress: 'news@kizuna.example', senderName: '絆コスメ', postalAddress: '東京都渋谷区神南1-2-3' },
        secret: { smtpUrl: `smtp://127.0.0.1:${smtp.port}?tls=off` },
      },
    });
    await api('/api/v1/channels/line', {
      method: 'PUT',
      json: { public: { baseUrl: line.url }, secret: { channelAccessToken: 'token', channelSecret: LINE_SECRET } },
    });
    await api('/api/v1/channels/sms', {
      method: 'PUT',
      json: {
        public: { accountSid: ACCOUNT_SID, fromNumber: '+815012345678', baseUrl: sms.url },
        secret: { authToken: AUTH_TOKEN },
      },
    });
    const templates = {
      email: {
        channel: 'email',
        subject: '{{ customer.fullName }} 様へ',
        html: '<p>冬のご案内</p>',
        fallbacks: { 'customer.fullName': 'お客' },
      },
      line: { channel: 'line', messages: [{ type: 'text', text: '冬のご案内です' }] },
      sms: {
        channel: 'sms',
        body: '{{ customer.familyName }}様 冬のご案内',
        fallbacks: { 'customer.familyName': 'お客' },
      },
      dm: { channel: 'dm', creativeId: 'winter-postcard', couponPrefix: 'DM' },
    };
    for (const [channel, content] of Object.entries(templates)) {
      await api(`/api/v1/templates/${channel}/winter`, { method: 'PUT', json: { content } });
    }

    // 40 customers, each preferring one channel, reachable on all of them.
    const keys = Array.from({ length: 40 }, (_, i) => `f${i + 1}`);
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: keys.map((key, i) => ({
            customerId: key,
            email: `${key}@example.jp`,
            phone: `+8190${String(10_000_000 + i).padStart(8, '0')}`,
            lineUserId: `U${createHash('md5').update(key).digest('hex')}`,
            familyName: '山田',
            postalCode: '150-0041',
            prefecture: '東京都',
            city: '渋谷区',
            addressLine1: '神南1-2-3',
            attributes: { preferred: CHANNELS[i % 4] },
          })),
        },
      },
      201,
    );
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT c.workspace_id, c.id, ch::consent_channel, 'granted', 'test', '2026-01-01' FROM customer c, unnest($2::text[]) ch
       WHERE c.workspace_id = $1`,
      [shop.id, CHANNELS],
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'winter_campaign', filters: [] } },
        { id: 'hold', type: 'holdout', config: { controlShare: 20 } },
        {
          id: 'by-channel',
          type: 'branch',
          config: {
            conditions: CHANNELS.slice(0, 3).map((channel) => ({
              id: channel,
              rule: rule({ type: 'attribute', field: 'attributes.preferred', operator: 'eq', value: channel }),
            })),
          },
        },
        ...CHANNELS.map((channel) => ({
          id: `send-${channel}`,
          type: 'send',
          config: { channel, templateId: 'winter' },
        })),
        { id: 'goal', type: 'goal', config: { name: 'Purchase', conversion: { kind: 'purchase' }, withinDays: 14 } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'hold' },
        { id: 'e2', source: 'hold', sourceHandle: 'treatment', target: 'by-channel' },
        { id: 'e3', source: 'hold', sourceHandle: 'control', target: 'goal' },
        ...CHANNELS.slice(0, 3).map((channel) => ({
          id: `b-${channel}`,
          source: 'by-channel',
          sourceHandle: channel,
          target: `send-${channel}`,
        })),
        { id: 'b-dm', source: 'by-channel', sourceHandle: 'else', target: 'send-dm' },
        ...CHANNELS.map((channel) => ({ id: `g-${channel}`, source: `send-${channel}`, target: 'goal' })),
      ],
    };
    const journey = await api<{ id: number }>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Winter', graph } },
      201,
    );
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: keys.map((key) => ({ eventId: `w-${key}`, name: 'winter_campaign', customer: { customerId: key } })),
        },
      },
      202,
    );
    for (let i = 0; i < 200; i++) {
      const { rowCount } = await test.db.pool.query(`SELECT 1 FROM enrollment WHERE journey_id = $1`, [journey.id]);
      if (rowCount === 40) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await waitForQueues(test);
    await test.engine.app.get(JourneyTicker).tick();
    await waitForQueues(test);
    await test.engine.app.get(DispatchOutboxUseCase).execute();
    await waitForQueues(test);

    const { rows: groups } = await test.db.pool.query<{ holdout_group: string; n: number }>(
      `SELECT holdout_group, count(*)::integer AS n FROM enrollment WHERE journey_id = $1 GROUP BY 1 ORDER BY 1`,
      [journey.id],
    );
    const control = groups.find((g) => g.holdout_group === 'control')?.n ?? 0;
    expect(control).toBeGreaterThan(0);
    const { rows: sent } = await test.db.pool.query<{ channel: string; status: string; n: number }>(
      `SELECT channel, status, count(*)::integer AS n FROM message WHERE journey_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [journey.id],
    );
    // Every treated customer got one message on their channel: delivered (email, LINE), sent (SMS
    // until Twilio reports, DM until the batch is exported).
    expect(sent.reduce((total, row) => total + row.n, 0)).toBe(40 - control);
    expect(new Set(sent.map((row) => `${row.channel}:${row.status}`))).toEqual(
      new Set(['dm:sent', 'email:delivered', 'line:delivered', 'sms:sent']),
    );
    expect(smtp.received.length).toBe(sent.find((row) => row.channel === 'email')!.n);
    const { rows: messages } = await test.db.pool.query<{
      id: string;
      channel: string;
      customer_id: number;
      recipient: string;
      coupon_code: string | null;
    }>(`SELECT id::text, channel, customer_id, recipient, coupon_code FROM message WHERE journey_id = $1 ORDER BY id`, [
      journey.id,
    ]);
    const first = (channel: string) => messages.find((m) => m.channel === channel)!;

    // Responses: an email open, a LINE reply, an SMS delivery report and reply.
    const pixel = /src="([^"]*\/t\/o\/[^"]+)"/.exec(smtp.received[0]!.parsed.html as string)![1]!;
    expect((await fetch(`${test.url}${new URL(pixel).pathname}`)).status).toBe(200);
    const lineUser = first('line').recipient;
    const lineBody = JSON.stringify({
      destination: `U${'b'.repeat(32)}`,
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: clock.now().getTime(),
          webhookEventId: `01KIZUNA${'1'.padStart(18, '0')}`,
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId: lineUser },
          replyToken: 'reply-token',
          message: { id: '1', type: 'text', quoteToken: 'q', text: 'ありがとう！' },
        },
      ],
    });
    const lineReply = await fetch(`${test.url}/webhooks/line/${shop.slug}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-line-signature': createHmac('sha256', LINE_SECRET).update(lineBody).digest('base64'),
      },
      body: lineBody,
    });
    expect(lineReply.status).toBe(200);
    const smsMessage = first('sms');
    const twilioPost = async (path: string, params: Record<string, string>) =>
      fetch(`${test.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${path}`, params),
        },
        body: new URLSearchParams(params).toString(),
      });
    const { rows: providerIds } = await test.db.pool.query<{ provider_message_id: string }>(
      `SELECT provider_message_id FROM message WHERE id = $1`,
      [smsMessage.id],
    );
    expect(
      (
        await twilioPost(`/webhooks/twilio/status?m=${smsMessage.id}`, {
          AccountSid: ACCOUNT_SID,
          MessageSid: providerIds[0]!.provider_message_id,
          MessageStatus: 'delivered',
          To: smsMessage.recipient,
          From: '+815012345678',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await twilioPost('/webhooks/twilio/inbound', {
          AccountSid: ACCOUNT_SID,
          MessageSid: 'SM' + 'f'.repeat(32),
          From: smsMessage.recipient,
          To: '+815012345678',
          Body: '了解です',
        })
      ).status,
    ).toBe(200);
    // Direct mail: exported for print, and the coupon comes back in an order.
    const { items: batches } = await api<{ items: { id: number; itemCount: number }[] }>('/api/v1/dm-batches');
    expect(batches.map((b) => b.itemCount)).toEqual([sent.find((row) => row.channel === 'dm')!.n]);

    // Orders two days later: one customer per channel, one holdout customer, and the DM coupon redeemed.
    clock.set('2026-12-09T03:00:00Z');
    const { rows: controlCustomers } = await test.db.pool.query<{ customer_id: number }>(
      `SELECT customer_id FROM enrollment WHERE journey_id = $1 AND holdout_group = 'control' ORDER BY customer_id LIMIT 1`,
      [journey.id],
    );
    const keyOf = async (customerId: number) =>
      (
        await test.db.pool.query<{ value: string }>(
          `SELECT value FROM customer_identity WHERE customer_id = $1 AND kind = 'external'`,
          [customerId],
        )
      ).rows[0]!.value;
    const buyers = [...CHANNELS.map((channel) => first(channel).customer_id), controlCustomers[0]!.customer_id];
    const orderLines = await Promise.all(
      buyers.map(
        async (customerId, i) =>
          `W-${i + 1},${await keyOf(customerId)},2026-12-09 12:00,LOTION,1,3300,${first('dm').customer_id === customerId ? (first('dm').coupon_code ?? '') : ''}`,
      ),
    );
    const upload = await uploadImport(
      test,
      shop,
      { kind: 'orders', source: 'ec' },
      ['order_id,customer_id,ordered_at,sku,quantity,unit_price,coupon_code', ...orderLines].join('\n'),
    );
    await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
    await waitForQueues(test);

    const { rows: responses } = await test.db.pool.query<{
      channel: string | null;
      node_id: string | null;
      kind: string;
      via: string | null;
    }>(
      `SELECT channel, node_id, kind, detail->>'via' AS via FROM response WHERE journey_id = $1 AND kind <> 'delivered' ORDER BY channel, kind, via`,
      [journey.id],
    );
    // Each response once, on the step that caused it; the DM's order counts by its coupon (not also by last touch).
    expect(responses).toEqual([
      { channel: 'dm', node_id: 'send-dm', kind: 'converted', via: 'coupon' },
      { channel: 'email', node_id: 'send-email', kind: 'converted', via: 'last-touch' },
      { channel: 'email', node_id: 'send-email', kind: 'opened', via: null },
      { channel: 'line', node_id: 'send-line', kind: 'converted', via: 'last-touch' },
      { channel: 'line', node_id: 'send-line', kind: 'replied', via: null },
      { channel: 'sms', node_id: 'send-sms', kind: 'converted', via: 'last-touch' },
      { channel: 'sms', node_id: 'send-sms', kind: 'replied', via: null },
      { channel: null, node_id: null, kind: 'converted', via: 'holdout' },
    ]);
    const { rows: smsStatus } = await test.db.pool.query<{ status: string }>(
      `SELECT status FROM message WHERE id = $1`,
      [smsMessage.id],
    );
    expect(smsStatus).toEqual([{ status: 'delivered' }]);
  }, 120_000);
});
