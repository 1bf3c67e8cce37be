/**
 * The Prisma driver adapter used by the app AND by the Prisma CLI (prisma.config.ts).
 *
 * The stock `PrismaPg` factory cannot run Prisma Migrate through the JS (Wasm) schema engine, which
 * is the only engine that works on a machine without access to Prisma's binary host. This wrapper
 * fixes the five problems measured in ../shared/notes/prisma-offline.md:
 *  1. catalog columns of type `name` (OID 19) are reported as text (prisma/orm#27403);
 *  2. `"char"` columns (OID 18) are reported as Character, or the engine panics reading
 *     pg_constraint.contype (prisma/orm#29635);
 *  3. a migration script runs as ONE simple-protocol query, so dollar-quoted bodies survive and a
 *     failing migration leaves nothing behind;
 *  4. pg gets discrete connection fields, never `connectionString`, so the shadow database is not
 *     silently the real one;
 *  5. the shadow database is dropped after its pool is closed.
 * Every pool sets `allowExitOnIdle` so CLI commands exit promptly.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;

/** Result rows whose columns (by index) are `"char"`: read back when Prisma maps column types. */
const charColumnsByRows = new WeakMap<unknown[], number[]>();

interface FieldLike {
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
  rows?: unknown[];
}

function rewriteCatalogTypes(result: unknown): void {
  const { fields, rows } = (result ?? {}) as ResultLike;
  if (!fields || !rows) return;
  const charColumns: number[] = [];
  fields.forEach((field, index) => {
    if (field.dataTypeID === OID_NAME) field.dataTypeID = OID_TEXT;
    else if (field.dataTypeID === OID_CHAR) {
      field.dataTypeID = OID_TEXT;
      charColumns.push(index);
    }
  });
  if (charColumns.length > 0) charColumnsByRows.set(rows, charColumns);
}

type QueryCallback = (err: Error | null, result: unknown) => void;

/** A pg client that reports catalog types the Prisma adapter does not know as text. */
class CatalogTextClient extends pg.Client {
  // pg's overloads cannot be expressed without widening; the wrapper forwards them unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...rawArgs: any[]): any {
    const args: unknown[] = rawArgs;
    const callQuery = super.query.bind(this) as (...a: unknown[]) => unknown;
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      args[args.length - 1] = (err: Error | null, result: unknown) => {
        if (!err) rewriteCatalogTypes(result);
        callback(err, result);
      };
      return callQuery(...args);
    }
    const returned = callQuery(...args);
    if (returned instanceof Promise) {
      return returned.then((result: unknown) => {
        rewriteCatalogTypes(result);
        return result;
      });
    }
    return returned;
  }
}

function patchCharColumns(result: SqlResultSet): SqlResultSet {
  const charColumns = charColumnsByRows.get(result.rows);
  if (charColumns) for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

function toDriverError(error: unknown): DriverAdapterError {
  if (error instanceof DriverAdapterError) return error;
  const e = error as pg.DatabaseError;
  return new DriverAdapterError({
    kind: 'postgres',
    code: e.code ?? 'UNKNOWN',
    severity: e.severity ?? 'ERROR',
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

function patchQueryable<T extends { queryRaw(q: SqlQuery): Promise<SqlResultSet> }>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery) => patchCharColumns(await queryRaw(query));
  return queryable;
}

function patchAdapter(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    patchQueryable<Transaction>(await startTransaction(isolationLevel));
  adapter.executeScript = async (script: string) => {
    try {
      // One simple-protocol query: PostgreSQL runs it as one implicit transaction.
      await pool.query(script);
    } catch (error) {
      throw toDriverError(error);
    }
  };
  return adapter;
}

export interface PgConnectionFields extends pg.PoolConfig {
  schema?: string;
}

/** Parses a postgres URL into discrete pg fields (never `connectionString`, see point 4 above). */
export function parsePostgresUrl(url: string): PgConnectionFields {
  const parsed = parseIntoClientConfig(url) as pg.ClientConfig & { options?: string };
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const fields: PgConnectionFields = {
    host: parsed.host,
    port: parsed.port,
    user: parsed.user,
    password: parsed.password,
    database: parsed.database,
    ssl: parsed.ssl,
    application_name: parsed.application_name,
  };
  if (schema) fields.schema = schema;
  return fields;
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export interface PgAdapterOptions {
  /** Pool size for the app; the CLI keeps pg's default. */
  max?: number;
}

export function createPgAdapter(url: string, options: PgAdapterOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  const { schema, ...fields } = parsePostgresUrl(url);
  const poolConfig: pg.PoolConfig = { ...fields, Client: CatalogTextClient, allowExitOnIdle: true };
  if (options.max) poolConfig.max = options.max;

  const connectWith = async (config: pg.PoolConfig, release?: () => Promise<void>) => {
    const pool = new pg.Pool(config);
    // As in createPgPool: a client whose connection dies (a PostgreSQL restart, a dropped test
    // database) must not throw an unhandled 'error', checked out or idle in the pool; the pool
    // discards it and the next query connects afresh.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const factory = new PrismaPg(pool, schema ? { schema } : undefined);
    const adapter = await factory.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await pool.end().catch(() => undefined);
      await release?.();
    };
    return patchAdapter(adapter, pool);
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectWith(poolConfig),
    connectToShadowDb: async () => {
      const admin = new pg.Pool({ ...fields, allowExitOnIdle: true, max: 1 });
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
      // The shadow pool is closed first (by the wrapped dispose), then the database dropped, then
      // the admin pool ended: in any other order DROP fails with "being accessed by other users".
      return connectWith({ ...poolConfig, database }, async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
        await admin.end();
      });
    },
  };
}
