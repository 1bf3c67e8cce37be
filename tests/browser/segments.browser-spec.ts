import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { importWholeFile, startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The segment builder in Chromium against the real engine: a rule with an AND over a nested OR group
 * built with the mouse and keyboard, its live count checked against the API's preview of the same
 * rule, saved, and its members listed.
 */
describe('segments in Chromium', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let browser: Browser;

  async function importFile(kind: string, csv: string, source = 'ec'): Promise<void> {
    await importWholeFile(test, shop, { kind, source }, csv);
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('segments-ui');
    await importFile(
      'customers',
      [
        'customer_id,email,family_name,given_name,prefecture',
        'C1,hanako@example.jp,佐藤,花子,東京都',
        'C2,taro@example.jp,鈴木,太郎,東京都',
        'C3,,高橋,美咲,大阪府',
        'C4,ken@example.jp,田中,健,北海道',
      ].join('\n'),
    );
    await importFile(
      'products',
      [
        'sku,name,series,category,price,tags,is_trial',
        'UR-TR,うるおい お試しセット,うるおいライン,スキンケア,1100,保湿,1',
        'UR-LT,うるおい 化粧水,うるおいライン,スキンケア,3300,保湿,0',
        'AG-ES,エイジング 美容液,エイジングケアライン,スキンケア,9900,エイジング,0',
      ].join('\n'),
      '',
    );
    await importFile(
      'orders',
      [
        'order_id,customer_id,ordered_at,sku,quantity,unit_price',
        `O1,C1,${daysAgo(200)},UR-TR,1,1100`,
        `O2,C1,${daysAgo(100)},UR-LT,2,3300`,
        `O3,C4,${daysAgo(10)},AG-ES,1,9900`,
        `O4,C2,${daysAgo(20)},UR-TR,1,1100`,
        `O5,C3,${daysAgo(400)},UR-LT,1,3300`,
      ].join('\n'),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  const condition = (page: Page, path: string) => page.locator(`[data-rule-path="${path}"]`);

  it('builds purchases AND (Tokyo OR Osaka), shows the API count live, saves it and lists its members', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/segments', { language: 'en' });
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
    await page.getByLabel('Segment name').fill('Tokyo or Osaka, 3000 yen or more');

    // A purchase condition, chosen and filled from the keyboard.
    const root = condition(page, 'root');
    await root.getByLabel('Type of condition to add').last().selectOption({ label: 'Purchases' });
    await root.getByRole('button', { name: 'Add condition' }).last().click();
    const purchase = condition(page, 'root.rules.0');
    // The new condition took focus: its type menu is the focused control.
    expect(await purchase.getByLabel('Condition type').evaluate((element) => element === document.activeElement)).toBe(
      true,
    );
    await purchase.getByLabel('Measure').selectOption({ label: 'Amount (yen)' });
    await purchase.getByLabel('Comparison').selectOption({ label: 'at least' });
    await purchase.getByLabel('Value').fill('3000');

    // A nested OR group: prefecture Tokyo or Osaka.
    await root.getByRole('button', { name: 'Add group' }).last().click();
    const group = condition(page, 'root.rules.1');
    expect(await group.getByLabel('Combine conditions').first().inputValue()).toBe('or');
    await condition(page, 'root.rules.1.rules.0').getByLabel('Value').fill('東京都');
    await group.getByRole('button', { name: 'Add condition' }).click();
    await condition(page, 'root.rules.1.rules.1').getByLabel('Value').fill('大阪府');

    const rule = {
      version: 1,
      root: {
        type: 'group',
        combinator: 'and',
        rules: [
          { type: 'purchase', measure: 'amount', operator: 'gte', value: 3000 },
          {
            type: 'group',
            combinator: 'or',
            rules: [
              { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
              { type: 'attribute', field: 'prefecture', operator: 'eq', value: '大阪府' },
            ],
          },
        ],
      },
    };
    const preview = (await (
      await test.api(shop, '/api/v1/segments/preview', { method: 'POST', json: { definition: rule } })
    ).json()) as { count: number; customers: number };
    expect(preview).toMatchObject({ count: 2, customers: 4 });
    const count = page.getByTestId('segment-preview-count');
    await page.getByText('2 customers (50% of 4)').waitFor();
    expect(await count.textContent()).toBe('2 customers (50% of 4)');
    expect(await page.getByRole('table', { name: 'Matching customers (sample)' }).locator('tbody tr').count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await saveScreenshot(page, 'segment-builder');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Tokyo or Osaka, 3000 yen or more', level: 1 }).waitFor();
    const id = Number(/\/segments\/(\d+)$/.exec(page.url())?.[1]);
    const saved = (await (await test.api(shop, `/api/v1/segments/${id}`)).json()) as { definition: unknown };
    expect(saved.definition).toEqual(rule);

    // The first refresh runs on the queue; the member list shows it once it has.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const segment = (await (await test.api(shop, `/api/v1/segments/${id}`)).json()) as {
        lastRefreshedAt: string | null;
      };
      if (segment.lastRefreshedAt) break;
      if (Date.now() > deadline) throw new Error('the segment was not refreshed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.reload();
    await page
      .getByText('Amount (yen) at least 3000 AND (Prefecture equals 東京都 OR Prefecture equals 大阪府)', {
        exact: true,
      })
      .waitFor();
    const members = page.getByRole('table', { name: 'Current customers' });
    await members.getByRole('link', { name: '佐藤 花子' }).waitFor();
    expect(await members.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Entries and exits' }).locator('tbody tr').count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an invalid condition in place and removes conditions from the keyboard', async () => {
    const { page, context } = await openEditor(browser, test, shop, '/segments/new', { language: 'ja' });
    await page.getByRole('heading', { name: '新しいセグメント' }).waitFor();
    await page.getByRole('button', { name: '条件を追加' }).click();
    const first = condition(page, 'root.rules.0');
    await first.getByText('must not be empty').waitFor();
    expect(await page.getByTestId('segment-preview-count').textContent()).toBe('条件を完成させると人数を表示します');
    expect(await page.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await first.getByRole('button', { name: '条件 1 を削除' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('条件がありません。下のボタンで追加してください。').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id') !== null)).toBe(true);
    expect(await page.getByLabel('追加する条件の種類').evaluate((element) => element === document.activeElement)).toBe(
      true,
    );
    await context.close();
  });
});
