import type { Pool, PrismaClient } from '@kizuna/db';
import type { FileEncoding, ImportKind } from '@kizuna/ingest';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, PRISMA } from '../infrastructure/database/database.tokens';
import type { ImportProgress, RejectedRow } from './run-import.use-case';

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJob {
  id: number;
  workspaceId: number;
  kind: ImportKind;
  encoding: FileEncoding;
  source: string;
  fileName: string;
  fileSize: number;
  status: ImportStatus;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  error: string | null;
  origin: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewImportJob {
  workspaceId: number;
  kind: ImportKind;
  encoding: FileEncoding;
  source: string;
  fileName: string;
  fileSize: number;
  origin: string;
  uploadPath?: string;
  status?: ImportStatus;
}

/** A running job whose heartbeat is older than this is considered abandoned and resumed. */
export const STALE_HEARTBEAT_SECONDS = 120;

type ImportJobRow = Awaited<ReturnType<PrismaClient['importJob']['findFirstOrThrow']>>;

function toImportJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    encoding: row.encoding as FileEncoding,
    source: row.source,
    fileName: row.fileName,
    fileSize: Number(row.fileSize),
    status: row.status,
    rowsRead: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsRejected: row.rowsRejected,
    error: row.error,
    origin: row.origin,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

@Injectable()
export class ImportJobRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async create(job: NewImportJob): Promise<ImportJob> {
    const row = await this.prisma.importJob.create({
      data: { ...job, fileSize: BigInt(job.fileSize), status: job.status ?? 'queued' },
    });
    return toImportJob(row);
  }

  async find(workspaceId: number, id: number): Promise<ImportJob | undefined> {
    const row = await this.prisma.importJob.findFirst({ where: { id, workspaceId } });
    return row ? toImportJob(row) : undefined;
  }

  async list(workspaceId: number, limit: number): Promise<ImportJob[]> {
    const rows = await this.prisma.importJob.findMany({ where: { workspaceId }, orderBy: { id: 'desc' }, take: limit });
    return rows.map(toImportJob);
  }

  async markRunning(workspaceId: number, id: number): Promise<void> {
    await this.prisma.importJob.updateMany({
      where: { id, workspaceId },
      data: { status: 'running', startedAt: new Date(), heartbeatAt: new Date() },
    });
  }

  /** Progress and the batch's rejected rows, in one transaction. */
  async recordBatch(
    workspaceId: number,
    id: number,
    progress: ImportProgress,
    rejected: readonly RejectedRow[],
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (rejected.length) {
        await client.query(
          `INSERT INTO import_rejection (workspace_id, import_job_id, line_no, "column", reason, raw)
           SELECT $1, $2, t.* FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS t`,
          [
            workspaceId,
            id,
            rejected.map((r) => r.line),
            rejected.map((r) => r.column),
            rejected.map((r) => r.reason),
            rejected.map((r) => r.raw),
          ],
        );
      }
      await client.query(
        `UPDATE import_job SET rows_read = $3, rows_accepted = $4, rows_rejected = $5, heartbeat_at = now()
          WHERE id = $2 AND workspace_id = $1`,
        [workspaceId, id, progress.rowsRead, progress.rowsAccepted, progress.rowsRejected],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async finish(
    workspaceId: number,
    id: number,
    outcome: { status: 'succeeded' } | { status: 'failed'; error: string },
  ): Promise<ImportJob> {
    const row = await this.prisma.importJob.update({
      where: { id, workspaceId },
      data: {
        status: outcome.status,
        error: outcome.status === 'failed' ? outcome.error : null,
        finishedAt: new Date(),
        uploadPath: null,
      },
    });
    return toImportJob(row);
  }

  /** Back to the queue with no heartbeat, so the next start resumes it at once. */
  async requeue(workspaceId: number, id: number): Promise<void> {
    await this.prisma.importJob.updateMany({
      where: { id, workspaceId },
      data: { status: 'queued', heartbeatAt: null },
    });
  }

  /** Restarting from scratch is safe: every import write is an upsert by external id. */
  async resetForRetry(workspaceId: number, id: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.importRejection.deleteMany({ where: { importJobId: id, workspaceId } }),
      this.prisma.importJob.updateMany({
        where: { id, workspaceId },
        data: { status: 'queued', rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, error: null, heartbeatAt: new Date() },
      }),
    ]);
  }

  /**
   * Claims pending jobs whose upload is on this machine: queued, or running with a stopped
   * heartbeat (the process that ran them died). The claim refreshes the heartbeat atomically, so
   * two processes never take the same job.
   */
  async claimAbandoned(): Promise<{ id: number; workspaceId: number; uploadPath: string }[]> {
    const { rows } = await this.pool.query<{ id: number; workspace_id: number; upload_path: string }>(
      `UPDATE import_job SET heartbeat_at = now()
        WHERE upload_path IS NOT NULL AND status IN ('queued', 'running')
          AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $1))
        RETURNING id, workspace_id, upload_path`,
      [STALE_HEARTBEAT_SECONDS],
    );
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, uploadPath: row.upload_path }));
  }

  async uploadPathOf(workspaceId: number, id: number): Promise<string | null> {
    const row = await this.prisma.importJob.findFirst({ where: { id, workspaceId }, select: { uploadPath: true } });
    return row?.uploadPath ?? null;
  }

  /** Rejected rows in file order, streamed in pages so a large report never sits in memory. */
  async *rejections(workspaceId: number, id: number, pageSize = 5_000): AsyncGenerator<RejectedRow[]> {
    let afterId = 0;
    for (;;) {
      const { rows } = await this.pool.query<{
        id: number;
        line_no: number;
        column: string;
        reason: string;
        raw: string;
      }>(
        `SELECT id, line_no, "column", reason, raw FROM import_rejection
          WHERE workspace_id = $1 AND import_job_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
        [workspaceId, id, afterId, pageSize],
      );
      if (!rows.length) return;
      afterId = rows[rows.length - 1]!.id;
      yield rows.map((row) => ({ line: row.line_no, column: row.column, reason: row.reason, raw: row.raw }));
    }
  }
}
