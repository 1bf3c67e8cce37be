import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { isAllowed, type Permission, type WorkspaceGrant } from '@kizuna/shared';
import { IS_PUBLIC } from '../../apps/engine/src/auth/public.decorator';
import { REQUIRED_PERMISSION } from '../../apps/engine/src/auth/requires.decorator';
import { seedProfileCustomer } from '../support/customer-fixtures';
import { twoEmailsJourney } from '../support/journey-fixtures';
import {
  startTestEngine,
  type TestEngine,
  type TestSession,
  type TestUser,
  type TestWorkspace,
} from '../support/test-engine';

interface Route {
  method: string;
  /** Express form, e.g. /api/v1/journeys/:id/publish */
  path: string;
  permission: Permission | undefined;
  isPublic: boolean;
}

const METHOD_NAMES: Record<number, string> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** Routes outside the /api prefix (configure-http.ts): provider webhooks and the links in messages. */
const UNPREFIXED = ['webhooks', 't'];

function join(...parts: string[]): string {
  return `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/** Every route the engine serves, read from the controllers' own metadata, as Nest registers them. */
function enumerateRoutes(test: TestEngine): Route[] {
  const routes: Route[] = [];
  const controllers = [...test.engine.app.get(ModulesContainer).values()].flatMap((module) => [
    ...module.controllers.values(),
  ]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
      if (path === undefined || method === undefined) continue;
      const prefix = UNPREFIXED.includes(base.split('/')[0]!) ? '' : 'api';
      routes.push({
        method: METHOD_NAMES[method]!,
        path: join(prefix, base, path),
        permission: (Reflect.getMetadata(REQUIRED_PERMISSION, handler) ??
          Reflect.getMetadata(REQUIRED_PERMISSION, controller)) as Permission | undefined,
        isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)),
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

const routeName = (route: Route) => `${route.method} ${route.path}`;

/** Placeholder values: ids nobody has, so an allowed call finds nothing and changes nothing. */
function withPlaceholders(path: string): string {
  return path
    .replace(':channel', 'email')
    .replace(':key', 'no-such-template')
    .replace(':model', 'bgnbd')
    .replace(':analysis', 'rfm')
    .replace(':workspace', 'no-such-workspace')
    .replace(':token', 'no-such-token')
    .replace(/:id/g, '999999999');
}

/** A marker in every name, email and text of workspace B, so any leak into A's answers shows. */
const MARKER = 'BETASECRET7F3A';

/**
 * Issue 9's access rules, checked over every route the engine has (found from its controllers, so
 * a new route is covered the day it is added): which routes are public, what each role may call,
 * and that a member of workspace A can neither read nor change anything of workspace B, whatever
 * ids it puts in the URL.
 */
describe('Access control over every route', () => {
  let test: TestEngine;
  let alpha: TestWorkspace;
  let beta: TestWorkspace;
  let routes: Route[];
  const sessions = new Map<string, TestSession>();
  const grants: Record<string, WorkspaceGrant> = {
    admin: { role: 'admin', personalData: false },
    marketer: { role: 'marketer', personalData: false },
    analyst: { role: 'analyst', personalData: false },
    'analyst with personal data': { role: 'analyst', personalData: true },
  };
  /** B's ids by the route prefix that takes them. */
  let betaIds: Record<string, string>;

  function call(session: TestSession, method: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const body = json === undefined || method === 'GET' ? undefined : JSON.stringify(json);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${test.url}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
  }

  async function betaFingerprint(): Promise<Record<string, string>> {
    const { rows: tables } = await test.db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'workspace_id' ORDER BY table_name`,
    );
    const fingerprint: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const { rows } = await test.db.pool.query<{ digest: string | null; n: string }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*) AS n FROM "${table}" t WHERE workspace_id = $1`,
        [beta.id],
      );
      fingerprint[table] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
    }
    return fingerprint;
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    alpha = await test.createWorkspace('alpha');
    beta = await test.createWorkspace('beta');
    routes = enumerateRoutes(test);

    for (const [label, grant] of Object.entries(grants)) {
      const user: TestUser = await test.createUser(alpha, grant.role, { personalData: grant.personalData });
      sessions.set(label, await test.signIn(user));
    }

    // Workspace B, with one of everything an id in a URL can name.
    const profile = await seedProfileCustomer(test, beta);
    const betaApi = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
      const response = await test.api(beta, path, init);
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    await betaApi('/api/v1/customers', {
      method: 'POST',
      json: {
        email: `${MARKER.toLowerCase()}@example.jp`,
        familyName: MARKER,
        givenName: '花子',
        memberNo: '90000001',
      },
    });
    await betaApi('/api/v1/templates/email/hello', {
      method: 'PUT',
      json: { name: `${MARKER} hello`, content: { channel: 'email', subject: MARKER, html: `<p>${MARKER}</p>` } },
    });
    await betaApi('/api/v1/templates/email/follow-up', {
      method: 'PUT',
      json: { name: `${MARKER} follow`, content: { channel: 'email', subject: MARKER, html: `<p>${MARKER}</p>` } },
    });
    const journey = await betaApi('/api/v1/journeys', {
      method: 'POST',
      json: { name: `${MARKER} journey`, graph: twoEmailsJourney('beta_event') },
    });
    const segments = (await betaApi('/api/v1/segments')) as { items: { id: number }[] };
    const keys = (await betaApi('/api/v1/api-keys')) as { items: { id: number }[] };
    const imports = (await betaApi('/api/v1/imports')) as { items: { id: number }[] };
    const betaUser = await test.createUser(beta, 'admin', { email: `${MARKER.toLowerCase()}.admin@example.jp` });
    const { rows: messages } = await test.db.pool.query<{ id: string }>(
      'SELECT id::text FROM message WHERE workspace_id = $1 LIMIT 1',
      [beta.id],
    );
    betaIds = {
      '/api/v1/journeys/': String(journey.id),
      '/api/v1/reports/journeys/': String(journey.id),
      '/api/v1/segments/': String(segments.items[0]!.id),
      '/api/v1/customers/': String(profile.customerId),
      '/api/v1/scores/customers/': String(profile.customerId),
      '/api/v1/imports/': String(imports.items[0]!.id),
      '/api/v1/api-keys/': String(keys.items[0]!.id),
      '/api/v1/users/': String(betaUser.userId),
      '/api/v1/messages/': messages[0]?.id ?? '1',
      '/api/v1/dm-batches/': '1',
    };
  }, 120_000);
  afterAll(() => test.stop());

  it('finds the routes, and every one is public by intent or declares the permission it needs', () => {
    expect(routes.length).toBeGreaterThan(90);
    expect(routes.filter((route) => !route.isPublic && !route.permission).map(routeName)).toEqual([]);
    // Public: the health probe, the metrics scrape (its own token), sign-in, and what customers and
    // providers reach (signed links, signed webhooks).
    expect(routes.filter((route) => route.isPublic).map(routeName)).toEqual([
      'GET /api/health',
      'GET /api/metrics',
      'POST /api/v1/session',
      'GET /t/c/:token',
      'GET /t/o/:token',
      'GET /t/u/:token',
      'POST /t/u/:token',
      'POST /webhooks/line/:workspace',
      'POST /webhooks/twilio/inbound',
      'POST /webhooks/twilio/status',
    ]);
  });

  it('refuses every guarded route without credentials, with 401', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const response = await fetch(`${test.url}${withPlaceholders(route.path)}`, { method: route.method });
      if (response.status !== 401) failures.push(`${routeName(route)}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(Object.keys(grants))('lets the %s call exactly the routes of its role', async (label) => {
    const session = sessions.get(label)!;
    const grant = grants[label]!;
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic && !r.path.startsWith('/api/v1/session'))) {
      const response = await call(session, route.method, withPlaceholders(route.path), {});
      const allowed = isAllowed(grant, route.permission!);
      const body = await response.text();
      if (!allowed && (response.status !== 403 || !body.includes(route.permission!)))
        failures.push(`${routeName(route)} should be refused (${route.permission}): ${response.status}`);
      if (allowed && (response.status === 403 || response.status === 401 || response.status >= 500))
        failures.push(`${routeName(route)} should be allowed (${route.permission}): ${response.status} ${body}`);
    }
    expect(failures).toEqual([]);
  });

  it("applies an API key's role as a user's", async () => {
    const created = await test.api(alpha, '/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'bi', role: 'analyst' },
    });
    const { key } = (await created.json()) as { key: string };
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const read = await fetch(`${test.url}/api/v1/analytics/rfm`, { headers });
    expect(read.status).not.toBe(403);
    const write = await fetch(`${test.url}/api/v1/journeys`, { method: 'POST', headers, body: '{}' });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe('forbidden');
  });

  it("never shows or changes workspace B to A's admin, whatever B ids are in the URL", async () => {
    const before = await betaFingerprint();
    const admin = sessions.get('admin')!;
    const bodies: Record<string, unknown> = {
      'PUT /api/v1/journeys/:id': { name: 'taken over', graph: twoEmailsJourney('x') },
      'PATCH /api/v1/segments/:id': { name: 'taken over' },
      'PATCH /api/v1/users/:id': { role: 'analyst' },
    };
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic && r.path.includes(':id'))) {
      const prefix = Object.keys(betaIds).find(
        (p) => route.path.startsWith(p) && !route.path.slice(p.length).includes('/:'),
      );
      if (!prefix) {
        failures.push(`${routeName(route)}: no B id for this route in the test`);
        continue;
      }
      const path = withPlaceholders(route.path.replace(':id', betaIds[prefix]!));
      const response = await call(admin, route.method, path, bodies[routeName(route)] ?? {});
      const body = await response.text();
      if (response.status < 400 || response.status >= 500 || body.includes(MARKER))
        failures.push(`${route.method} ${path}: ${response.status} ${body.slice(0, 200)}`);
    }
    // Lists and searches: nothing of B in any of A's answers.
    for (const route of routes.filter((r) => !r.isPublic && r.method === 'GET' && !r.path.includes(':'))) {
      const response = await call(admin, 'GET', `${route.path}?q=${MARKER}`);
      const body = await response.text();
      if (body.includes(MARKER) || body.includes('aoi@example.jp'))
        failures.push(`GET ${route.path} shows B's data: ${body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await betaFingerprint()).toEqual(before);
  }, 120_000);
});
