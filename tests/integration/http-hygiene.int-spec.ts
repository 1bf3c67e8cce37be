import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

function eventBatch(prefix: string, size = 1) {
  return {
    source: 'app',
    events: Array.from({ length: size }, (_, index) => ({
      eventId: `${prefix}-${index}`,
      name: 'app_open',
      occurredAt: '2026-03-03T08:00:00+09:00',
      customer: { email: `${prefix}@example.jp` },
    })),
  };
}

/**
 * What every answer carries and what the public doors refuse: security headers, no CORS for other
 * origins unless configured, body size limits, and per-second rate limits on webhooks, tracking
 * links and the events API — with nothing stored from a refused request.
 */
describe('HTTP hygiene', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    test = await startTestEngine({
      KIZUNA_PERIODIC_TASKS: 'off',
      KIZUNA_RATE_LIMIT_EVENTS: '5',
      KIZUNA_RATE_LIMIT_TRACKING: '5',
      KIZUNA_RATE_LIMIT_WEBHOOKS: '5',
      KIZUNA_RATE_LIMIT_SIGN_IN: '3',
      KIZUNA_CORS_ORIGINS: 'https://crm.example.jp',
    });
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
  });
  afterAll(() => test.stop());

  it('sends security headers on the API and the editor, and no framework banner', async () => {
    for (const path of ['/api/health', '/', '/api/docs']) {
      const response = await fetch(`${test.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('builds the OpenAPI document from every route schema', async () => {
    const response = await fetch(`${test.url}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/audit', '/api/v1/events']));
  });

  it('answers CORS only to the configured origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${test.url}/api/v1/events`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://crm.example.jp');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://crm.example.jp');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    const huge = {
      source: 'app',
      events: [{ ...eventBatch('big').events[0], properties: { blob: 'x'.repeat(6_000_000) } }],
    };
    const response = await test.api(shop, '/api/v1/events', { method: 'POST', json: huge });
    expect(response.status).toBe(413);
    const { rows } = await test.db.pool.query('SELECT count(*)::int AS n FROM event WHERE workspace_id = $1', [
      shop.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('limits the events API per workspace: the sixth request in a second is 429 and not stored', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        test.api(shop, '/api/v1/events', { method: 'POST', json: eventBatch(`burst-${index}`) }),
      ),
    );
    const statuses = answers.map((response) => response.status);
    const accepted = statuses.filter((status) => status === 202).length;
    expect(accepted).toBe(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
    const limited = answers.find((response) => response.status === 429)!;
    expect(Number(limited.headers.get('retry-after-events'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toMatch(/Too many requests/);
    const { rows } = await test.db.pool.query(
      "SELECT count(*)::int AS n FROM event WHERE workspace_id = $1 AND name = 'app_open'",
      [shop.id],
    );
    expect(rows[0].n).toBe(accepted);

    // Another workspace has a budget of its own.
    const elsewhere = await test.api(other, '/api/v1/events', { method: 'POST', json: eventBatch('other') });
    expect(elsewhere.status).toBe(202);
  });

  it('limits tracking links and webhooks per client address', async () => {
    const pixels = await Promise.all(Array.from({ length: 7 }, () => fetch(`${test.url}/t/o/not-a-token`)));
    expect(pixels.filter((response) => response.status === 429)).toHaveLength(2);
    const hooks = await Promise.all(
      Array.from({ length: 7 }, () =>
        fetch(`${test.url}/webhooks/twilio/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'MessageSid=SM0&MessageStatus=delivered',
        }),
      ),
    );
    expect(hooks.filter((response) => response.status === 429)).toHaveLength(2);
    // The API itself is not counted with them.
    expect((await test.api(shop, '/api/health')).status).toBe(200);
  });

  it('limits sign-in attempts per client address and minute, before any password is checked', async () => {
    const attempts = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      attempts.push(
        await fetch(`${test.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'guess@example.jp', password: `guess number ${attempt}` }),
        }),
      );
    }
    expect(attempts.map((response) => response.status)).toEqual([401, 401, 401, 429, 429]);
    expect(Number(attempts[4]!.headers.get('retry-after-sign-in'))).toBeGreaterThan(0);
  });
});
