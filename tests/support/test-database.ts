import { createPgPool, createPrismaClient, type Pool, type PrismaClient } from '@kizuna/db';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { templateDatabaseName } from './migration-fingerprint';
import { databaseUrl, testServerUrl } from './test-environment';

export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  prisma: PrismaClient;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
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

/** A fresh, migrated database of its own for one test file, so files run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kizuna_test_${randomBytes(5).toString('hex')}`;
  const template = templateDatabaseName();
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = databaseUrl(name);
  const pool = createPgPool(url, { max: 5, applicationName: 'kizuna-test' });
  const prisma = createPrismaClient(url, { max: 3 });
  return {
    name,
    url,
    pool,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
