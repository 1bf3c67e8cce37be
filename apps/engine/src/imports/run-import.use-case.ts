import type { Pool } from '@kizuna/db';
import {
  compileHeader,
  importKindDefinitions,
  RowReader,
  type CompiledHeader,
  type CsvRow,
  type ImportKind,
  type ImportRecordByKind,
  type ParseContext,
} from '@kizuna/ingest';
import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseError } from 'pg';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { toCsvLine } from './csv-line';
import type { ImportWriter, ParsedRow, WriteRejection } from './writers/import-writer';
import { IMPORT_WRITERS } from './writers/import-writers';

export interface ImportProgress {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface RejectedRow {
  line: number;
  column: string;
  reason: string;
  /** The row as a CSV line. */
  raw: string;
}

export interface ImportRunRequest {
  workspaceId: number;
  kind: ImportKind;
  source: string;
  /** Written to merge logs, e.g. "import:42". */
  origin: string;
  timeZone: string;
  /** Batches of rows; the first row is the header. */
  rows: AsyncIterable<CsvRow[]>;
  /** Called after each batch is stored, with its rejected rows and the running totals. */
  onBatch?: (progress: ImportProgress, rejected: readonly RejectedRow[]) => Promise<void> | void;
  /** Checked between batches: an aborted import stops after the batch being stored. */
  signal?: AbortSignal;
  /** Rows per database transaction (default 20,000: large enough to amortise round trips). */
  writeBatchSize?: number;
}

export class ImportInterruptedError extends Error {
  constructor() {
    super('The import was interrupted by a shutdown; it resumes when the engine starts again.');
    this.name = 'ImportInterruptedError';
  }
}

export class EmptyFileError extends Error {
  constructor() {
    super('The file is empty: it has no header line.');
    this.name = 'EmptyFileError';
  }
}

/** SQLSTATE classes a single bad row can cause: 22 data exception, 23 integrity violation. */
function isRowLevelError(error: unknown): boolean {
  const code = (error as Partial<DatabaseError>).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

type AnyRecord = ImportRecordByKind[ImportKind];

type PreparedRow = ParsedRow<AnyRecord> & { cells: readonly string[] };

interface PreparedBatch {
  rows: PreparedRow[];
  rejected: RejectedRow[];
  read: number;
}

const emptyBatch = (): PreparedBatch => ({ rows: [], rejected: [], read: 0 });

/**
 * The importer: header check, row validation, and batched writes. Parsing of the next batch
 * overlaps the database work of the current one. A batch is one transaction; a row that passes
 * validation but still breaks a database rule is isolated by splitting the batch, so it is rejected
 * alone and every other row lands. Nothing about the whole import is transactional: progress is
 * visible as it goes, and re-running an interrupted import is safe because every write is an upsert
 * by external id.
 */
@Injectable()
export class RunImportUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(IMPORT_WRITERS) private readonly writers: ReadonlyMap<ImportKind, ImportWriter<ImportKind>>,
  ) {}

  async execute(request: ImportRunRequest): Promise<ImportProgress> {
    const definition = importKindDefinitions[request.kind];
    const writer = this.writers.get(request.kind)!;
    const context: ParseContext = { timeZone: request.timeZone, defaultCountry: 'JP' };
    const fileState = new Map<string, unknown>();
    const runState = new Map<string, unknown>();
    const progress: ImportProgress = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
    let header: CompiledHeader | undefined;
    let pending: Promise<void> = Promise.resolve();
    let accumulated = emptyBatch();
    const writeBatchSize = request.writeBatchSize ?? 20_000;

    // Sources yield small chunks; each is parsed as it arrives, and the event loop turns between
    // chunks, so the database work of the previous batch keeps moving while this one is parsed.
    for await (const chunk of request.rows) {
      if (request.signal?.aborted) {
        await pending;
        throw new ImportInterruptedError();
      }
      let rows = chunk;
      if (!header) {
        const [first, ...rest] = chunk;
        if (!first) continue;
        header = compileHeader(request.kind, first.cells, definition);
        rows = rest;
      }
      this.parseInto(accumulated, rows, header, (reader) => definition.parseRow(reader), context);
      if (accumulated.read >= writeBatchSize) {
        const batch = accumulated;
        accumulated = emptyBatch();
        writer.prepare?.(batch.rows, fileState);
        await pending;
        pending = this.store(batch, writer, request, runState, progress);
      }
    }
    if (accumulated.read) {
      writer.prepare?.(accumulated.rows, fileState);
      await pending;
      pending = this.store(accumulated, writer, request, runState, progress);
    }
    await pending;
    if (!header) throw new EmptyFileError();
    return progress;
  }

  private parseInto(
    prepared: PreparedBatch,
    rows: readonly CsvRow[],
    header: CompiledHeader,
    parseRow: (reader: RowReader) => AnyRecord | undefined,
    context: ParseContext,
  ): void {
    prepared.read += rows.length;
    const width = header.names.length;
    for (const { line, cells, malformed } of rows) {
      const reject = (column: string, reason: string) =>
        prepared.rejected.push({ line, column, reason, raw: toCsvLine(cells) });
      if (malformed) {
        reject('', `the CSV structure is broken: ${malformed}`);
        continue;
      }
      if (cells.length !== width) {
        reject(
          cells.length < width ? header.names[cells.length]! : '',
          `the row has ${cells.length} cells, the header has ${width}`,
        );
        continue;
      }
      const reader = new RowReader(header, cells, context);
      const record = parseRow(reader);
      if (!record) {
        for (const issue of reader.issues) reject(issue.column, issue.reason);
        continue;
      }
      prepared.rows.push({ line, record, cells });
    }
  }

  private async store(
    batch: PreparedBatch,
    writer: ImportWriter<ImportKind>,
    request: ImportRunRequest,
    runState: Map<string, unknown>,
    progress: ImportProgress,
  ): Promise<void> {
    const refused = batch.rows.length ? await this.writeIsolating(batch.rows, writer, request, runState) : [];
    const rejected = [
      ...batch.rejected,
      ...refused.map((r) => ({ ...r, raw: toCsvLine(batch.rows.find((row) => row.line === r.line)?.cells ?? []) })),
    ];
    const rejectedLines = new Set(rejected.map((r) => r.line)).size;
    progress.rowsRead += batch.read;
    progress.rowsRejected += rejectedLines;
    progress.rowsAccepted = progress.rowsRead - progress.rowsRejected;
    await request.onBatch?.({ ...progress }, rejected);
  }

  private async writeIsolating(
    rows: readonly ParsedRow<AnyRecord>[],
    writer: ImportWriter<ImportKind>,
    request: ImportRunRequest,
    runState: Map<string, unknown>,
  ): Promise<WriteRejection[]> {
    try {
      return await withTransaction(this.pool, (tx) =>
        writer.write(
          { tx, workspaceId: request.workspaceId, source: request.source, origin: request.origin, runState },
          rows as never,
        ),
      );
    } catch (error) {
      // Ids cached during the rolled-back transaction may not exist.
      runState.clear();
      if (!isRowLevelError(error)) throw error;
      if (rows.length === 1) {
        const message = (error as DatabaseError).detail ?? (error as Error).message;
        return [
          {
            line: rows[0]!.line,
            column: (error as DatabaseError).column ?? '',
            reason: `refused by the database: ${message}`,
          },
        ];
      }
      const middle = Math.ceil(rows.length / 2);
      return [
        ...(await this.writeIsolating(rows.slice(0, middle), writer, request, runState)),
        ...(await this.writeIsolating(rows.slice(middle), writer, request, runState)),
      ];
    }
  }
}
