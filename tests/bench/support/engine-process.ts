import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Pool } from '@kizuna/db';
import { generateApiKey } from '../../../apps/engine/src/auth/api-key-format';

const root = path.resolve(__dirname, '../../..');

export interface EngineProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the graceful shutdown. */
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bench drives the engine far past the per-second limits of its public doors on purpose. */
const BENCH_RATE_LIMITS_OFF = {
  KIZUNA_RATE_LIMIT_EVENTS: '0',
  KIZUNA_RATE_LIMIT_TRACKING: '0',
  KIZUNA_RATE_LIMIT_WEBHOOKS: '0',
};

/**
 * The engine as production runs it: `node apps/engine/src/main.ts` (TypeScript compiled on
 * require, as `npm start`) in a process of its own, with `env` on top of this process's. Its log
 * (JSON lines, LOG_LEVEL info unless given) is written and thrown away, as a log shipper would take it.
 */
export async function startEngineProcess(env: Record<string, string>): Promise<EngineProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'tools/register-typescript.cjs'), path.join(root, 'apps/engine/src/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        KIZUNA_DEMO: 'off',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...BENCH_RATE_LIMITS_OFF,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the engine did not answer /api/health within 120 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** A workspace and an API key for it, written straight to the database (as `kizuna api-keys create` does). */
export async function createBenchWorkspace(pool: Pool, slug: string): Promise<{ id: number; apiKey: string }> {
  const { rows } = await pool.query<{ id: number }>('INSERT INTO workspace (slug, name) VALUES ($1, $1) RETURNING id', [
    slug,
  ]);
  const id = rows[0]!.id;
  const key = generateApiKey();
  await pool.query('INSERT INTO api_key (workspace_id, name, prefix, secret_hash) VALUES ($1, $2, $3, $4)', [
    id,
    'bench',
    key.prefix,
    key.secretHash,
  ]);
  return { id, apiKey: key.key };
}
