import pg from 'pg';
import { parsePostgresUrl } from './prisma-pg-adapter';

const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;

/**
 * Type parsers for the raw pool: ids and counts (int8) and aggregates (numeric) as JS numbers (they
 * stay far below 2^53 here), calendar dates as 'YYYY-MM-DD' strings so no timezone shifts them.
 */
const defaultParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => (value: string) => unknown;

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === OID_INT8 || oid === OID_NUMERIC) return (value: string) => Number(value);
      if (oid === OID_DATE) return (value: string) => value;
    }
    return defaultParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PgPoolOptions {
  max?: number;
  applicationName?: string;
}

/** The raw pool for set-based SQL, COPY and bulk work (Prisma serves the CRUD paths). */
export function createPgPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  const { schema, ...fields } = parsePostgresUrl(url);
  const pool = new pg.Pool({
    ...fields,
    max: options.max ?? 10,
    application_name: options.applicationName ?? fields.application_name ?? 'kizuna',
    types: typeParsers,
    allowExitOnIdle: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process; the pool
  // replaces it on the next checkout.
  pool.on('error', () => undefined);
  // A client checked out of the pool (a transaction) has no 'error' listener of its own: its
  // connection dying then threw an unhandled 'error' event and ended the process. The query in
  // flight fails with the error either way (found by tests/integration/faults-restarts.int-spec.ts).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export type { Pool, PoolClient } from 'pg';
