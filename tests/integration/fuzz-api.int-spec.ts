import fc from 'fast-check';
import { startTestEngine, type TestEngine, type TestWorkspace } from '../support/test-engine';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

// ---------------------------------------------------------------------------------------------
// Generators: JSON that is almost right (real shapes with one thing wrong) and JSON that is anything.
// ---------------------------------------------------------------------------------------------

/** Strings that break storage and parsers: NUL (refused by jsonb), lone surrogates, very long, SQL. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 12, unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    "'; DROP TABLE customer; --",
    '{{',
    '{% for x in (1..99999999) %}x{% endfor %}',
  ),
  fc.integer({ min: 199, max: 2_100 }).map((n) => '長'.repeat(n)),
);
const oddValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, [], {}, '', '2026-02-30'),
  nastyString,
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Replaces one value somewhere in a JSON tree with an odd one (or adds an unknown key). */
function damage(valid: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), oddValue, fc.boolean()).map(([pick, odd, addKey]) => {
    const copy = structuredClone<unknown>(valid);
    const spots: [Record<string, unknown>, string][] = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      for (const key of Object.keys(node)) {
        spots.push([node as Record<string, unknown>, key]);
        walk((node as Record<string, unknown>)[key]);
      }
    };
    walk(copy);
    if (spots.length === 0) return odd;
    const [parent, key] = spots[pick % spots.length]!;
    if (addKey) parent[`${key}_x`] = odd;
    else parent[key] = odd;
    return copy;
  });
}

const ruleOf = (...rules: unknown[]) => ({ version: 1, root: { type: 'group', combinator: 'and', rules } });
const VALID_RULES = [
  ruleOf({ type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' }),
  ruleOf({ type: 'purchase', measure: 'count', operator: 'gte', value: 2, window: { lastDays: 90 } }),
  ruleOf(
    { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
    {
      type: 'group',
      combinator: 'or',
      negate: true,
      rules: [{ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'lapsed' }],
    },
  ),
  ruleOf(
    { type: 'event', name: 'line_follow', window: { lastDays: 30 } },
    { type: 'identity', operator: 'has', kind: 'line' },
  ),
  ruleOf({ type: 'attribute', field: 'attributes.plan', operator: 'in', value: ['gold', 'silver'] }),
];
const segmentRule = fc.oneof(
  fc.constantFrom(...VALID_RULES),
  fc.constantFrom(...VALID_RULES).chain(damage),
  fc.jsonValue({ maxDepth: 4 }),
);

const VALID_GRAPH = {
  version: 1,
  nodes: [
    { id: 'start', type: 'trigger.event', config: { eventName: 'order_placed', filters: [] } },
    { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'vip', type: 'branch', config: { conditions: [{ id: 'tokyo', rule: VALID_RULES[0] }] } },
    { id: 'send', type: 'send', config: { channel: 'email', templateId: 'welcome' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'wait' },
    { id: 'b', source: 'wait', target: 'vip' },
    { id: 'c', source: 'vip', sourceHandle: 'tokyo', target: 'send' },
    { id: 'd', source: 'vip', sourceHandle: 'else', target: 'done' },
    { id: 'e', source: 'send', target: 'done' },
  ],
};
const journeyGraph = fc.oneof(
  { weight: 1, arbitrary: fc.constant(VALID_GRAPH) },
  { weight: 6, arbitrary: damage(VALID_GRAPH) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

const VALID_TEMPLATES: Record<string, unknown> = {
  email: {
    channel: 'email',
    subject: '{{ customer.givenName }}様へ',
    html: '<p>{{ customer.givenName }}様</p>',
    fallbacks: { 'customer.givenName': 'お客' },
  },
  line: { channel: 'line', messages: [{ type: 'text', text: '{{ customer.givenName }}様' }] },
  sms: { channel: 'sms', body: 'クーポン {{ coupon.code }}', couponPrefix: 'WS' },
  dm: { channel: 'dm', creativeId: 'winter-2026', message: '{{ customer.familyName }}様' },
};
const liquidSource = fc
  .array(
    fc.constantFrom(
      '{{',
      '}}',
      '{%',
      '%}',
      ' if ',
      'endif',
      'customer.givenName',
      '|',
      ' upcase',
      ' nosuch',
      'raw',
      '様',
      '"',
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));
const template = fc.oneof(
  fc.constantFrom(...Object.values(VALID_TEMPLATES)),
  fc.constantFrom(...Object.values(VALID_TEMPLATES)).chain(damage),
  fc.record({
    channel: fc.constantFrom('email', 'line', 'sms'),
    body: liquidSource,
    subject: liquidSource,
    html: liquidSource,
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Segment rules, journey graphs and templates through the API with random and damaged bodies:
 * each answer is a success when the input is valid, else a 4xx with a code and a message naming
 * the field; never a 500, and a refused request changes no row.
 */
describe('API under random segment rules, journey graphs and templates (fast-check)', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let journeyId: number;
  const tally = new Map<string, number>();

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('fuzz-api');
    // The valid graph's send finds its template, so that graph publishes.
    const template = await test.api(shop, '/api/v1/templates/email/welcome', {
      method: 'PUT',
      json: { content: VALID_TEMPLATES.email },
    });
    expect(template.status).toBe(200);
    const created = await test.api(shop, '/api/v1/journeys', {
      method: 'POST',
      json: { name: 'Fuzzed', graph: VALID_GRAPH },
    });
    expect(created.status).toBe(201);
    journeyId = ((await created.json()) as { id: number }).id;
  });
  afterAll(async () => {
    console.info(`API fuzz outcomes: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    await test.stop();
  });

  async function call(route: string, method: string, json: unknown): Promise<Answer> {
    const response = await test.api(shop, route, {
      method,
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json' },
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const pattern = route.replace(/\/templates\/[^/]+\/[^/]+/, '/templates/:channel/:key').replace(/\/\d+/g, '/:id');
    const key = `${method} ${pattern} ${response.status}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (response.status >= 500)
      throw new Error(
        `${method} ${route} answered ${response.status}: ${text}\nbody sent: ${JSON.stringify(json).slice(0, 2_000)}`,
      );
    return { status: response.status, body };
  }

  /** A refusal says what is wrong: a code, a message, and for validation the fields. */
  function expectClearRefusal(answer: Answer) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(typeof answer.body.code).toBe('string');
    expect(String(answer.body.message).length).toBeGreaterThan(5);
    if (answer.body.code === 'validation_failed' && Array.isArray(answer.body.issues)) {
      for (const issue of answer.body.issues as { field?: unknown; message?: unknown }[]) {
        expect(typeof issue.message).toBe('string');
      }
    }
  }

  /** What a request could have written: the rows' content (columns a background refresh changes left out). */
  async function snapshot(table: 'segment' | 'journey' | 'journey_version' | 'message_template'): Promise<string> {
    const columns = {
      segment: 'id, name, description, definition, refresh_cron, archived_at',
      journey: 'id, name, description, status, draft, current_version_id',
      journey_version: '*',
      message_template: '*',
    }[table];
    const { rows } = await test.db.pool.query<{ s: string }>(
      `SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS s FROM (SELECT ${columns} FROM ${table}) t`,
    );
    return rows[0]!.s;
  }

  it('previews and creates segments from random rules: a count, a segment, or a 400 naming the path', async () => {
    await fc.assert(
      fc.asyncProperty(segmentRule, nastyString, async (definition, name) => {
        const preview = await call('/api/v1/segments/preview', 'POST', { definition, sampleSize: 3 });
        if (preview.status === 200) expect(typeof preview.body.count).toBe('number');
        else expectClearRefusal(preview);

        const before = await snapshot('segment');
        const created = await call('/api/v1/segments', 'POST', { name, definition });
        if (created.status === 201) {
          expect(preview.status).toBe(200);
          expect(typeof created.body.id).toBe('number');
        } else {
          expectClearRefusal(created);
          expect(await snapshot('segment')).toBe(before);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 60_000);

  it('validates and saves random journey graphs: issues, a saved draft, or a 400; a saved draft reads back', async () => {
    await fc.assert(
      fc.asyncProperty(journeyGraph, async (graph) => {
        const validation = await call('/api/v1/journeys/validate', 'POST', { graph });
        if (validation.status === 200) {
          const issues = validation.body.issues as { message: string }[];
          expect(validation.body.valid).toBe(issues.length === 0);
          for (const issue of issues) expect(issue.message.length).toBeGreaterThan(3);
        } else expectClearRefusal(validation);

        const before = await snapshot('journey');
        const saved = await call(`/api/v1/journeys/${journeyId}`, 'PUT', { graph });
        if (saved.status !== 200) {
          expectClearRefusal(saved);
          expect(await snapshot('journey')).toBe(before);
          return;
        }
        // Whatever was saved as a draft can be read back and published or refused with reasons.
        expect((await call(`/api/v1/journeys/${journeyId}`, 'GET', undefined)).status).toBe(200);
        const versions = await snapshot('journey_version');
        const published = await call(`/api/v1/journeys/${journeyId}/publish`, 'POST', {});
        if (published.status !== 200) {
          expectClearRefusal(published);
          expect(await snapshot('journey_version')).toBe(versions);
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('saves random templates or refuses them with a 400 naming the field, storing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('email', 'line', 'sms', 'dm', 'fax'),
        fc.oneof(fc.constantFrom('welcome', 'winter-sale'), fc.string({ minLength: 1, maxLength: 20 })),
        template,
        async (channel, key, content) => {
          const before = await snapshot('message_template');
          const saved = await call(`/api/v1/templates/${channel}/${encodeURIComponent(key)}`, 'PUT', { content });
          if (saved.status === 200) return;
          expectClearRefusal(saved);
          expect(await snapshot('message_template')).toBe(before);
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  }, 60_000);

  it('refuses bodies that are not JSON, nested 100,000 deep or too large with a 4xx', async () => {
    const raw = (route: string, method: string, body: string) =>
      test.api(shop, route, { method, body, headers: { 'content-type': 'application/json' } });
    const bodies = [
      '{',
      '{"definition": }',
      '[1,2',
      'null',
      '"x"',
      '[]'.repeat(10),
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `{"definition": "${'x'.repeat(6 * 1024 * 1024)}"}`,
    ];
    for (const route of [
      '/api/v1/segments/preview',
      '/api/v1/segments',
      '/api/v1/journeys/validate',
      `/api/v1/journeys/${journeyId}`,
      '/api/v1/templates/email/welcome',
    ]) {
      const method =
        route.includes('/journeys/') && !route.endsWith('validate')
          ? 'PUT'
          : route.includes('templates')
            ? 'PUT'
            : 'POST';
      for (const body of bodies) {
        const response = await raw(route, method, body);
        const answer = (await response.json()) as Record<string, unknown>;
        expect([response.status, route, body.slice(0, 20)]).toEqual([expect.any(Number), route, body.slice(0, 20)]);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(typeof answer.code).toBe('string');
      }
    }
  }, 60_000);

  /** Percent-encoded, lone surrogates replaced: fetch refuses them before they reach the engine. */
  const headerSafe = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));

  it('answers random sign-ins, cookies and CSRF tokens with a 4xx, and signs nobody in', async () => {
    const user = await test.createUser(shop, 'admin', { email: 'fuzz-owner@example.jp' });
    const valid = { email: user.email, password: user.password, workspace: shop.slug };
    await fc.assert(
      fc.asyncProperty(fc.oneof(damage(valid), oddValue), async (body) => {
        const response = await fetch(`${test.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        // A damaged body that still holds the right email and password may sign in; nothing else does.
        const rightCredentials =
          typeof body === 'object' && body !== null && (body as Record<string, unknown>).password === user.password;
        if (response.status === 200) expect(rightCredentials).toBe(true);
        else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(response.headers.get('set-cookie')).toBeNull();
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(nastyString, nastyString, async (token, csrf) => {
        const response = await fetch(`${test.url}/api/v1/segments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `kizuna_session=${headerSafe(token)}`,
            'x-csrf-token': headerSafe(csrf),
          },
          body: JSON.stringify({ name: 'x', definition: VALID_RULES[0] }),
        });
        // 431: Node refuses headers over 16 KB before the engine sees them.
        expect([401, 431]).toContain(response.status);
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 120_000);
});
