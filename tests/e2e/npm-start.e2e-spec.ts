import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * `npm start` as a user runs it on a fresh machine: no DATABASE_URL (embedded PostgreSQL in a new
 * data directory), no REDIS_URL (in-process queue), demo data seeded, then Ctrl-C.
 */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-e2e-'));
    port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      KIZUNA_DATA_DIR: dataDir,
      KIZUNA_DEMO_CUSTOMERS: '2000',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    // Its own process group, so "Ctrl-C" reaches npm and everything under it, as in a terminal.
    child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGKILL');
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API, its docs and the editor on one port, with a demo workspace', async () => {
    const health = await waitFor(
      '/api/health',
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
      },
      150_000,
    );
    expect(health).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      queue: { adapter: 'inline', status: 'up' },
    });

    const editor = await fetch(`http://127.0.0.1:${port}/`);
    expect(editor.status).toBe(200);
    const html = await editor.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}${script!}`)).status).toBe(200);
    // Client-side routes get the editor too.
    expect((await fetch(`http://127.0.0.1:${port}/data/imports`)).status).toBe(200);

    const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
    const openapi = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/imports', '/api/v1/events', '/api/v1/customers/{id}']),
    );

    const apiKey = /(kz_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43})/.exec(output)?.[1];
    expect(apiKey).toBeDefined();
    const customers = await fetch(`http://127.0.0.1:${port}/api/v1/customers?q=example.com&limit=5`, {
      headers: { authorization: `Bearer ${apiKey!}` },
    });
    expect(customers.status).toBe(200);
    const workspace = await fetch(`http://127.0.0.1:${port}/api/v1/workspace`, {
      headers: { authorization: `Bearer ${apiKey!}` },
    });
    expect(await workspace.json()).toMatchObject({ slug: 'demo', timezone: 'Asia/Tokyo' });
    // The scenario templates are there as drafts, ready to publish (their segments and starter messages exist).
    const journeys = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/journeys`, { headers: { authorization: `Bearer ${apiKey!}` } })
    ).json()) as { id: number; status: string }[];
    expect(journeys.length).toBeGreaterThanOrEqual(5);
    expect(new Set(journeys.map((j) => j.status))).toEqual(new Set(['draft']));
    const first = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/journeys/${journeys[0]!.id}`, {
        headers: { authorization: `Bearer ${apiKey!}` },
      })
    ).json()) as { issues: unknown[] };
    expect(first.issues).toEqual([]);

    // The first admin, printed once: it signs in to the demo workspace.
    const email = /email: +(\S+)/.exec(output)?.[1];
    const password = /password: +(\S+)/.exec(output)?.[1];
    expect(email).toBe('admin@kizuna.local');
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ workspace: { slug: 'demo' }, role: 'admin' });
    expect(output.split(password!)).toHaveLength(2);
  });

  it('stops everything on Ctrl-C, the embedded database included', async () => {
    const postmasterPid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(-child.pid!, 'SIGINT');
    const { code, signal } = await exited(child);
    // npm passes the interrupt on: it exits 0 (the engine stopped cleanly) or by the same signal.
    expect(code === 0 || signal === 'SIGINT').toBe(true);
    expect(output).toMatch(/shutting down[\s\S]*stopped/);
    await waitFor(
      'PostgreSQL to stop',
      async () => (existsSync(path.join(dataDir, 'pg', 'postmaster.pid')) ? undefined : true),
      15_000,
    );
    const gone = () => {
      try {
        process.kill(postmasterPid, 0);
        return undefined;
      } catch {
        return true;
      }
    };
    expect(await waitFor('the postmaster to exit', async () => gone(), 5_000)).toBe(true);
  });
});
