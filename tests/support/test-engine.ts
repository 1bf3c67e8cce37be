import type { Clock } from '@kizuna/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkspaceRole } from '@kizuna/shared';
import { ApiKeyService } from '../../apps/engine/src/auth/api-key.service';
import { MembersService } from '../../apps/engine/src/users/members.service';
import { startEngine, type RunningEngine } from '../../apps/engine/src/bootstrap/start-engine';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestWorkspace {
  id: number;
  slug: string;
  apiKey: string;
}

export interface TestUser {
  email: string;
  password: string;
  userId: number;
}

/** A signed-in editor session: send `cookie` always and `csrfToken` in X-CSRF-Token on changes. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** The session token itself (the cookie's value), for a browser context. */
  token: string;
}

export interface TestEngine {
  engine: RunningEngine;
  db: TestDatabase;
  url: string;
  /** A workspace with an API key of its own. */
  createWorkspace(slug: string): Promise<TestWorkspace>;
  /** A member of the workspace with this role (a new account, through the members service). */
  createUser(
    workspace: TestWorkspace,
    role: WorkspaceRole,
    options?: { email?: string; personalData?: boolean },
  ): Promise<TestUser>;
  /** Signs in through POST /api/v1/session, as the editor does. */
  signIn(user: Pick<TestUser, 'email' | 'password'>, workspace?: TestWorkspace): Promise<TestSession>;
  /** fetch against the engine, with the workspace's API key. */
  api(workspace: TestWorkspace | undefined, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/** The whole engine (HTTP included) on a fresh database of its own, as `npm start` runs it. */
export async function startTestEngine(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestEngine> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-test-'));
  const config = loadEngineConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    KIZUNA_DEMO: 'off',
    KIZUNA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KIZUNA_DB_POOL_SIZE: '5',
    // Suites that fire hundreds of webhooks or events a second test other things; the limits have
    // their own suite (http-hygiene), which sets them.
    KIZUNA_RATE_LIMIT_EVENTS: '0',
    KIZUNA_RATE_LIMIT_TRACKING: '0',
    KIZUNA_RATE_LIMIT_WEBHOOKS: '0',
    KIZUNA_RATE_LIMIT_SIGN_IN: '0',
    // Tests make the accounts they need (createUser); the access suite starts one with this on.
    KIZUNA_FIRST_ADMIN: 'off',
    // The browser tier's own editor build (browser-global-setup.ts); without it the engine would serve apps/editor/dist.
    ...(process.env.KIZUNA_EDITOR_DIR ? { KIZUNA_EDITOR_DIR: process.env.KIZUNA_EDITOR_DIR } : {}),
    ...env,
  });
  const engine = await startEngine(config, { migrate: false, clock: options.clock });
  const url = engine.url.replace('localhost', '127.0.0.1');
  return {
    engine,
    db,
    url,
    async createWorkspace(slug) {
      const { rows } = await db.pool.query<{ id: number }>(
        'INSERT INTO workspace (slug, name) VALUES ($1, $1) RETURNING id',
        [slug],
      );
      const id = rows[0]!.id;
      const key = await engine.app.get(ApiKeyService).create(id, 'test');
      return { id, slug, apiKey: key.key };
    },
    async createUser(workspace, role, options = {}) {
      const email = options.email ?? `${role}-${workspace.slug}-${Math.random().toString(36).slice(2, 8)}@example.jp`;
      const added = await engine.app
        .get(MembersService)
        .add(workspace.id, { email, name: email, role, personalData: options.personalData ?? false });
      if (!added.temporaryPassword) throw new Error(`${email} already had an account`);
      return { email, password: added.temporaryPassword, userId: added.member.userId };
    },
    async signIn(user, workspace) {
      const response = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password, workspace: workspace?.slug }),
      });
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      const token = /kizuna_session=([^;]+)/.exec(setCookie)?.[1];
      if (!token) throw new Error(`no session cookie in ${setCookie}`);
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie: `kizuna_session=${token}`, csrfToken, token };
    },
    api(workspace, route, init = {}) {
      const headers = new Headers(init.headers);
      if (workspace) headers.set('authorization', `Bearer ${workspace.apiKey}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${url}${route}`, { ...init, headers, body });
    },
    async stop() {
      await engine.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls an import job until it ends. */
export async function waitForImport(
  test: TestEngine,
  workspace: TestWorkspace,
  id: number,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await test.api(workspace, `/api/v1/imports/${id}`)).json()) as Record<string, unknown>;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${String(job.status)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Imports a test's fixture file through the API and waits: every row must be stored. */
export async function importWholeFile(
  test: TestEngine,
  workspace: TestWorkspace,
  fields: { kind: string; encoding?: string; source?: string },
  content: Buffer | string,
  timeoutMs?: number,
): Promise<void> {
  const response = await uploadImport(test, workspace, fields, content);
  expect(response.status).toBe(202);
  const job = await waitForImport(test, workspace, ((await response.json()) as { id: number }).id, timeoutMs);
  expect(job).toMatchObject({ status: 'succeeded', rowsRejected: 0 });
}

/** POST /api/v1/imports with a file, as the editor and curl send it. */
export function uploadImport(
  test: TestEngine,
  workspace: TestWorkspace,
  fields: { kind: string; encoding?: string; source?: string },
  content: Buffer | string,
  fileName = 'upload.csv',
): Promise<Response> {
  const form = new FormData();
  form.set('kind', fields.kind);
  if (fields.encoding) form.set('encoding', fields.encoding);
  if (fields.source !== undefined) form.set('source', fields.source);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  form.set('file', new Blob([new Uint8Array(bytes)]), fileName);
  return test.api(workspace, '/api/v1/imports', { method: 'POST', body: form });
}
