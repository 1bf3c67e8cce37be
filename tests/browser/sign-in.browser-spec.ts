import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchChromium, openEditor, saveScreenshot } from '../support/browser';
import { startTestEngine, type TestEngine, type TestUser, type TestWorkspace } from '../support/test-engine';

/** The menu's link names, in order. */
async function menuLinks(page: Page): Promise<string[]> {
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('link', { name: 'Home' }).waitFor();
  return menu.getByRole('link').allTextContents();
}

async function signInThroughForm(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** GET /api/v1/session with the browser's cookie, from outside the browser. */
async function sessionStatus(test: TestEngine, cookie: string): Promise<number> {
  return (await fetch(`${test.url}/api/v1/session`, { headers: { cookie } })).status;
}

/**
 * Accounts in the editor, in Chromium against the whole engine: the sign-in form, sign-out, a
 * session the engine ends, what each role sees, members added by an admin, the workspace switch.
 */
describe('signing in to the editor in Chromium', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;
  let browser: Browser;
  let journeyId: number;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('uruoi');
    other = await test.createWorkspace('hidamari');
    await test.db.pool.query('UPDATE workspace SET name = $2 WHERE id = $1', [shop.id, 'うるおいコスメ']);
    await test.db.pool.query('UPDATE workspace SET name = $2 WHERE id = $1', [other.id, '喫茶ひだまり']);
    const journey = await test.api(shop, '/api/v1/journeys', {
      method: 'POST',
      json: { name: 'トライアル後フォロー', template: 'trial-follow-up' },
    });
    if (journey.status !== 201) throw new Error(`journey not created: ${journey.status} ${await journey.text()}`);
    journeyId = ((await journey.json()) as { id: number }).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  it('refuses a wrong password, signs in with the right one, and signs out so the cookie stops working', async () => {
    const admin = await test.createUser(shop, 'admin', { email: 'aoi@example.jp' });
    const { page, context, errors } = await openEditor(browser, test, shop, '/', { language: 'en', signedIn: false });
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await saveScreenshot(page, 'sign-in-en');

    await signInThroughForm(page, { email: admin.email, password: 'not the password' });
    await page.getByText('The email or the password is wrong.').first().waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);

    await signInThroughForm(page, admin);
    await page.getByRole('heading', { level: 1, name: 'うるおいコスメ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // The session is an HttpOnly cookie the page cannot read, and nothing is stored in the page's storage.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'kizuna_session', path: '/api', httpOnly: true, sameSite: 'Strict' });
    const sessionCookie = `kizuna_session=${cookie!.value}`;
    expect(await sessionStatus(test, sessionCookie)).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('You have signed out.').waitFor();
    expect(await sessionStatus(test, sessionCookie)).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('returns to the sign-in form when the engine ends the session, and back to the page after signing in', async () => {
    const { page, context, errors, user } = await openEditor(browser, test, shop, '/', { language: 'ja' });
    await page.getByRole('heading', { level: 1, name: 'うるおいコスメ' }).waitFor();
    // Signed out elsewhere: the session ends on the engine; the open page learns it from its next request.
    const [cookie] = await context.cookies();
    const sessionCookie = `kizuna_session=${cookie!.value}`;
    const view = (await (await fetch(`${test.url}/api/v1/session`, { headers: { cookie: sessionCookie } })).json()) as {
      csrfToken: string;
    };
    const ended = await fetch(`${test.url}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: sessionCookie, 'x-csrf-token': view.csrfToken },
    });
    expect(ended.status).toBe(204);

    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ジャーニー' }).click();
    await page.getByRole('heading', { level: 1, name: 'サインイン' }).waitFor();
    await page.getByText('セッションが終了しました').waitFor();
    await page.getByLabel('メールアドレス').fill(user!.email);
    await page.getByLabel('パスワード', { exact: true }).fill(user!.password);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ジャーニー' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/journeys');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an analyst no publish, save or upload actions and no members page', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/', { language: 'en', role: 'analyst' });
    // No customers (personal data not granted), members or audit log.
    expect(await menuLinks(page)).toEqual(['Home', 'Journeys', 'Segments', 'Analytics', 'Imports', 'Channels']);

    await page.goto('/journeys');
    await page.getByRole('link', { name: 'トライアル後フォロー' }).waitFor();
    expect(await page.getByRole('heading', { name: 'New journey' }).count()).toBe(0);

    await page.goto(`/journeys/${journeyId}`);
    await page.getByText('Your role can look at this journey but not change or publish it.').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(3);
    for (const action of ['Publish', 'Undo', 'Redo', 'Paste', 'Delete selection', 'Auto-layout']) {
      expect(await page.getByRole('button', { name: action, exact: true }).count()).toBe(0);
    }
    expect(await page.locator('[data-save-status]').count()).toBe(0);

    await page.goto('/segments');
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    expect(await page.getByRole('link', { name: 'Create segment' }).count()).toBe(0);
    await page.goto('/segments/new');
    await page.getByText('Your role cannot use this page').first().waitFor();

    await page.goto('/data/imports');
    await page.getByText('Your role cannot import data; only the import history is shown.').waitFor();
    expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);

    await page.goto('/settings/channels/email');
    await page.getByText('Your role can read these settings but not change them: ask an admin.').waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Send a test message' }).count()).toBe(0);

    await page.goto('/settings/members');
    await page.getByText('Your role cannot use this page').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Add a member' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the engine’s 403 when a role was narrowed while the page was open, then what the new role allows', async () => {
    const marketer = await test.createUser(shop, 'marketer');
    const { page, context } = await openEditor(browser, test, shop, '/journeys', { language: 'en', user: marketer });
    await page.getByRole('heading', { name: 'New journey' }).waitFor();
    // An admin makes them an analyst; the open page still offers what a marketer could do.
    const demoted = await test.api(shop, `/api/v1/users/${marketer.userId}`, {
      method: 'PATCH',
      json: { role: 'analyst' },
    });
    expect(demoted.status).toBe(200);
    await page.getByLabel('Name').fill('Welcome series');
    // The engine's 403 answer, as the page received it.
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/journeys') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Create and open the canvas' }).click();
    const answer = await refused;
    expect(answer.status()).toBe(403);
    expect(((await answer.json()) as { message: string }).message).toContain(
      'The analyst role may not do this in workspace "uruoi" (needs journeys.write).',
    );
    // The 403 made the page ask for the session again: it says the role changed and offers what an analyst may do.
    await page.getByRole('status').filter({ hasText: 'Your role in this workspace is now Analyst' }).waitFor();
    await page.getByRole('heading', { name: 'New journey' }).waitFor({ state: 'detached' });
    await saveScreenshot(page, 'role-changed-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Your role in this workspace is now' })
      .waitFor({ state: 'detached' });

    // A grant made while the tab was in the background shows when it comes back into view.
    const granted = await test.api(shop, `/api/v1/users/${marketer.userId}`, {
      method: 'PATCH',
      json: { personalData: true },
    });
    expect(granted.status).toBe(200);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page
      .getByRole('status')
      .filter({ hasText: 'You may now read and export personal data in this workspace' })
      .waitFor();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Customers' }).waitFor();
    await context.close();
  });

  it('lets an admin add a member, showing the temporary password once, with which the member signs in', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/settings/members', { language: 'en' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: test.url });
    expect(await menuLinks(page)).toContain('Members');
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();

    const form = page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Email').fill('kaede@example.jp');
    await form.getByLabel('Name').fill('木村 楓');
    await form.getByLabel('Role', { exact: true }).selectOption('analyst');
    await form.getByRole('button', { name: 'Add', exact: true }).click();

    const secret = page.getByLabel('Temporary password');
    await secret.waitFor();
    await page.getByText('This temporary password is shown this once.').waitFor();
    const temporaryPassword = await secret.inputValue();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporaryPassword);
    await page.getByRole('rowheader', { name: '木村 楓' }).waitFor();
    await saveScreenshot(page, 'members-en');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Removing asks first, in a dialog that is checked too; cancelled here.
    await page.getByRole('button', { name: 'Remove 木村 楓 from the workspace' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove kaede@example.jp?' });
    await dialog.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByLabel('Temporary password').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('rowheader', { name: '木村 楓' }).waitFor();
    expect(await page.getByLabel('Temporary password').count()).toBe(0);
    expect(await page.getByText(temporaryPassword).count()).toBe(0);

    // The audit log lists the addition, newest first.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit log' }).click();
    const firstRow = page.getByRole('row').nth(1);
    await firstRow.getByText('Added a member').waitFor();
    expect(await firstRow.textContent()).toContain('email: kaede@example.jp');

    const member = await openEditor(browser, test, shop, '/', { language: 'en', signedIn: false });
    await signInThroughForm(member.page, { email: 'kaede@example.jp', password: temporaryPassword });
    await member.page.getByRole('heading', { level: 1, name: 'うるおいコスメ' }).waitFor();
    await member.page.getByRole('link', { name: '木村 楓' }).waitFor();
    expect(await menuLinks(member.page)).not.toContain('Members');
    expect(member.errors).toEqual([]);
    await member.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the password on the account page', async () => {
    const user = await test.createUser(shop, 'marketer');
    const { page, context, errors } = await openEditor(browser, test, shop, '/account', { language: 'en', user });
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not it at all');
    await form.getByLabel('New password', { exact: true }).fill('short');
    await form.getByLabel('New password again').fill('short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Use at least 12 characters.').waitFor();

    const next = 'うるおいの新しいパスワード';
    await form.getByLabel('New password', { exact: true }).fill(next);
    await form.getByLabel('New password again').fill(next);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('The current password is wrong.').waitFor();

    await form.getByLabel('Current password').fill(user.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.', { exact: false }).waitFor();
    await expect(test.signIn(user, shop)).rejects.toThrow('sign-in failed: 401');
    await test.signIn({ email: user.email, password: next }, shop);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches workspace, with the other workspace’s role and none of the first one’s data', async () => {
    const user = await test.createUser(shop, 'admin');
    const added = await test.api(other, '/api/v1/users', {
      method: 'POST',
      json: { email: user.email, role: 'analyst' },
    });
    expect(added.status).toBe(201);
    expect(((await added.json()) as { temporaryPassword: string | null }).temporaryPassword).toBeNull();

    const { page, context, errors } = await openEditor(browser, test, shop, '/journeys', { language: 'en', user });
    await page.getByRole('link', { name: 'トライアル後フォロー' }).waitFor();
    expect(await menuLinks(page)).toContain('Members');

    await page.getByLabel('Workspace').selectOption('hidamari');
    await page.getByRole('heading', { level: 1, name: '喫茶ひだまり' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    expect(await menuLinks(page)).toEqual(['Home', 'Journeys', 'Segments', 'Analytics', 'Imports', 'Channels']);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Journeys' }).click();
    await page.getByText('There are no journeys yet.').waitFor();
    expect(await page.getByText('トライアル後フォロー').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
