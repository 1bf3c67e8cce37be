// globalSetup runs outside jest's module registry: no path aliases here.
import { applyMigrations } from '../../libs/db/src/database-bootstrap';
import pg from 'pg';
import { templateDatabaseName } from './migration-fingerprint';
import { databaseUrl, testServerUrl } from './test-environment';

/**
 * Builds, once per migration set, a migrated template database; each integration test file then
 * clones it (CREATE DATABASE ... TEMPLATE), which takes ~100 ms instead of migrating again.
 */
export default async function integrationGlobalSetup(): Promise<void> {
  const template = templateDatabaseName();
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [template]);
    if (found.rows[0]?.datistemplate) return;
    await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.query(`CREATE DATABASE "${template}"`);
    await applyMigrations(databaseUrl(template));
    await admin.query(`ALTER DATABASE "${template}" WITH is_template = true`);
    // Templates of earlier migration sets are no longer needed.
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'kizuna_template_%' AND datname <> $1",
      [template],
    );
    for (const { datname } of stale.rows) {
      await admin.query(`ALTER DATABASE "${datname}" WITH is_template = false`);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
    }
  } finally {
    await admin.end();
  }
}
