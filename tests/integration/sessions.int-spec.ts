import { OperatorAccounts } from '../../apps/engine/src/users/operator-accounts.service';
import { startTestEngine, type TestEngine, type TestSession, type TestWorkspace } from '../support/test-engine';

type Json = Record<string, unknown>;

const HAS_EMAIL = {
  version: 1,
  root: { type: 'group', combinator: 'and', rules: [{ type: 'identity', operator: 'has', kind: 'email' }] },
};

/**
 * Editor sign-in as a browser does it: the cookie's attributes, CSRF, sign-out, password changes,
 * members removed or demoted, the first admin of a fresh installation, and the audit log naming
 * the person who acted.
 */
describe('Accounts and sessions', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;

  function as(session: TestSession, path: string, init: RequestInit & { json?: unknown; csrf?: boolean } = {}) {
    const headers = new Headers(init.headers);
    headers.set('cookie', session.cookie);
    if (init.csrf !== false) headers.set('x-csrf-token', session.csrfToken);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${test.url}${path}`, { ...init, headers, body });
  }

  function signInRaw(json: unknown): Promise<Response> {
    return fetch(`${test.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  beforeAll(async () => {
    test = await startTestEngine({
      KIZUNA_PERIODIC_TASKS: 'off',
      KIZUNA_FIRST_ADMIN: 'auto',
      KIZUNA_ADMIN_EMAIL: ' Owner@Example.JP ',
      KIZUNA_ADMIN_PASSWORD: 'first-admin-password',
    });
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
  }, 60_000);
  afterAll(() => test.stop());

  it('creates a first admin on a fresh database once, in a workspace of its own', async () => {
    const session = await test.signIn({ email: 'owner@example.jp', password: 'first-admin-password' });
    const view = (await (await as(session, '/api/v1/session')).json()) as Json;
    expect(view).toMatchObject({
      user: { email: 'owner@example.jp' },
      workspace: { slug: 'main' },
      role: 'admin',
      workspaces: [{ slug: 'main', role: 'admin' }],
    });
    await expect(test.engine.app.get(OperatorAccounts).ensureFirstAdmin()).resolves.toBeUndefined();
  });

  it('answers a wrong password and an unknown email alike, and sets nothing', async () => {
    const user = await test.createUser(shop, 'marketer');
    const wrong = await signInRaw({ email: user.email, password: 'not the password' });
    const unknown = await signInRaw({ email: 'nobody@example.jp', password: 'not the password' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.json()).toMatchObject({
        code: 'unauthenticated',
        message: 'The email or the password is wrong.',
      });
    }
    const missing = await signInRaw({ email: user.email });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('password');
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie under /api, and tells the editor who and where', async () => {
    const user = await test.createUser(shop, 'marketer', { email: 'Hanako@Example.jp' });
    const response = await signInRaw({ email: 'ＨＡＮＡＫＯ@example.jp ', password: user.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^kizuna_session=[\w-]{43}; Max-Age=604800; Path=\/api; Expires=.+; HttpOnly; SameSite=Strict$/,
    );
    const view = (await response.json()) as Json;
    expect(view).toMatchObject({
      user: { email: 'hanako@example.jp' },
      workspace: { slug: 'shop' },
      role: 'marketer',
      personalData: false,
      workspaces: [{ slug: 'shop', role: 'marketer' }],
    });
    expect(view.permissions).toContain('journeys.write');
    expect(view.permissions).not.toContain('settings.manage');
    // Only a hash of the token is stored.
    const token = /kizuna_session=([^;]+)/.exec(cookie)![1]!;
    const { rows } = await test.db.pool.query('SELECT 1 FROM user_session WHERE token_hash = $1 OR csrf_token = $1', [
      token,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("refuses a change made with the cookie but without the session's CSRF token, and keeps nothing of it", async () => {
    const session = await test.signIn(await test.createUser(shop, 'marketer'));
    const attempt = (csrf: boolean | string) =>
      as(session, '/api/v1/segments', {
        method: 'POST',
        csrf: csrf === true,
        ...(typeof csrf === 'string' ? { headers: { 'x-csrf-token': csrf } } : {}),
        json: { name: 'csrf probe', definition: HAS_EMAIL },
      });
    for (const forged of [false, 'forged-token-of-the-right-length-aaaaaaaa']) {
      const refused = await attempt(forged);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Json).message).toContain('x-csrf-token');
    }
    const { rows } = await test.db.pool.query("SELECT 1 FROM segment WHERE name = 'csrf probe'");
    expect(rows).toHaveLength(0);
    // Reading needs no token; with it, the change goes through.
    expect((await as(session, '/api/v1/segments', { csrf: false })).status).toBe(200);
    expect((await attempt(true)).status).toBe(201);
  });

  it('signs out: the old cookie no longer works', async () => {
    const session = await test.signIn(await test.createUser(shop, 'analyst'));
    expect((await as(session, '/api/v1/workspace')).status).toBe(200);
    const out = await as(session, '/api/v1/session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^kizuna_session=; Path=\/api; Expires=Thu, 01 Jan 1970/);
    const after = await as(session, '/api/v1/workspace');
    expect(after.status).toBe(401);
    expect(((await after.json()) as Json).message).toBe('Your session has ended: sign in again.');
  });

  it('switches workspace only to one the account belongs to', async () => {
    const user = await test.createUser(shop, 'analyst', { email: 'two-shops@example.jp' });
    const admin = await test.signIn(await test.createUser(other, 'admin'), other);
    await as(admin, '/api/v1/users', { method: 'POST', json: { email: user.email, role: 'marketer' } });
    const session = await test.signIn(user);
    const switched = await as(session, '/api/v1/session/workspace', { method: 'PUT', json: { workspace: 'other' } });
    expect(await switched.json()).toMatchObject({ workspace: { slug: 'other' }, role: 'marketer' });
    expect(await (await as(session, '/api/v1/workspace')).json()).toMatchObject({ slug: 'other' });
    const refused = await as(session, '/api/v1/session/workspace', { method: 'PUT', json: { workspace: 'main' } });
    expect(refused.status).toBe(403);
  });

  it('ends the other sessions when the password changes, and checks the current one first', async () => {
    const user = await test.createUser(shop, 'marketer');
    const laptop = await test.signIn(user);
    const phone = await test.signIn(user);
    const wrong = await as(laptop, '/api/v1/session/password', {
      method: 'POST',
      json: { currentPassword: 'not it', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('currentPassword');
    const short = await as(laptop, '/api/v1/session/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('at least 12 characters');
    const changed = await as(laptop, '/api/v1/session/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await as(laptop, '/api/v1/workspace')).status).toBe(200);
    expect((await as(phone, '/api/v1/workspace')).status).toBe(401);
    expect((await signInRaw({ email: user.email, password: user.password })).status).toBe(401);
    await test.signIn({ email: user.email, password: 'a brand new passphrase' });
  });

  it('lets admins manage members, never remove the last admin, and applies a new role at once', async () => {
    const team = await test.createWorkspace('team');
    const admin = await test.signIn(await test.createUser(team, 'admin', { email: 'boss@example.jp' }), team);
    const added = await as(admin, '/api/v1/users', {
      method: 'POST',
      json: { email: 'New.Analyst@example.jp', role: 'analyst' },
    });
    expect(added.status).toBe(201);
    const { member, temporaryPassword } = (await added.json()) as { member: Json; temporaryPassword: string };
    expect(member).toMatchObject({ email: 'new.analyst@example.jp', role: 'analyst', personalData: false });
    expect(temporaryPassword).toHaveLength(20);
    const again = await as(admin, '/api/v1/users', {
      method: 'POST',
      json: { email: 'new.analyst@example.jp', role: 'analyst' },
    });
    expect(again.status).toBe(409);

    const analyst = await test.signIn({ email: 'new.analyst@example.jp', password: temporaryPassword }, team);
    const preview = async () =>
      (await (
        await as(analyst, '/api/v1/segments/preview', {
          method: 'POST',
          json: { definition: HAS_EMAIL, sampleSize: 5 },
        })
      ).json()) as { sample: unknown[] };
    await test.api(team, '/api/v1/customers', {
      method: 'POST',
      json: { email: 'kaede@example.jp', familyName: '楓' },
    });
    expect((await preview()).sample).toEqual([]);
    expect((await as(analyst, '/api/v1/customers')).status).toBe(403);

    const granted = await as(admin, `/api/v1/users/${String(member.userId)}`, {
      method: 'PATCH',
      json: { personalData: true },
    });
    expect(await granted.json()).toMatchObject({ role: 'analyst', personalData: true });
    expect((await preview()).sample).toHaveLength(1);
    expect((await as(analyst, '/api/v1/customers')).status).toBe(200);

    const boss = ((await (await as(admin, '/api/v1/users')).json()) as { items: Json[] }).items.find(
      (m) => m.email === 'boss@example.jp',
    )!;
    const lastAdmin = await as(admin, `/api/v1/users/${String(boss.userId)}`, { method: 'DELETE' });
    expect(lastAdmin.status).toBe(409);
    const demote = await as(admin, `/api/v1/users/${String(boss.userId)}`, {
      method: 'PATCH',
      json: { role: 'analyst' },
    });
    expect(demote.status).toBe(409);

    const removed = await as(admin, `/api/v1/users/${String(member.userId)}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await as(analyst, '/api/v1/workspace')).status).toBe(401);
  });

  it('answers 409 to the loser when two admins add the same new email at once, and makes one account', async () => {
    const shop = await test.createWorkspace('race');
    const first = await test.signIn(await test.createUser(shop, 'admin', { email: 'race1@example.jp' }), shop);
    const second = await test.signIn(await test.createUser(shop, 'admin', { email: 'race2@example.jp' }), shop);
    const add = (session: TestSession) =>
      as(session, '/api/v1/users', { method: 'POST', json: { email: 'same.person@example.jp', role: 'marketer' } });
    const statuses = (await Promise.all([add(first), add(second), add(first)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const { rows } = await test.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM app_user WHERE email = 'same.person@example.jp'",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("records who acted: the user's email, kept in the audit log", async () => {
    const admin = await test.signIn(await test.createUser(shop, 'admin', { email: 'auditor@example.jp' }));
    await as(admin, '/api/v1/analytics/settings', { method: 'PUT', json: { schedule: { afterImports: false } } });
    const page = (await (await as(admin, '/api/v1/audit?limit=5')).json()) as { items: Json[] };
    const change = page.items.find((entry) => entry.action === 'analytics.settings.update');
    expect(change).toMatchObject({ actor: { type: 'user', name: 'auditor@example.jp' } });
    expect(page.items.some((entry) => entry.action === 'user.sign_in')).toBe(true);
  });
});
