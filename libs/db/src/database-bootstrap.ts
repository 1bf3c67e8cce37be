import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { parsePostgresUrl } from './prisma-pg-adapter';

const execFileAsync = promisify(execFile);

/** The repository root: prisma.config.ts and prisma/ live there. */
export const repositoryRoot = path.resolve(__dirname, '../../..');

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * Creates the target database when it is missing (the Prisma CLI does not through an adapter),
 * connecting to the `postgres` maintenance database of the same server.
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const { schema: _schema, ...fields } = parsePostgresUrl(url);
  const database = fields.database;
  if (!database) throw new Error('DATABASE_URL names no database');
  const client = new pg.Client({ ...fields, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    return true;
  } catch (error) {
    // Two processes racing to create the same database: the loser finds it there.
    if ((error as pg.DatabaseError).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

export class MigrationError extends Error {
  constructor(readonly output: string) {
    super(`Database migration failed:\n${output}`);
    this.name = 'MigrationError';
  }
}

/** Applies pending Prisma migrations (`prisma migrate deploy` through the JS schema engine). */
export async function applyMigrations(url: string): Promise<string> {
  const prismaCli = require.resolve('prisma/build/index.js');
  try {
    const { stdout } = await execFileAsync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new MigrationError([failed.stdout, failed.stderr].filter(Boolean).join('\n') || failed.message);
  }
}
