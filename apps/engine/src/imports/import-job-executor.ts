import type { Pool } from '@kizuna/db';
import { EncodingError, HeaderMismatchError } from '@kizuna/ingest';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { WorkspaceService } from '../workspaces/workspace.service';
import { readCsvFile } from './import-file';
import { ImportJobRepository, type ImportJob } from './import-job.repository';
import { analyzeImportedTables } from './imported-tables';
import { EmptyFileError, ImportInterruptedError, RunImportUseCase, type ImportProgress } from './run-import.use-case';

/** Errors that are about the file, not the system: the job fails with this message, nothing logged as a fault. */
export function isFileProblem(error: unknown): error is Error {
  return error instanceof HeaderMismatchError || error instanceof EncodingError || error instanceof EmptyFileError;
}

/**
 * Rows an import must have stored for its tables to be analysed at once: the refreshes it
 * triggers would otherwise be planned on statistics that predate it (a semi-join planned as a
 * nested loop over 100,000 customers took minutes instead of a second), and autovacuum's analyse
 * comes later.
 */
const ANALYZE_AFTER_ROWS = 10_000;

/** Runs one import job from a file on disk, recording progress and rejected rows as it goes. */
@Injectable()
export class ImportJobExecutor {
  private readonly logger = new Logger(ImportJobExecutor.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly runImport: RunImportUseCase,
    private readonly workspaces: WorkspaceService,
    private readonly changes: DataChangeNotifier,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Runs the job to its end; returns undefined when a shutdown interrupted it (it stays queued). */
  async run(
    job: ImportJob,
    filePath: string,
    options: {
      onProgress?: (progress: ImportProgress) => void;
      onBytesRead?: (bytes: number) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<ImportJob | undefined> {
    const workspace = await this.workspaces.get(job.workspaceId);
    await this.jobs.markRunning(job.workspaceId, job.id);
    try {
      await this.runImport.execute({
        workspaceId: job.workspaceId,
        kind: job.kind,
        source: job.source,
        origin: `import:${job.id}`,
        timeZone: workspace.timezone,
        rows: readCsvFile(filePath, job.encoding, options.onBytesRead ? { onBytesRead: options.onBytesRead } : {}),
        onBatch: async (progress, rejected) => {
          await this.jobs.recordBatch(job.workspaceId, job.id, progress, rejected);
          options.onProgress?.(progress);
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return await this.announce(await this.jobs.finish(job.workspaceId, job.id, { status: 'succeeded' }));
    } catch (error) {
      if (error instanceof ImportInterruptedError) {
        await this.jobs.requeue(job.workspaceId, job.id);
        return undefined;
      }
      if (!isFileProblem(error)) {
        this.logger.error({ err: error, workspaceId: job.workspaceId, importJobId: job.id }, 'import failed');
      }
      const message = isFileProblem(error) ? error.message : `The import stopped: ${(error as Error).message}`;
      return await this.announce(await this.jobs.finish(job.workspaceId, job.id, { status: 'failed', error: message }));
    }
  }

  /** Rows stored (by a finished job, or the committed batches of a failed one) change what segments and analytics read. */
  private async announce(finished: ImportJob): Promise<ImportJob> {
    if (finished.rowsAccepted >= ANALYZE_AFTER_ROWS) {
      await analyzeImportedTables(this.pool, [finished.kind]);
    }
    if (finished.rowsAccepted > 0)
      await this.changes.notify({ kind: 'import', workspaceId: finished.workspaceId, importKind: finished.kind });
    return finished;
  }
}
