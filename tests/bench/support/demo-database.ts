import { applyMigrations, createPgPool } from '@kizuna/db';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const serverUrl = process.env.KIZUNA_BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(__dirname, '../../..');

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The 1,000,000-customer demo (~10 M order lines) the analytics benchmarks run on. Building it
 * takes about 8 minutes (the real importer), so it is kept between runs in its own database
 * (`kizuna_bench_1m`, or KIZUNA_BENCH_DEMO_DB) and migrated forward each time.
 */
export async function demoDatabase(customers = 1_000_000): Promise<{ url: string; workspaceId: number }> {
  const name =
    process.env.KIZUNA_BENCH_DEMO_DB ?? (customers === 1_000_000 ? 'kizuna_bench_1m' : `kizuna_bench_${customers}`);
  const url = databaseUrl(name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await applyMigrations(url);
  const pool = createPgPool(url, { max: 1 });
  try {
    const found = await pool.query<{ id: number }>("SELECT id FROM workspace WHERE slug = 'demo'");
    if (found.rows[0]) return { url, workspaceId: found.rows[0].id };
    console.log(
      `building the ${customers.toLocaleString()}-customer demo in ${name} (once; about 8 minutes for 1M)...`,
    );
    const seeded = spawnSync(
      process.execPath,
      [
        path.join(root, 'apps/cli/bin/kizuna.js'),
        'demo',
        'seed',
        '--customers',
        String(customers),
        '--workspace',
        'demo',
        '--as-of',
        '2026-11-22',
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
    );
    if (seeded.status !== 0) throw new Error('seeding the demo failed');
    await pool.query('VACUUM ANALYZE');
    const created = await pool.query<{ id: number }>("SELECT id FROM workspace WHERE slug = 'demo'");
    return { url, workspaceId: created.rows[0]!.id };
  } finally {
    await pool.end();
  }
}
