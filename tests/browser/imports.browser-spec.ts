import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/** Chooses the file through the browser's own file chooser, as a marketer clicking the input does. */
async function chooseFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('CSV file', { exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: bytes });
}

async function upload(
  page: Page,
  options: { kind: string; encoding?: string; source: string; file: string; bytes: Buffer },
) {
  await page.getByLabel('Kind of data').selectOption({ label: options.kind });
  if (options.encoding) await page.getByLabel('Encoding').selectOption({ label: options.encoding });
  await page.getByLabel('Source').fill(options.source);
  await chooseFile(page, options.file, options.bytes);
  await page.getByText(`Selected: ${options.file}`).waitFor();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
}

/** The job's row in the history table, once it has finished (the list polls every second while a job runs). */
async function finishedJob(page: Page, file: string) {
  const row = page.getByRole('region', { name: 'Imports' }).locator('tbody tr', { hasText: file });
  await row.getByText(/^(Succeeded|Failed)$/).waitFor({ timeout: 30_000 });
  const labels = await row.locator('.job-counts dt').allTextContents();
  const values = await row.locator('.job-counts dd').allTextContents();
  return {
    row,
    status: await row.locator('.badge').textContent(),
    counts: Object.fromEntries(labels.map((label, index) => [label, values[index]])),
  };
}

describe('imports page in Chromium', () => {
  let test: TestEngine;
  let workspace: TestWorkspace;
  let browser: Browser;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    workspace = await test.createWorkspace('imports');
    // A brand's name, as the user guide's screenshots show it in the top bar.
    await test.db.pool.query('UPDATE workspace SET name = $2 WHERE id = $1', [workspace.id, 'うるおいコスメ']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  it('uploads a customers CSV with bad rows, shows the counts, and downloads the rejected rows', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/data/imports', { language: 'en' });
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByText('No imports yet.').waitFor();

    const csv = [
      'customer_id,email,family_name,given_name,birth_date',
      'EC-1,aoi@example.jp,青井,葵,1990-04-01',
      'EC-2,not-an-email,蓮見,蓮,1988-12-24',
      'EC-3,mio@example.jp,三岡,澪,1995-02-30',
      'EC-4,ren@example.jp,蓮見,蓮,1988-12-24',
    ].join('\r\n');
    await upload(page, { kind: 'Customers', source: 'ec', file: 'customers-2026-01.csv', bytes: Buffer.from(csv) });

    await page.getByRole('status').filter({ hasText: 'Import accepted' }).waitFor();
    const job = await finishedJob(page, 'customers-2026-01.csv');
    expect(job.status).toBe('Succeeded');
    expect(job.counts).toEqual({ Read: '4', Accepted: '2', Rejected: '2' });
    // Screen readers hear the end of the job they watched, once.
    await page
      .getByRole('status')
      .filter({ hasText: 'Import of “customers-2026-01.csv” finished: Succeeded.' })
      .waitFor();
    await job.row.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'imports-en');

    const download = page.waitForEvent('download');
    await job.row.getByRole('button', { name: 'Download the rejected rows of “customers-2026-01.csv” (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^import-\d+-rejections\.csv$/);
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'line,column,reason,row',
      '3,email,"""not-an-email"" is not an email address","EC-2,not-an-email,蓮見,蓮,1988-12-24"',
      '4,birth_date,"""1995-02-30"" is not a calendar date","EC-3,mio@example.jp,三岡,澪,1995-02-30"',
      '',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a Shift_JIS file chosen as such, keeping the names as written', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/data/imports', { language: 'ja' });
    await page.getByRole('heading', { level: 1, name: 'インポート' }).waitFor();
    const csv = [
      'customer_id,email,family_name,given_name,family_name_kana',
      'POS-1,takahashi@example.jp,髙橋,花子,ﾀｶﾊｼ',
      'POS-2,watanabe@example.jp,渡邊,一郎,ﾜﾀﾅﾍﾞ',
    ].join('\r\n');
    await page.getByLabel('データの種類').selectOption({ label: '顧客（customers）' });
    await page.getByLabel('文字コード').selectOption({ label: 'Shift_JIS（Excel 形式）' });
    await page.getByLabel('ソース').fill('pos');
    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel('CSV ファイル').click();
    await (await chooser).setFiles({ name: '会員_sjis.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'cp932') });
    await page.getByRole('button', { name: 'アップロード', exact: true }).click();

    const row = page.locator('tbody tr', { hasText: '会員_sjis.csv' });
    await row.getByText('完了', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await row.locator('.job-counts dd').allTextContents()).toEqual(['2', '2', '0']);
    expect(await row.textContent()).toContain('Shift_JIS（Excel 形式）');
    // No rejected rows: nothing to download.
    expect(await row.getByRole('button').count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'imports-ja');

    const { rows } = await test.db.pool.query<{ family_name: string; family_name_kana: string }>(
      `SELECT family_name, family_name_kana FROM customer WHERE workspace_id = $1 AND family_name IN ('髙橋', '渡邊')
        ORDER BY family_name_kana`,
      [workspace.id],
    );
    expect(rows).toEqual([
      { family_name: '髙橋', family_name_kana: 'ﾀｶﾊｼ' },
      { family_name: '渡邊', family_name_kana: 'ﾜﾀﾅﾍﾞ' },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a Shift_JIS file sent as UTF-8 instead of importing garbled names, and retries it as Shift_JIS', async () => {
    const { page, context } = await openEditor(browser, test, workspace, '/data/imports', { language: 'ja' });
    await page.getByRole('heading', { level: 1, name: 'インポート' }).waitFor();
    const csv = 'customer_id,email,family_name\r\nW-1,wrong@example.jp,髙橋\r\n';
    await page.getByLabel('データの種類').selectOption({ label: '顧客（customers）' });
    await page.getByLabel('ソース').fill('pos');
    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel('CSV ファイル').click();
    await (await chooser).setFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'cp932') });
    await page.getByRole('button', { name: 'アップロード', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'ファイルの文字コードが、選んだものと合いません' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Windows の Excel で保存した CSV なら Shift_JIS です。');
    expect(await page.locator('tbody tr', { hasText: 'excel.csv' }).count()).toBe(0);

    // One click sends the same file again as Shift_JIS.
    await alert.getByRole('button', { name: 'Shift_JIS（Excel 形式）として取り込む' }).click();
    const row = page.locator('tbody tr', { hasText: 'excel.csv' });
    await row.getByText('完了', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('文字コード').inputValue()).toBe('sjis');
    const { rows } = await test.db.pool.query<{ family_name: string }>(
      `SELECT c.family_name FROM customer c JOIN customer_identity i ON i.customer_id = c.id
        WHERE c.workspace_id = $1 AND i.value = 'wrong@example.jp'`,
      [workspace.id],
    );
    expect(rows).toEqual([{ family_name: '髙橋' }]);
    await context.close();
  });

  it('names the missing and unknown columns when the file does not match the chosen kind', async () => {
    const { page, context } = await openEditor(browser, test, workspace, '/data/imports', { language: 'en' });
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Choose the kind of data.').waitFor();
    await page.getByText('Choose a CSV file.').waitFor();

    const csv = 'customer_id,email,注文番号\nEC-9,x@example.jp,1\n';
    await upload(page, { kind: 'Orders', source: 'ec', file: 'wrong-kind.csv', bytes: Buffer.from(csv) });
    const alert = page.getByRole('alert').filter({ hasText: 'The CSV columns do not match the chosen kind' });
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('order_id');
    expect(text).toContain('注文番号');
    expect(await page.locator('tbody tr', { hasText: 'wrong-kind.csv' }).count()).toBe(0);
    await context.close();
  });

  it('takes a file dropped on the drop zone, and refuses two at once', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/data/imports', { language: 'en' });
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    const drop = async (files: { name: string; text: string }[]) => {
      const dataTransfer = await page.evaluateHandle((list) => {
        const transfer = new DataTransfer();
        for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'text/csv' }));
        return transfer;
      }, files);
      await page.dispatchEvent('.drop-zone', 'dragenter', { dataTransfer });
      await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    };
    const csv = 'customer_id,email\nD-1,dropped@example.jp\n';
    await drop([
      { name: 'a.csv', text: csv },
      { name: 'b.csv', text: csv },
    ]);
    await page.getByText('Drop one file at a time.').waitFor();

    await drop([{ name: 'dropped.csv', text: csv }]);
    await page.getByText('Selected: dropped.csv').waitFor();
    expect(await page.getByText('Drop one file at a time.').count()).toBe(0);
    await page.getByLabel('Kind of data').selectOption({ label: 'Customers' });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const job = await finishedJob(page, 'dropped.csv');
    expect(job.counts).toEqual({ Read: '1', Accepted: '1', Rejected: '0' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the upload progress of a large file on a slow connection', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/data/imports', { language: 'en' });
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    // A shop's uplink: 400 kB/s, so the 1.2 MB file below takes about three seconds to send.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400_000,
    });
    const lines = ['customer_id,email,family_name'];
    for (let n = 1; n <= 30_000; n += 1) lines.push(`B-${n},bulk${n}@example.jp,大量`);
    await upload(page, { kind: 'Customers', source: 'bulk', file: 'bulk.csv', bytes: Buffer.from(lines.join('\n')) });

    const progress = page.getByRole('progressbar', { name: 'Upload progress' });
    await progress.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('[role=progressbar][aria-valuenow]');
      const now = Number(bar?.getAttribute('aria-valuenow'));
      return now > 0 && now < 100;
    });
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^[\d.]+ (bytes?|kB|MB) of 1\.\d MB sent$/);
    await saveScreenshot(page, 'imports-progress-en');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    const job = await finishedJob(page, 'bulk.csv');
    expect(job.status).toBe('Succeeded');
    expect(job.counts).toEqual({ Read: '30,000', Accepted: '30,000', Rejected: '0' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
