/**
 * `npm run bench -- start`: seconds from `npm start` on a fresh data directory (embedded
 * PostgreSQL created, migrated, 20,000-customer demo seeded, editor built if needed) until
 * /api/health answers ok. Baseline, same run: creating and starting a bare embedded PostgreSQL
 * cluster, the part no start-up can skip. Target: under 20 s.
 */
import { EmbeddedPostgresServer } from '@kizuna/db';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportBench, seconds } from './support/bench-report';

const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function timeBarePostgres(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-bench-pg-'));
  const started = process.hrtime.bigint();
  const server = new EmbeddedPostgresServer({ dataDir, port: await freePort() });
  await server.start();
  const elapsed = seconds(started);
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return elapsed;
}

async function timeNpmStart(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-bench-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), KIZUNA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: 'ignore' });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return seconds(started);
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const baseline = await timeBarePostgres();
  console.log(`bare embedded PostgreSQL (initdb + start): ${baseline.toFixed(2)} s`);
  const value = await timeNpmStart();
  console.log(`npm start until /api/health is ok (20,000-customer demo): ${value.toFixed(2)} s (target < 20 s)`);
  reportBench({ name: 'start', value, unit: 's', baseline, better: 'lower' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
