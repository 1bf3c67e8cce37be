import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { seedProfileCustomer, type ProfileFixture } from '../support/customer-fixtures';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/** A table's body as text, one array of cell texts per row. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())),
    );
}

function sectionTable(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true }).getByRole('table');
}

describe('customer search and profile in Chromium', () => {
  let test: TestEngine;
  let workspace: TestWorkspace;
  let browser: Browser;
  let fixture: ProfileFixture;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    workspace = await test.createWorkspace('customers');
    // A brand's name, as the user guide's screenshots show it in the top bar.
    await test.db.pool.query('UPDATE workspace SET name = $2 WHERE id = $1', [workspace.id, 'うるおいコスメ']);
    fixture = await seedProfileCustomer(test, workspace);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  it('finds a customer by kana and opens the unified profile, in yen and Tokyo time (Japanese)', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/customers', { language: 'ja' });
    await page.getByRole('heading', { level: 1, name: '顧客' }).waitFor();
    await page.getByRole('searchbox', { name: '顧客を検索' }).fill('アオイ');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '「アオイ」の検索結果: 1 件' }).waitFor();
    expect(page.url()).toMatch(/\/customers\?q=%E3%82%A2%E3%82%AA%E3%82%A4$/);
    const results = await tableRows(page.getByRole('table', { name: '「アオイ」の検索結果' }));
    // Last order 2026-01-20T06:00Z is the 20th in Tokyo.
    expect(results).toEqual([['青井 葵', 'aoi@example.jp', '—', '70000001', '2', '2026/01/20']]);
    await saveScreenshot(page, 'customers-ja');

    await page.getByRole('link', { name: '青井 葵' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '青井' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/customers/${fixture.customerId}$`));
    expect(await page.title()).toBe('青井 葵 | Kizuna');

    const stats = page.getByRole('definition');
    expect(await stats.filter({ hasText: '￥' }).first().textContent()).toBe('￥8,800');

    expect(await tableRows(sectionTable(page, '最近の注文'))).toEqual([
      ['2026/01/20 15:00', 'S-1', '店舗', 'pos', '2', '￥7,700'],
      ['2026/01/10 12:00', 'K-1', 'EC', 'pos', '1', '￥1,100'],
    ]);
    const analytics = page.getByRole('region', { name: '顧客分析', exact: true });
    const figures = Object.fromEntries(
      await analytics
        .locator('dl.details > div')
        .evaluateAll((rows) =>
          rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
        ),
    ) as Record<string, string>;
    expect(figures).toMatchObject({ 購入回数: '2', '購入額（返品を除く）': '￥8,800' });
    expect(await analytics.getByRole('link', { name: 'リピーター' }).getAttribute('href')).toMatch(/^\/segments\/\d+$/);
    expect(await tableRows(sectionTable(page, 'ジャーニー'))).toEqual([
      ['初回購入 → クロスセル', 'v1', '進行中', 'wait-7d2026/01/17 13:00 まで待機', '2026/01/10 13:00', '—'],
    ]);
    expect(await tableRows(sectionTable(page, '配信したメッセージ'))).toEqual([
      [
        '2026/01/11 14:00',
        'LINE',
        '初回購入 → クロスセルノード: send-line',
        'thanks',
        '抑止抑止の理由: no-consent',
        '—',
      ],
      [
        '2026/01/10 14:00',
        'メール',
        '初回購入 → クロスセルノード: send-email',
        'cross-sell',
        '配信済み',
        '2026/01/10 14:00',
      ],
    ]);
    const responses = page.getByRole('region', { name: '反応', exact: true });
    expect(await responses.locator('.stat').allTextContents()).toEqual([
      '開封1',
      'クリック1',
      '返信0',
      'コンバージョン1',
    ]);
    expect(await tableRows(sectionTable(page, '反応'))).toEqual([
      [
        '2026/01/20 15:00',
        'コンバージョン',
        'メール',
        '初回購入 → クロスセルノード: send-email',
        '注文 ￥7,700 (ラストタッチ)',
      ],
      [
        '2026/01/10 15:01',
        'クリック',
        'メール',
        '初回購入 → クロスセルノード: send-email',
        'https://shop.example.jp/cross-sell',
      ],
      ['2026/01/10 15:00', '開封', 'メール', '初回購入 → クロスセルノード: send-email', '—'],
    ]);
    expect(await tableRows(sectionTable(page, 'スコア'))).toEqual([
      ['engagement', '12', 'journey', '2026/01/12 9:00'],
      ['response-propensity', '81.3%', 'v3', '2026/01/21 9:30'],
    ]);
    await saveScreenshot(page, 'customer-profile-ja');
    await page.getByRole('heading', { level: 2, name: 'ジャーニー' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 300));
    await saveScreenshot(page, 'customer-activity-ja');

    await page.getByRole('link', { name: '初回購入 → クロスセル' }).first().click();
    await page.waitForURL(new RegExp(`/journeys/${fixture.journeyId}$`));
    await page.goBack();
    await page.getByRole('link', { name: '← 顧客検索に戻る' }).click();
    await page.waitForURL(/\/customers$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the same profile in English with US formats, in Tokyo time and yen on a computer in New York', async () => {
    // The workspace's timezone, not the computer's: a marketer travelling reads the same order times.
    const { page, context, errors } = await openEditor(browser, test, workspace, '/', {
      language: 'en',
      timezoneId: 'America/New_York',
    });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('aoi@example.jp');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: '青井 葵' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '青井' }).waitFor();
    expect(await tableRows(sectionTable(page, 'Recent orders'))).toEqual([
      ['Jan 20, 2026, 3:00 PM', 'S-1', 'Store', 'pos', '2', '￥7,700'],
      ['Jan 10, 2026, 12:00 PM', 'K-1', 'EC', 'pos', '1', '￥1,100'],
    ]);
    expect(await tableRows(sectionTable(page, 'Scores'))).toEqual([
      ['engagement', '12', 'journey', 'Jan 12, 2026, 9:00 AM'],
      ['response-propensity', '81.3%', 'v3', 'Jan 21, 2026, 9:30 AM'],
    ]);
    expect(await page.getByRole('region', { name: 'Journeys', exact: true }).first().textContent()).toContain(
      'Waiting until Jan 17, 2026, 1:00 PM',
    );
    // A click's link opens the shop in a new tab, not in the editor.
    const link = page.getByRole('link', { name: 'https://shop.example.jp/cross-sell' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await saveScreenshot(page, 'customer-profile-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so for a customer that does not exist, and for a search without results', async () => {
    const { page, context } = await openEditor(browser, test, workspace, '/customers/999999', { language: 'en' });
    await page.getByRole('alert').filter({ hasText: 'Customer not found' }).waitFor();
    await page.goto('/customers?q=nobody%40example.jp');
    await page.getByText('No customer matches.').waitFor();
    await context.close();
  });
});
