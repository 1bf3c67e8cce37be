import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/**
 * POST /api/v1/channels/:channel/test-message against a real SMTP server: the test email goes through
 * the workspace's SMTP settings and the email transport journeys use; an unconfigured channel, a bad
 * recipient and a refusing server are answered with errors that say what to fix.
 */
describe('Channel test messages over the API', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let smtp: SmtpSink;

  const send = (channel: string, json: unknown) =>
    test.api(shop, `/api/v1/channels/${channel}/test-message`, { method: 'POST', json });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('test-message');
  });
  afterAll(async () => {
    await test.stop();
    await smtp.close();
  });

  it('refuses a channel that is not configured instead of pretending through the sandbox', async () => {
    const response = await send('email', { to: 'tanaka@example.jp' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'conflict',
      message: 'The email channel is not configured: save its settings first',
    });
    expect(smtp.received).toEqual([]);
  });

  it('names a bad body, channel or recipient', async () => {
    const missing = await send('email', {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { issues: { field: string }[] }).issues.map((issue) => issue.field)).toEqual([
      'to',
    ]);

    const dm = await send('dm', { to: 'someone' });
    expect(dm.status).toBe(400);
    expect(await dm.json()).toMatchObject({
      code: 'validation_failed',
      issues: [{ field: 'channel', message: 'must be one of email, line, sms' }],
    });

    const badLine = await send('line', { to: 'tanaka' });
    expect(badLine.status).toBe(400);
    expect(await badLine.json()).toMatchObject({
      issues: [{ field: 'to', message: 'must be a LINE user id (U followed by 32 hex digits)' }],
    });
    const badPhone = await send('sms', { to: '090-1234-5678' });
    expect(await badPhone.json()).toMatchObject({
      issues: [{ field: 'to', message: 'must be an E.164 number like +819012345678' }],
    });
  });

  it('sends the test email through the configured SMTP server', async () => {
    const saved = await test.api(shop, '/api/v1/channels/email', {
      method: 'PUT',
      json: {
        public: {
          fromAddress: 'news@kizuna-cosme.example',
          senderName: '絆コスメ',
          postalAddress: '東京都渋谷区神南1-2-3',
        },
        secret: { smtpUrl: `smtp://mailer:s3cr3t@127.0.0.1:${smtp.port}?tls=off` },
      },
    });
    expect(saved.status).toBe(200);

    const response = await send('email', { to: ' tanaka@example.jp ' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ channel: 'email', to: 'tanaka@example.jp', delivered: true });
    expect(JSON.stringify(body)).not.toContain('s3cr3t');

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['tanaka@example.jp']);
    expect(mail.parsed.subject).toBe('Kizuna テストメッセージ / test message');
    expect(mail.parsed.from?.value).toEqual([{ name: '絆コスメ', address: 'news@kizuna-cosme.example' }]);
    expect(mail.parsed.text).toContain('これは Kizuna からのテストメッセージです。');
    // The sender's legally required details (特定電子メール法) are in the test email as in every other.
    expect(mail.parsed.text).toContain('東京都渋谷区神南1-2-3');
    // Nothing is recorded as a message of the workspace.
    const { rows } = await test.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM message WHERE workspace_id = $1',
      [shop.id],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('reports the server’s refusal as the reason the test failed', async () => {
    smtp.reject.set('nobody@example.jp', { code: 550, message: 'No such user here' });
    const response = await send('email', { to: 'nobody@example.jp' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('unprocessable');
    expect(body.message).toMatch(/^The email provider did not accept the test message: SMTP 550: .*No such user here/);
  });
});
