import type { ImportKind, ImportRecordByKind } from '@kizuna/ingest';
import type { PoolClient } from '@kizuna/db';

/** A parsed row on its way to the database, with the file line it came from. */
export interface ParsedRow<TRecord> {
  line: number;
  record: TRecord;
}

/** A row the database side refused (e.g. a shipment for an order that does not exist). */
export interface WriteRejection {
  line: number;
  column: string;
  reason: string;
}

export interface ImportWriteContext {
  tx: PoolClient;
  workspaceId: number;
  /** Source system of the rows: scopes external ids. */
  source: string;
  /** Recorded in merge logs: what caused a merge. */
  origin: string;
  /** Caches of database ids for one import run; cleared when a batch rolls back. */
  runState: Map<string, unknown>;
}

/** Writes one batch of one kind in the caller's transaction; returns the rows it refused. */
export interface ImportWriter<K extends ImportKind> {
  readonly kind: K;
  /**
   * Completes records from what came before them in the file (e.g. line numbers within an order).
   * Runs once per batch, in file order, before any transaction: a batch retried after a failure
   * is not prepared twice.
   */
  prepare?(rows: readonly ParsedRow<ImportRecordByKind[K]>[], fileState: Map<string, unknown>): void;
  write(context: ImportWriteContext, rows: readonly ParsedRow<ImportRecordByKind[K]>[]): Promise<WriteRejection[]>;
}

/** A named Map inside a state map (one per name), created on first use. */
export function namedMap<V>(state: Map<string, unknown>, name: string): Map<string, V> {
  let map = state.get(name) as Map<string, V> | undefined;
  if (!map) {
    map = new Map<string, V>();
    state.set(name, map);
  }
  return map;
}

/** A per-run cache of database ids kept in the write context. */
export function runCache<V>(context: ImportWriteContext, name: string): Map<string, V> {
  return namedMap<V>(context.runState, name);
}

/** Keeps the last row per key (in the position of the key's first row): an upsert may touch a row once per statement. */
export function lastPerKey<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return byKey.size === rows.length ? (rows as T[]) : [...byKey.values()];
}
