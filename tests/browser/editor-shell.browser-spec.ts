import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

describe('editor shell in Chromium', () => {
  let test: TestEngine;
  let workspace: TestWorkspace;
  let browser: Browser;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    workspace = await test.createWorkspace('shell');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  it('starts in Japanese for a Japanese browser, switches to English, and every page of the menu opens', async () => {
    const { page, context, errors } = await openEditor(browser, test, workspace, '/', { language: 'ja' });
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await menu.getByRole('link', { name: 'ジャーニー' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await saveScreenshot(page, 'home-ja');

    await page.getByLabel('表示言語').selectOption('en');
    const englishMenu = page.getByRole('navigation', { name: 'Main menu' });
    await englishMenu.getByRole('link', { name: 'Journeys' }).waitFor();

    const links = englishMenu.getByRole('link');
    const names = await links.allTextContents();
    for (const name of names) {
      await englishMenu.getByRole('link', { name, exact: true }).click();
      await page.locator('main h1').first().waitFor();
      expect(await page.locator('main h1').first().textContent()).not.toBe('Page not found');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no WCAG A/AA violations on the home page', async () => {
    const { page, context } = await openEditor(browser, test, workspace, '/', { language: 'en' });
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
