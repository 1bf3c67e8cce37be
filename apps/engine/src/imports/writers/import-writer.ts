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

/**
 * The rows of one batch between parsing and writing, in the form their writer keeps them. A batch
 * lives while the next one is parsed: a million-line file should not make an object per row
 * survive that long (garbage collection of such batches cost more than parsing them).
 */
export interface RowBatch<TRecord> {
  readonly size: number;
  /** Appends a parsed row; rows arrive in file order. */
  add(line: number, record: TRecord): void;
  /** Called once, when the batch is complete and before any transaction writes it. */
  seal(): void;
  /** File line of the row at `index`. */
  lineAt(index: number): number;
  /** Rows [start, end) as a sealed batch of their own: a failed batch is split to isolate a bad row. */
  slice(start: number, end: number): RowBatch<TRecord>;
}

/** A writer that keeps its batches in its own compact form (orders: columns instead of row objects). */
export interface BatchImportWriter<K extends ImportKind, B extends RowBatch<ImportRecordByKind[K]>> {
  readonly kind: K;
  /** An empty batch; `fileState` lives for the whole file, as in ImportWriter.prepare. */
  createBatch(fileState: Map<string, unknown>): B;
  write(context: ImportWriteContext, batch: B): Promise<WriteRejection[]>;
}

export type AnyImportWriter<K extends ImportKind> =
  ImportWriter<K> | BatchImportWriter<K, RowBatch<ImportRecordByKind[K]>>;

/** Rows as objects, for the writers without a batch form of their own. */
export class ParsedRowBatch<TRecord> implements RowBatch<TRecord> {
  constructor(
    readonly rows: ParsedRow<TRecord>[] = [],
    private readonly prepare: (rows: readonly ParsedRow<TRecord>[]) => void = () => undefined,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  add(line: number, record: TRecord): void {
    this.rows.push({ line, record });
  }

  seal(): void {
    this.prepare(this.rows);
  }

  lineAt(index: number): number {
    return this.rows[index]!.line;
  }

  slice(start: number, end: number): ParsedRowBatch<TRecord> {
    return new ParsedRowBatch(this.rows.slice(start, end));
  }
}

/** A writer of either form as a BatchImportWriter. */
export function asBatchWriter<K extends ImportKind>(
  writer: AnyImportWriter<K>,
): BatchImportWriter<K, RowBatch<ImportRecordByKind[K]>> {
  if ('createBatch' in writer) return writer;
  return {
    kind: writer.kind,
    createBatch: (fileState) => new ParsedRowBatch([], (rows) => writer.prepare?.(rows, fileState)),
    write: (context, batch) => writer.write(context, (batch as ParsedRowBatch<ImportRecordByKind[K]>).rows),
  };
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
