import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { ENGINE_CONFIG, type EngineConfig } from '../../apps/engine/src/config/engine-config';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  issues?: { field: string; message: string }[];
  [detail: string]: unknown;
}

const ORDERS_CSV =
  'order_id,email,ordered_at,sku,quantity,unit_price\nA-1,a@example.jp,2026-01-05 10:00,UR-TR,1,1100\n';

/** Each guarded route with a body that would succeed, so that the key is the only thing wrong. */
const GUARDED_ROUTES: { method: string; path: string; body?: () => unknown }[] = [
  { method: 'GET', path: '/api/v1/workspace' },
  { method: 'GET', path: '/api/v1/customers' },
  { method: 'GET', path: '/api/v1/customers/1' },
  { method: 'GET', path: '/api/v1/imports' },
  { method: 'GET', path: '/api/v1/api-keys' },
  {
    method: 'POST',
    path: '/api/v1/events',
    body: () => ({ events: [{ eventId: 'e-401', name: 'page_view', customer: { email: 'intruder@example.jp' } }] }),
  },
  { method: 'POST', path: '/api/v1/customers', body: () => ({ email: 'intruder@example.jp', familyName: '侵入' }) },
  { method: 'POST', path: '/api/v1/imports', body: () => importForm(ORDERS_CSV) },
  { method: 'POST', path: '/api/v1/api-keys', body: () => ({ name: 'stolen' }) },
];

function importForm(csv: string): FormData {
  const form = new FormData();
  form.set('kind', 'orders');
  form.set('file', new Blob([csv]), 'orders.csv');
  return form;
}

/** A well-formed key: `kz_` + 12-character prefix + `_` + 43-character secret. */
const wellFormedKey = (prefix: string, secretChar = 'A') => `kz_${prefix}_${secretChar.repeat(43)}`;

/**
 * Authentication and input validation of the REST API, over HTTP against the running engine:
 * guarded by default, keys hashed at rest, 400s that name each bad field, workspaces isolated.
 */
describe('API authentication, validation and workspace isolation', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    test = await startTestEngine();
    shop = await test.createWorkspace('shop');
    other = await test.createWorkspace('other');
  });
  afterAll(() => test.stop());

  const as = (apiKey: string): TestWorkspace => ({ ...shop, apiKey });
  const json = async (response: Response) => (await response.json()) as ErrorBody & Record<string, unknown>;
  const count = async (table: 'event' | 'customer' | 'import_job' | 'api_key') =>
    (await test.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const counts = async () => ({
    event: await count('event'),
    customer: await count('customer'),
    import_job: await count('import_job'),
    api_key: await count('api_key'),
  });
  const uploadDir = () => test.engine.app.get<EngineConfig>(ENGINE_CONFIG).uploadDir;

  function call(route: (typeof GUARDED_ROUTES)[number], workspace: TestWorkspace | undefined): Promise<Response> {
    const body = route.body?.();
    if (body instanceof FormData) return test.api(workspace, route.path, { method: route.method, body });
    return test.api(workspace, route.path, { method: route.method, ...(body === undefined ? {} : { json: body }) });
  }

  async function revokedKey(): Promise<string> {
    const created = await test.api(shop, '/api/v1/api-keys', { method: 'POST', json: { name: 'to revoke' } });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: number; key: string };
    // Used once first, so the engine has it in its cache of verified keys: revocation must still apply at once.
    expect((await test.api(as(key), '/api/v1/workspace')).status).toBe(200);
    const revoked = await test.api(shop, `/api/v1/api-keys/${id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id, name: 'to revoke', revokedAt: expect.any(String) });
    return key;
  }

  describe('a guarded route without a valid key answers 401 and changes nothing', () => {
    const cases: {
      what: string;
      workspace: () => TestWorkspace | undefined | Promise<TestWorkspace>;
      message: string;
    }[] = [
      {
        what: 'no key',
        workspace: () => undefined,
        message: 'An API key is required: send "Authorization: Bearer <key>".',
      },
      { what: 'a malformed key', workspace: () => as('kz_short_secret'), message: 'The API key is malformed.' },
      {
        what: 'a well-formed key nobody issued',
        workspace: () => as(wellFormedKey('Nope12345678')),
        message: 'The API key is not valid.',
      },
      {
        what: "a real key's prefix with a wrong secret",
        workspace: () => as(wellFormedKey(shop.apiKey.split('_')[1]!, 'B')),
        message: 'The API key is not valid.',
      },
      { what: 'a revoked key', workspace: () => revokedKey().then(as), message: 'The API key has been revoked.' },
    ];

    it.each(cases)('$what', async ({ workspace, message }) => {
      const presented = await workspace();
      const before = await counts();
      const uploadsBefore = readdirSync(uploadDir());
      for (const route of GUARDED_ROUTES) {
        const response = await call(route, presented);
        expect({
          route: `${route.method} ${route.path}`,
          status: response.status,
          body: await response.json(),
        }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 401,
          body: { statusCode: 401, code: 'unauthenticated', message },
        });
      }
      expect(await counts()).toEqual(before);
      expect(readdirSync(uploadDir())).toEqual(uploadsBefore);
    });

    it('stores no event or customer on a refused POST', async () => {
      const before = { event: await count('event'), customer: await count('customer') };
      const events = await test.api(undefined, '/api/v1/events', {
        method: 'POST',
        json: { events: [{ name: 'page_view', customer: { email: 'nobody@example.jp' } }] },
      });
      const customers = await test.api(as(wellFormedKey('Nope12345678')), '/api/v1/customers', {
        method: 'POST',
        json: { source: 'ec', customers: [{ customerId: 'X1', email: 'nobody@example.jp' }] },
      });
      expect([events.status, customers.status]).toEqual([401, 401]);
      expect({ event: await count('event'), customer: await count('customer') }).toEqual(before);
      const { rows } = await test.db.pool.query(
        "SELECT count(*)::int AS n FROM customer_identity WHERE value = 'nobody@example.jp'",
      );
      expect(rows[0].n).toBe(0);
    });

    it('accepts the key in the X-API-Key header as well', async () => {
      const response = await test.api(undefined, '/api/v1/workspace', { headers: { 'x-api-key': shop.apiKey } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        id: shop.id,
        slug: 'shop',
        name: 'shop',
        timezone: 'Asia/Tokyo',
        createdAt: expect.any(String),
      });
    });
  });

  it('serves GET /api/health without a key', async () => {
    for (const workspace of [undefined, as('garbage')]) {
      const response = await test.api(workspace, '/api/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        version: '0.1.0',
        database: { status: 'up', latencyMs: expect.any(Number) },
        queue: { adapter: 'inline', status: 'up' },
      });
    }
  });

  describe('API keys', () => {
    it('shows a new key once, never lists its secret, and stores only a SHA-256 of the secret', async () => {
      const response = await test.api(shop, '/api/v1/api-keys', { method: 'POST', json: { name: '  reporting  ' } });
      expect(response.status).toBe(201);
      const created = (await response.json()) as { id: number; prefix: string; key: string };
      expect(created).toEqual({
        id: expect.any(Number),
        name: 'reporting',
        prefix: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
        role: 'admin',
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        key: expect.stringMatching(/^kz_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/),
      });
      expect(created.key.startsWith(`kz_${created.prefix}_`)).toBe(true);
      const secret = created.key.slice(`kz_${created.prefix}_`.length);
      const secretHash = createHash('sha256').update(secret).digest('hex');

      // The new key works.
      const workspace = await test.api(as(created.key), '/api/v1/workspace');
      expect(await workspace.json()).toMatchObject({ id: shop.id, slug: 'shop' });

      const listed = await test.api(shop, '/api/v1/api-keys');
      const text = await listed.text();
      const { items } = JSON.parse(text) as { items: Record<string, unknown>[] };
      const entry = items.find((item) => item.id === created.id);
      expect(Object.keys(entry!).sort()).toEqual([
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
        'role',
      ]);
      expect(entry).toMatchObject({ name: 'reporting', prefix: created.prefix, revokedAt: null });
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secretHash);

      const stored = await test.db.pool.query('SELECT * FROM api_key WHERE id = $1', [created.id]);
      expect(stored.rows[0]).toMatchObject({
        workspace_id: shop.id,
        name: 'reporting',
        prefix: created.prefix,
        secret_hash: secretHash,
      });
      const leaking = await test.db.pool.query(
        "SELECT count(*)::int AS n FROM api_key k WHERE k::text LIKE '%' || $1 || '%'",
        [secret],
      );
      expect(leaking.rows[0].n).toBe(0);
    });

    it('names a bad key name', async () => {
      const response = await test.api(shop, '/api/v1/api-keys', { method: 'POST', json: { name: '   ' } });
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({
        code: 'validation_failed',
        issues: [{ field: 'name', message: expect.any(String) }],
      });
    });
  });

  describe('validation of POST /api/v1/events', () => {
    let before: { event: number; customer: number; import_job: number; api_key: number };
    beforeAll(async () => {
      before = await counts();
    });
    afterAll(async () => {
      // Nothing of any refused batch was stored, not even its valid events or their customers.
      expect(await counts()).toEqual(before);
    });

    const post = (body: unknown) => test.api(shop, '/api/v1/events', { method: 'POST', json: body });

    it('names every bad field by its path, and stores none of the batch', async () => {
      const response = await post({
        source: 'web',
        events: [
          { eventId: 'v-0', name: 'Page View', customer: { email: 'a@example.jp' } },
          { eventId: 'v-1', name: 'page_view', customer: {} },
          { eventId: 'v-2', name: 'page_view', occurredAt: '2026-01-05 10:00', customer: { email: 'a@example.jp' } },
          { eventId: 'v-3', name: 'page_view', customer: { email: 'not an email' } },
          { eventId: 'v-4', name: 'page_view', customer: { email: 'fine@example.jp' } },
        ],
      });
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(body.issues).toEqual([
        {
          field: 'events.0.name',
          message: '"Page View" is not an event name (lower-case letters, digits and _ . : -, starting with a letter)',
        },
        { field: 'events.1.customer', message: 'needs at least one of customerId, email, phone, lineUserId, memberNo' },
        { field: 'events.2.occurredAt', message: 'Invalid ISO datetime' },
        { field: 'events.3.customer.email', message: '"not an email" is not an email address' },
      ]);
      expect(body.message).toMatch(
        /^The request is invalid: events\.0\.name: .*; events\.1\.customer: .*; events\.2\.occurredAt: .*; events\.3\.customer\.email: /,
      );
    });

    it('refuses more than 1,000 events in one call, naming events', async () => {
      const events = Array.from({ length: 1_001 }, (_, i) => ({
        eventId: `big-${i}`,
        name: 'page_view',
        customer: { email: 'a@example.jp' },
      }));
      const response = await post({ events });
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body.issues).toEqual([{ field: 'events', message: 'Too big: expected array to have <=1000 items' }]);
    });

    it('refuses an empty batch', async () => {
      const body = await json(await post({ events: [] }));
      expect(body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        issues: [{ field: 'events', message: 'Too small: expected array to have >=1 items' }],
      });
    });

    it('refuses an unknown field, at the top or in an event', async () => {
      const top = await json(
        await post({ events: [{ name: 'page_view', customer: { email: 'a@example.jp' } }], sauce: 'secret' }),
      );
      // The schema reports an unknown key at the object that holds it: the body itself here.
      expect(top).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        issues: [{ field: '(body)', message: 'Unrecognized key: "sauce"' }],
      });
      const nested = await json(
        await post({ events: [{ name: 'page_view', customer: { email: 'a@example.jp' }, userId: 'u1' }] }),
      );
      expect(nested).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        issues: [{ field: 'events.0', message: 'Unrecognized key: "userId"' }],
      });
    });

    it('answers invalid JSON with invalid_json', async () => {
      const response = await test.api(shop, '/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"events": [{"name": "page_view",',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        code: 'invalid_json',
        message: 'The request body is not valid JSON.',
      });
    });

    it('refuses a body over 5 MB with 413', async () => {
      const response = await post({
        events: [
          { name: 'page_view', customer: { email: 'a@example.jp' }, properties: { padding: 'x'.repeat(6_000_000) } },
        ],
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        statusCode: 413,
        code: 'payload_too_large',
        message: 'The request body is too large.',
      });
    });
  });

  describe('workspace isolation', () => {
    it("keeps a workspace's customers out of another's reads and searches", async () => {
      const created = await test.api(shop, '/api/v1/customers', {
        method: 'POST',
        json: { email: 'Shared@Example.JP', phone: '090-5555-0001', familyName: '田中', givenName: '一郎' },
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };

      for (const path of [`/api/v1/customers/${id}`, `/api/v1/customers/${id}/merges`]) {
        const response = await test.api(other, path);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          statusCode: 404,
          code: 'not_found',
          message: `customer ${id} was not found`,
          entity: 'customer',
          id,
        });
      }
      for (const q of ['shared@example.jp', '090-5555-0001', '田中']) {
        const search = (workspace: TestWorkspace) =>
          test.api(workspace, `/api/v1/customers?q=${encodeURIComponent(q)}`).then(json);
        expect({ q, items: (await search(other)).items }).toEqual({ q, items: [] });
        expect({ q, ids: ((await search(shop)).items as { id: number }[]).map((hit) => hit.id) }).toEqual({
          q,
          ids: [id],
        });
      }

      // The same email in the other workspace is another person's record there, not a link to this one.
      const theirs = await test.api(other, '/api/v1/customers', {
        method: 'POST',
        json: { email: 'shared@example.jp', familyName: '別人' },
      });
      const theirBody = (await theirs.json()) as { id: number; created: number };
      expect(theirBody.created).toBe(1);
      expect(theirBody.id).not.toBe(id);
      const ours = (await (await test.api(shop, `/api/v1/customers/${id}`)).json()) as {
        profile: { familyName: string };
        merges: unknown[];
      };
      expect({ familyName: ours.profile.familyName, merges: ours.merges }).toEqual({ familyName: '田中', merges: [] });
    });

    it("keeps a workspace's import jobs and API keys out of another's reach", async () => {
      const upload = await uploadImport(test, shop, { kind: 'orders', source: 'ec' }, ORDERS_CSV);
      expect(upload.status).toBe(202);
      const job = (await upload.json()) as { id: number };
      await waitForImport(test, shop, job.id);

      const ownList = (await (await test.api(shop, '/api/v1/imports')).json()) as { items: { id: number }[] };
      expect(ownList.items.map((item) => item.id)).toContain(job.id);
      expect(await (await test.api(other, '/api/v1/imports')).json()).toEqual({ items: [] });
      for (const path of [`/api/v1/imports/${job.id}`, `/api/v1/imports/${job.id}/rejections`]) {
        const response = await test.api(other, path);
        expect({ path, status: response.status, code: (await json(response)).code }).toEqual({
          path,
          status: 404,
          code: 'not_found',
        });
      }

      const keys = (await (await test.api(shop, '/api/v1/api-keys')).json()) as { items: { id: number }[] };
      const shopKeyId = keys.items[0]!.id;
      const otherKeys = (await (await test.api(other, '/api/v1/api-keys')).json()) as { items: { id: number }[] };
      expect(otherKeys.items.map((item) => item.id)).not.toContain(shopKeyId);
      const revoke = await test.api(other, `/api/v1/api-keys/${shopKeyId}`, { method: 'DELETE' });
      expect(revoke.status).toBe(404);
      expect((await test.api(shop, '/api/v1/workspace')).status).toBe(200);
    });
  });
});
