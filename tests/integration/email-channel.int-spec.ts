import { ManualClock } from '@kizuna/shared';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';
import { drainJourneys, waitForQueues } from '../support/engine-work';

/**
 * Email end to end against a real SMTP server (smtp-server, parsed with mailparser): provider
 * settings kept secret, a Liquid template with fallbacks, what the Act on Specified Electronic
 * Mail requires in each message, RFC 8058 one-click unsubscribe, signed open and click tracking,
 * 4xx retried and 5xx bounced.
 */
describe('Email channel', () => {
  // Monday 2026-12-07 11:00 in Tokyo (outside quiet hours).
  const clock = new ManualClock('2026-12-07T02:00:00Z');
  let test: TestEngine;
  let shop: TestWorkspace;
  let smtp: SmtpSink;
  let journeyId: number;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function messages() {
    const { rows } = await test.db.pool.query<{
      id: string;
      customer_id: number;
      status: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date | null;
      recipient: string | null;
    }>(
      `SELECT id::text, customer_id, status, attempts, last_error, next_attempt_at, recipient FROM message WHERE journey_id = $1 ORDER BY customer_id`,
      [journeyId],
    );
    return rows;
  }

  async function responses(messageId: string) {
    const { rows } = await test.db.pool.query<{ kind: string; node_id: string | null; journey_id: number | null }>(
      `SELECT kind, node_id, journey_id FROM response WHERE message_id = $1 ORDER BY id`,
      [messageId],
    );
    return rows;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' }, { clock });
    shop = await test.createWorkspace('mail-shop');
  });

  afterAll(async () => {
    await test.stop();
    await smtp.close();
  });

  it('keeps provider secrets out of every answer and names bad fields', async () => {
    const bad = await test.api(shop, '/api/v1/channels/email', {
      method: 'PUT',
      json: { public: { fromAddress: 'not-an-address', senderName: '絆コスメ' }, secret: { smtpUrl: 'http://x' } },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { field: string }[] };
    expect(body.issues.map((i) => i.field).sort()).toEqual([
      'public.fromAddress',
      'public.postalAddress',
      'secret.smtpUrl',
    ]);

    const saved = await api<Record<string, unknown>>('/api/v1/channels/email', {
      method: 'PUT',
      json: {
        public: {
          fromAddress: 'news@kizuna-cosme.example',
          senderName: '絆コスメ',
          postalAddress: '東京都渋谷区神南1-2-3',
        },
        secret: { smtpUrl: `smtp://mailer:s3cr3t-pass@127.0.0.1:${smtp.port}?tls=off` },
      },
    });
    expect(JSON.stringify(saved)).not.toContain('s3cr3t');
    const listed = await api<unknown[]>('/api/v1/channels');
    expect(JSON.stringify(listed)).not.toContain('s3cr3t');
    const { rows } = await test.db.pool.query<{ secret: Buffer }>(
      `SELECT secret FROM channel_settings WHERE workspace_id = $1`,
      [shop.id],
    );
    expect(rows[0]!.secret.toString('latin1')).not.toContain('s3cr3t');
  });

  it('refuses a template with a Liquid syntax error, naming the field', async () => {
    const response = await test.api(shop, '/api/v1/templates/email/broken', {
      method: 'PUT',
      json: { content: { channel: 'email', subject: 'ok', html: '<p>{% if customer.givenName %}</p>' } },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: { field: string }[] }).issues[0]!.field).toBe('html');
  });

  it('sends a personalised Japanese email with the legal footer, one-click unsubscribe and signed tracking', async () => {
    await api('/api/v1/templates/email/welcome', {
      method: 'PUT',
      json: {
        content: {
          channel: 'email',
          subject: '{{ customer.fullName }} 様、うるおいラインのご案内',
          html: '<p>{{ customer.fullName }} 様</p><p>クーポン: {{ coupon.code }}</p><p><a href="https://shop.example/uruoi?utm=mail">見る</a></p>',
          couponPrefix: 'WELCOME',
          fallbacks: { 'customer.fullName': 'お客' },
        },
      },
    });
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: [
            { customerId: 'm1', email: 'hanako@example.jp', familyName: '山田', givenName: '花子' },
            { customerId: 'm2', email: 'nameless@example.jp' },
            { customerId: 'm3', email: 'later@example.jp' },
            { customerId: 'm4', email: 'gone@example.jp' },
          ],
        },
      },
      201,
    );
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT workspace_id, customer_id, 'email', 'granted', 'test', '2026-01-01' FROM customer_identity WHERE workspace_id = $1 AND kind = 'email'`,
      [shop.id],
    );
    smtp.reject.set('later@example.jp', { code: 451, message: 'Try again later' });
    smtp.reject.set('gone@example.jp', { code: 550, message: 'No such user' });
    const journey = await api<{ id: number }>(
      '/api/v1/journeys',
      {
        method: 'POST',
        json: {
          name: 'Welcome mail',
          graph: {
            version: 1,
            nodes: [
              { id: 'start', type: 'trigger.event', config: { eventName: 'signed_up', filters: [] } },
              { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'welcome' } },
            ],
            edges: [{ id: 'a', source: 'start', target: 'mail' }],
          },
        },
      },
      201,
    );
    journeyId = journey.id;
    await api(`/api/v1/journeys/${journeyId}/publish`, { method: 'POST' });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: ['m1', 'm2', 'm3', 'm4'].map((id) => ({
            eventId: `su-${id}`,
            name: 'signed_up',
            customer: { customerId: id },
          })),
        },
      },
      202,
    );
    for (
      let i = 0;
      i < 100 &&
      (await test.db.pool.query(`SELECT 1 FROM enrollment WHERE journey_id = $1`, [journeyId])).rowCount! < 4;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await drainJourneys(test);

    const [m1, m2, m3, m4] = await messages();
    expect([m1!.status, m2!.status, m3!.status, m4!.status]).toEqual(['delivered', 'delivered', 'queued', 'bounced']);
    // 4xx: kept for a retry later, with the reason; 5xx: bounced, with a response.
    expect(m3).toMatchObject({ attempts: 1, last_error: expect.stringContaining('451') });
    expect(m3!.next_attempt_at!.getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await responses(m4!.id)).map((r) => r.kind)).toEqual(['bounced']);
    expect((await responses(m1!.id))[0]).toEqual({ kind: 'delivered', node_id: 'mail', journey_id: journeyId });

    const mail = smtp.received.find((r) => r.envelopeTo.includes('hanako@example.jp'))!;
    expect(mail.parsed.subject).toBe('山田 花子 様、うるおいラインのご案内');
    expect(mail.parsed.from?.value[0]).toMatchObject({ address: 'news@kizuna-cosme.example', name: '絆コスメ' });
    expect(mail.parsed.html).toContain('山田 花子 様');
    expect(mail.parsed.text).toContain('住所: 東京都渋谷区神南1-2-3');
    expect(mail.parsed.html).toMatch(/クーポン: WELCOME-[0-9A-Z]{10}/);
    const nameless = smtp.received.find((r) => r.envelopeTo.includes('nameless@example.jp'))!;
    expect(nameless.parsed.subject).toBe('お客 様、うるおいラインのご案内');
    const listHeader = mail.parsed.headers.get('list') as { unsubscribe: { url: string } };
    const unsubscribeUrl = listHeader.unsubscribe.url;
    expect(unsubscribeUrl).toMatch(/\/t\/u\/[\w-]+\.[\w-]+$/);
    expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect(mail.parsed.text).toContain(unsubscribeUrl);

    // The click goes through a signed redirect; a tampered link goes nowhere.
    const click = /href="([^"]*\/t\/c\/[^"]+)"/.exec(mail.parsed.html as string)![1]!.replace(/&amp;/g, '&');
    const path = new URL(click).pathname;
    const redirected = await fetch(`${test.url}${path}`, { redirect: 'manual' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('https://shop.example/uruoi?utm=mail');
    const tampered = path.replace(/\.([\w-]{4})/, '.AAAA');
    expect((await fetch(`${test.url}${tampered}`, { redirect: 'manual' })).status).toBe(404);
    const pixel = /src="([^"]*\/t\/o\/[^"]+)"/.exec(mail.parsed.html as string)![1]!;
    const opened = await fetch(`${test.url}${new URL(pixel).pathname}`);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    await fetch(`${test.url}${new URL(pixel).pathname}`);
    expect((await responses(m1!.id)).map((r) => r.kind)).toEqual(['delivered', 'clicked', 'opened']);

    // RFC 8058 one-click: the mail client POSTs; consent is revoked at once, and only once recorded.
    const unsubscribePath = new URL(unsubscribeUrl).pathname;
    const page = await fetch(`${test.url}${unsubscribePath}`);
    expect(await page.text()).toContain('配信を停止する');
    for (let i = 0; i < 2; i++) {
      const oneClick = await fetch(`${test.url}${unsubscribePath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
    }
    const { rows: consent } = await test.db.pool.query<{ status: string }>(
      `SELECT status FROM consent WHERE customer_id = $1 AND channel = 'email' ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [m1!.customer_id],
    );
    expect(consent).toEqual([{ status: 'revoked' }]);
    expect((await responses(m1!.id)).filter((r) => r.kind === 'unsubscribed')).toHaveLength(1);

    // The 4xx recipient is accepted later: the retry sends the same message (same Message-ID, same coupon).
    smtp.reject.delete('later@example.jp');
    clock.set(m3!.next_attempt_at!);
    await drainJourneys(test);
    const retried = (await messages())[2]!;
    expect(retried).toMatchObject({ status: 'delivered', attempts: 2 });
    const later = smtp.received.filter((r) => r.envelopeTo.includes('later@example.jp'));
    expect(later).toHaveLength(1);
  });

  it('keeps a message that fails every try as a dead letter, and retries it on request', async () => {
    const [, , , m4] = await messages();
    // A bounce is final; a message whose retries ran out is a dead letter ('failed') with its reason.
    await test.db.pool.query(`UPDATE message SET status = 'failed', last_error = 'SMTP 421: busy' WHERE id = $1`, [
      m4!.id,
    ]);
    const failed = await api<{ id: string; lastError: string }[]>('/api/v1/messages');
    expect(failed).toEqual([expect.objectContaining({ id: m4!.id, lastError: 'SMTP 421: busy' })]);
    smtp.reject.delete('gone@example.jp');
    expect(await api(`/api/v1/messages/${m4!.id}/retry`, { method: 'POST' })).toEqual({ id: m4!.id, status: 'queued' });
    await drainJourneys(test);
    const message = await api<{ status: string; responses: { kind: string }[] }>(`/api/v1/messages/${m4!.id}`);
    expect(message.status).toBe('delivered');
    const again = await test.api(shop, `/api/v1/messages/${m4!.id}/retry`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('attributes a later order to the latest message before it, once, and not a trial set', async () => {
    const [, m2] = await messages();
    // Two days after the welcome mail (sent 2026-12-07 11:00 JST), within the 7-day window.
    clock.set('2026-12-09T03:00:00Z');
    const csv = [
      'order_id,customer_id,ordered_at,sku,quantity,unit_price',
      'A-1,m2,2026-12-09 12:00,UR-LOTION,1,3300',
      'A-2,m2,2026-12-09 12:30,UR-TR,1,1100',
      'A-3,m1,2026-12-30 12:00,UR-LOTION,1,3300',
    ].join('\n');
    const products = await uploadImport(
      test,
      shop,
      { kind: 'products' },
      'sku,name,series,price,is_trial\nUR-TR,うるおいトライアルセット,うるおい,1100,1\nUR-LOTION,うるおいローション,うるおい,3300,0\n',
    );
    await waitForImport(test, shop, ((await products.json()) as { id: number }).id);
    for (let run = 0; run < 2; run++) {
      const upload = await uploadImport(test, shop, { kind: 'orders', source: 'ec' }, csv);
      expect(upload.status).toBe(202);
      await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
    }
    await waitForQueues(test);
    const { rows } = await test.db.pool.query<{
      message_id: string;
      node_id: string;
      detail: { amount: number; via: string };
    }>(`SELECT message_id::text, node_id, detail FROM response WHERE workspace_id = $1 AND kind = 'converted'`, [
      shop.id,
    ]);
    // A-2 is a trial set; A-3 is 23 days after m1's mail (and in the future of the window's lookback).
    expect(rows).toEqual([
      { message_id: m2!.id, node_id: 'mail', detail: expect.objectContaining({ amount: 3300, via: 'last-touch' }) },
    ]);

    // A configured conversion event counts like an order, attributed to the latest message before it.
    await api('/api/v1/journeys/delivery-settings', {
      method: 'PUT',
      json: { conversionEvents: ['subscription_started'] },
    });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: [{ eventId: 'sub-1', name: 'subscription_started', customer: { customerId: 'm1' } }],
        },
      },
      202,
    );
    await waitForQueues(test);
    const [m1] = await messages();
    const { rows: fromEvents } = await test.db.pool.query<{ message_id: string; detail: { event: string } }>(
      `SELECT message_id::text, detail FROM response WHERE workspace_id = $1 AND kind = 'converted' AND dedupe_key LIKE 'event:%'`,
      [shop.id],
    );
    expect(fromEvents).toEqual([
      { message_id: m1!.id, detail: expect.objectContaining({ event: 'subscription_started', via: 'last-touch' }) },
    ]);
  });
});
