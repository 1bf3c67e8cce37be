import { applyMigrations } from '@kizuna/db';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEngine, type RunningEngine } from '../../apps/engine/src/bootstrap/start-engine';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config';
import { databaseUrl, testServerUrl } from '../support/test-environment';

const ROOT = path.resolve(__dirname, '../..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
/** The last migration of the release the fixture was written by. */
const FIXTURE_RELEASE = '20261206100000_channels';
const FIXTURE_SQL = path.join(ROOT, 'tests/fixtures/upgrade/release-20261206-channels.sql');
const API_KEY = `kz_upgrade00001_UpgradeFixtureSecret${'0'.repeat(23)}`;

const migrationNames = () =>
  readdirSync(MIGRATIONS)
    .filter((name) => /^\d+_/.test(name))
    .sort();

/**
 * `prisma migrate deploy` over the migrations up to and including `last` only: a copy of them in a
 * directory of their own, with a Prisma config that points there (the repository's config,
 * its relative paths made absolute).
 */
async function migrateUpTo(url: string, last: string, workDir: string): Promise<void> {
  const migrations = path.join(workDir, 'migrations');
  mkdirSync(migrations);
  cpSync(path.join(MIGRATIONS, 'migration_lock.toml'), path.join(migrations, 'migration_lock.toml'));
  for (const name of migrationNames().filter((n) => n <= last)) {
    cpSync(path.join(MIGRATIONS, name), path.join(migrations, name), { recursive: true });
  }
  const config = readFileSync(path.join(ROOT, 'prisma.config.ts'), 'utf8')
    .replace("'./libs/db/src/prisma-pg-adapter'", JSON.stringify(path.join(ROOT, 'libs/db/src/prisma-pg-adapter')))
    .replace("'prisma/schema.prisma'", JSON.stringify(path.join(ROOT, 'prisma/schema.prisma')))
    .replace("'prisma/migrations'", JSON.stringify(migrations));
  const configPath = path.join(workDir, 'prisma.config.ts');
  writeFileSync(configPath, config);
  await promisify(execFile)(
    process.execPath,
    [require.resolve('prisma/build/index.js'), 'migrate', 'deploy', '--config', configPath],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1' } },
  );
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A database written by the release at migration 20261206100000_channels (its migrations, then
 * the fixture's rows in plain SQL) is migrated forward by whatever migrations exist after it,
 * as `npm start` does on an upgrade: every row the old release wrote reads the same afterwards,
 * and the engine starts on it and serves that data through the API with the old API key.
 */
describe('upgrade from the release at 20261206100000_channels', () => {
  const name = `kizuna_upgrade_${randomBytes(5).toString('hex')}`;
  const url = databaseUrl(name);
  // Inside the repository (tmp/ is git-ignored), so the Prisma config there resolves `prisma/config`.
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const workDir = mkdtempSync(path.join(ROOT, 'tmp', 'upgrade-'));
  let pool: pg.Pool;
  let engine: RunningEngine | undefined;

  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await engine?.stop();
    await pool.end();
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Each table's rows as text (only the columns the old release had), hashed: equal means intact. */
  async function contentOf(columnsByTable: Map<string, string[]>): Promise<Record<string, string>> {
    const content: Record<string, string> = {};
    for (const [table, columns] of columnsByTable) {
      const list = columns.map((c) => `"${c}"`).join(', ');
      const { rows } = await pool.query<{ n: number; digest: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(r::text, E'\\n' ORDER BY r::text)) AS digest
         FROM (SELECT ${list} FROM "${table}") r`,
      );
      content[table] = `${rows[0]!.n} ${rows[0]!.digest ?? '-'}`;
    }
    return content;
  }

  it('keeps every row the old release wrote, and the engine serves it', async () => {
    await migrateUpTo(url, FIXTURE_RELEASE, workDir);
    await pool.query(readFileSync(FIXTURE_SQL, 'utf8'));

    const applied = async () =>
      (
        await pool.query<{ migration_name: string }>(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
        )
      ).rows.map((r) => r.migration_name);
    expect(await applied()).toEqual(migrationNames().filter((n) => n <= FIXTURE_RELEASE));

    const { rows: columnRows } = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    );
    const columnsByTable = new Map<string, string[]>();
    for (const { table_name, column_name } of columnRows) {
      columnsByTable.set(table_name, [...(columnsByTable.get(table_name) ?? []), column_name]);
    }
    const before = await contentOf(columnsByTable);
    // The fixture is not empty where it matters (a table it forgot would prove nothing).
    for (const table of [
      'customer',
      'customer_identity',
      'consent',
      'customer_order',
      'order_line',
      'event',
      'segment',
      'journey',
      'enrollment',
      'message',
      'response',
    ]) {
      expect(before[table]).not.toMatch(/^0 /);
    }

    // Whatever migrations exist after the fixture's release (scoring, lift reports...) apply on top.
    await applyMigrations(url);
    expect(await applied()).toEqual(migrationNames());
    expect(await contentOf(columnsByTable)).toEqual(before);

    engine = await startEngine(
      loadEngineConfig({
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        KIZUNA_DEMO: 'off',
        KIZUNA_PERIODIC_TASKS: 'off',
        KIZUNA_DATA_DIR: workDir,
        LOG_LEVEL: 'silent',
        KIZUNA_DB_POOL_SIZE: '3',
      }),
      { migrate: false },
    );
    const base = engine.url.replace('localhost', '127.0.0.1');
    const get = async (route: string) => {
      const response = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect([route, response.status]).toEqual([route, 200]);
      return (await response.json()) as Record<string, unknown>;
    };

    // The old API key still works; the customer reads back with their identities and orders.
    const hanako = await get('/api/v1/customers/1');
    expect(hanako).toMatchObject({
      id: 1,
      profile: { familyName: '髙橋', givenName: '花子', prefecture: '東京都', birthDate: '1985-04-12' },
      attributes: { rank: 'gold' },
      sources: ['ec', 'pos'],
      merges: [{ survivorId: 1, mergedId: 3 }],
      stats: { orders: 2, totalSpend: 7700, events: 1 },
    });
    expect((hanako.identities as { kind: string; value: string }[]).map((i) => `${i.kind}:${i.value}`)).toEqual([
      'email:hanako@example.jp',
      'external:EC001',
      'external:P-77',
      'line:U0123456789abcdef0123456789abcdef',
      'phone:+819012345678',
    ]);
    const segments = (await get('/api/v1/segments')).items as { id: number; name: string }[];
    expect(segments.map((s) => [s.id, s.name])).toEqual([[1, '東京の会員']]);
    expect(await get('/api/v1/journeys/1')).toMatchObject({ id: 1, name: 'ようこそ' });
    expect(await get('/api/v1/templates/email/welcome')).toMatchObject({ key: 'welcome', channel: 'email' });

    // And it is usable: the old segment's rule still evaluates, new rows go in next to the old ones.
    const preview = await fetch(`${base}/api/v1/segments/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ definition: (await get('/api/v1/segments/1')).definition, sampleSize: 5 }),
    });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ count: 1 });
    const created = await fetch(`${base}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'ec',
        customers: [{ customerId: 'EC003', familyName: '鈴木', email: 'suzuki@example.jp' }],
      }),
    });
    expect(created.status).toBe(201);
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM customer WHERE workspace_id = 1 AND status = 'active'",
    );
    expect(rows[0]!.n).toBe(3);
  }, 90_000);
});
