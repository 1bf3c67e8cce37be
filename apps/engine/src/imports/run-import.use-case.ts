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
import { compactCsvLine, toCsvLine } from './csv-line';
import {
  asBatchWriter,
  type AnyImportWriter,
  type BatchImportWriter,
  type RowBatch,
  type WriteRejection,
} from './writers/import-writer';
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

type AnyBatchWriter = BatchImportWriter<ImportKind, RowBatch<AnyRecord>>;

interface PreparedBatch {
  rows: RowBatch<AnyRecord>;
  /** Each row as a CSV line, in batch order, for the report should the database refuse it. */
  raw: string[];
  rejected: RejectedRow[];
  read: number;
}

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
    @Inject(IMPORT_WRITERS) private readonly writers: ReadonlyMap<ImportKind, AnyImportWriter<ImportKind>>,
  ) {}

  async execute(request: ImportRunRequest): Promise<ImportProgress> {
    const definition = importKindDefinitions[request.kind];
    const writer = asBatchWriter(this.writers.get(request.kind)!) as AnyBatchWriter;
    const context: ParseContext = { timeZone: request.timeZone, defaultCountry: 'JP' };
    const fileState = new Map<string, unknown>();
    const runState = new Map<string, unknown>();
    const progress: ImportProgress = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
    const emptyBatch = (): PreparedBatch => ({ rows: writer.createBatch(fileState), raw: [], rejected: [], read: 0 });
    let header: CompiledHeader | undefined;
    let reader: RowReader | undefined;
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
        reader = new RowReader(header, [], context);
        rows = rest;
      }
      this.parseInto(accumulated, rows, header, reader!, (r) => definition.parseRow(r));
      if (accumulated.read >= writeBatchSize) {
        const batch = accumulated;
        accumulated = emptyBatch();
        batch.rows.seal();
        await pending;
        pending = this.store(batch, writer, request, runState, progress);
      }
    }
    if (accumulated.read) {
      accumulated.rows.seal();
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
    reader: RowReader,
    parseRow: (reader: RowReader) => AnyRecord | undefined,
  ): void {
    prepared.read += rows.length;
    const width = header.names.length;
    for (const { line, cells, malformed } of rows) {
      if (malformed) {
        prepared.rejected.push({
          line,
          column: '',
          reason: `the CSV structure is broken: ${malformed}`,
          raw: toCsvLine(cells),
        });
        continue;
      }
      if (cells.length !== width) {
        prepared.rejected.push({
          line,
          column: cells.length < width ? header.names[cells.length]! : '',
          reason: `the row has ${cells.length} cells, the header has ${width}`,
          raw: toCsvLine(cells),
        });
        continue;
      }
      const record = parseRow(reader.reset(cells));
      if (!record) {
        const raw = toCsvLine(cells);
        for (const issue of reader.issues)
          prepared.rejected.push({ line, column: issue.column, reason: issue.reason, raw });
        continue;
      }
      prepared.rows.add(line, record);
      prepared.raw.push(compactCsvLine(cells));
    }
  }

  private async store(
    batch: PreparedBatch,
    writer: AnyBatchWriter,
    request: ImportRunRequest,
    runState: Map<string, unknown>,
    progress: ImportProgress,
  ): Promise<void> {
    const refused = batch.rows.size ? await this.writeIsolating(batch.rows, writer, request, runState) : [];
    const rejected = [...batch.rejected];
    if (refused.length) {
      const rawOfLine = new Map<number, string>();
      for (let i = 0; i < batch.rows.size; i++) rawOfLine.set(batch.rows.lineAt(i), batch.raw[i]!);
      for (const r of refused) rejected.push({ ...r, raw: rawOfLine.get(r.line) ?? '' });
    }
    const rejectedLines = new Set(rejected.map((r) => r.line)).size;
    progress.rowsRead += batch.read;
    progress.rowsRejected += rejectedLines;
    progress.rowsAccepted = progress.rowsRead - progress.rowsRejected;
    await request.onBatch?.({ ...progress }, rejected);
  }

  private async writeIsolating(
    rows: RowBatch<AnyRecord>,
    writer: AnyBatchWriter,
    request: ImportRunRequest,
    runState: Map<string, unknown>,
  ): Promise<WriteRejection[]> {
    try {
      return await withTransaction(this.pool, async (tx) => {
        // A batch need not wait for its WAL to reach disk: a crash loses at most the last moments of
        // committed batches, and the import job, still running, is then restarted from the top, which
        // rewrites them (every write is an upsert by external id, ADR 0005). The job's own final update
        // commits synchronously, flushing the WAL of every batch before it.
        await tx.query('SET LOCAL synchronous_commit = off');
        return writer.write(
          { tx, workspaceId: request.workspaceId, source: request.source, origin: request.origin, runState },
          rows,
        );
      });
    } catch (error) {
      // Ids cached during the rolled-back transaction may not exist.
      runState.clear();
      if (!isRowLevelError(error)) throw error;
      if (rows.size === 1) {
        const message = (error as DatabaseError).detail ?? (error as Error).message;
        return [
          {
            line: rows.lineAt(0),
            column: (error as DatabaseError).column ?? '',
            reason: `refused by the database: ${message}`,
          },
        ];
      }
      const middle = Math.ceil(rows.size / 2);
      return [
        ...(await this.writeIsolating(rows.slice(0, middle), writer, request, runState)),
        ...(await this.writeIsolating(rows.slice(middle, rows.size), writer, request, runState)),
      ];
    }
  }
}
