import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { drainJourneys } from '../support/engine-work';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

interface DmBatch {
  id: number;
  status: string;
  itemCount: number;
}

/**
 * Channel settings in Chromium against the real engine: SMTP settings saved with the secret never
 * shown back, a test email received by a real SMTP server in the test process, and a direct-mail
 * batch made by a journey downloaded as the print vendor's file with its manifest.
 */
describe('channel settings in Chromium', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let browser: Browser;
  let smtp: SmtpSink;

  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await test.api(shop, path, init);
    const body = (await response.json()) as T;
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** A journey whose direct-mail step puts two customers in today's batch. */
  async function seedDmBatch(): Promise<void> {
    await api('/api/v1/templates/dm/autumn', {
      method: 'PUT',
      json: { content: { channel: 'dm', creativeId: 'AUTUMN-A', message: '{{ customer.familyName }}様 秋のご案内' } },
    });
    const address = { postalCode: '1500001', prefecture: '東京都', city: '渋谷区', addressLine1: '神宮前1-2-3' };
    await api(
      '/api/v1/customers',
      {
        method: 'POST',
        json: {
          source: 'ec',
          customers: [
            { customerId: 'd1', familyName: '山田', givenName: '太郎', ...address },
            { customerId: 'd2', familyName: '髙橋', givenName: '花子', ...address },
          ],
        },
      },
      201,
    );
    await test.db.pool.query(
      `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
       SELECT workspace_id, customer_id, 'dm', 'granted', 'test', now() FROM customer_identity
        WHERE workspace_id = $1 AND kind = 'external'`,
      [shop.id],
    );
    const graph = {
      version: 1,
      nodes: [
        { id: 'start', type: 'trigger.event', config: { eventName: 'catalogue_request', filters: [] } },
        { id: 'catalogue', type: 'send', config: { channel: 'dm', templateId: 'autumn' } },
      ],
      edges: [{ id: 'a', source: 'start', target: 'catalogue' }],
    };
    const journey = await api<{ id: number }>(
      '/api/v1/journeys',
      { method: 'POST', json: { name: 'Catalogue', graph } },
      201,
    );
    await api(`/api/v1/journeys/${journey.id}/publish`, { method: 'POST' });
    await api(
      '/api/v1/events',
      {
        method: 'POST',
        json: {
          source: 'ec',
          events: ['d1', 'd2'].map((customerId) => ({
            eventId: `req-${customerId}`,
            name: 'catalogue_request',
            customer: { customerId },
          })),
        },
      },
      202,
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      await drainJourneys(test);
      const { items } = await api<{ items: DmBatch[] }>('/api/v1/dm-batches');
      if (items[0]?.itemCount === 2) return;
      if (Date.now() > deadline) throw new Error(`no DM batch of 2: ${JSON.stringify(items)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('channels-ui');
    await seedDmBatch();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
    await smtp.close();
  });

  it('saves the SMTP settings without ever showing the secret, and sends a test email to the SMTP server', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/settings/channels', { language: 'en' });
    await page.getByRole('heading', { name: 'Email sending settings' }).waitFor();
    expect(page.url()).toMatch(/\/settings\/channels\/email$/);
    await page.getByText('Not configured (sandbox)').waitFor();
    expect(await page.getByRole('button', { name: 'Send test message' }).isDisabled()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A missing field is named before anything is sent; a bad one is named by the engine.
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByText('Enter a value').count()).toBe(4);
    await page.getByLabel('From address').fill('news@kizuna-cosme.example');
    await page.getByLabel('Sender name').fill('絆コスメ');
    await page.getByLabel('Sender postal address').fill('東京都渋谷区神南1-2-3');
    await page.getByLabel(/^SMTP URL/).fill('http://wrong');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('must be an smtp:// or smtps:// URL', { exact: true }).waitFor();
    expect(await page.getByLabel(/^SMTP URL/).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel(/^SMTP URL/).fill(`smtp://mailer:s3cr3t@127.0.0.1:${smtp.port}?tls=off`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    await page.getByText(/^Configured \(updated/).waitFor();
    // Write-only: the secret box is empty again and nothing on the page holds the secret.
    expect(await page.getByLabel(/^SMTP URL/).inputValue()).toBe('');
    expect(await page.content()).not.toContain('s3cr3t');
    expect(await page.getByLabel('From address').inputValue()).toBe('news@kizuna-cosme.example');
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await saveScreenshot(page, 'channels-settings');

    await page.getByLabel('Recipient email address').fill('marketer@kizuna-cosme.example');
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent to marketer@kizuna-cosme.example' }).waitFor();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.envelopeTo).toEqual(['marketer@kizuna-cosme.example']);
    expect(smtp.received[0]!.parsed.subject).toBe('Kizuna テストメッセージ / test message');

    smtp.reject.set('nobody@kizuna-cosme.example', { code: 550, message: 'No such user' });
    await page.getByLabel('Recipient email address').fill('nobody@kizuna-cosme.example');
    await page.getByRole('button', { name: 'Send test message' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'The test message could not be sent' });
    await failure.getByText(/SMTP 550/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // The LINE and SMS tabs render their own forms, also without violations.
    await page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: 'LINE' }).click();
    await page.getByLabel('Channel access token').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The 400 of the bad URL and the 422 of the refused test message are handled by the page, not errors.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads a direct-mail batch as the print file and shows its manifest', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/settings/channels/dm-batches', {
      language: 'ja',
    });
    const table = page.getByRole('table', { name: 'DM バッチ' });
    await table.waitFor();
    const { items } = await api<{ items: DmBatch[] }>('/api/v1/dm-batches');
    const id = items[0]!.id;
    await table.getByText('受付中').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `バッチ ${id} をダウンロード` }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^顧客番号,郵便番号,都道府県/);
    expect(csv).toContain('山田様 秋のご案内');
    await table.getByText(/^出力済み/).waitFor();
    expect((await api<{ items: DmBatch[] }>('/api/v1/dm-batches')).items[0]!.status).toBe('exported');

    await page.getByRole('button', { name: `バッチ ${id} の明細` }).click();
    const manifest = page.getByRole('heading', { name: `バッチ ${id} の明細` });
    await manifest.waitFor();
    await page.getByText('AUTUMN-A × 2').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
