import { compileHeader, importKindDefinitions, type FileEncoding, type ImportKind } from '@kizuna/ingest';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName } from '../infrastructure/queue/queue-definitions';
import { readCsvFile } from './import-file';
import { ImportJobRepository, type ImportJob } from './import-job.repository';
import { EmptyFileError, type RejectedRow } from './run-import.use-case';

export interface StoredUpload {
  path: string;
  originalName: string;
  size: number;
}

/** Jobs are enqueued under a deterministic id: enqueuing the same job twice runs it once. */
export function importQueueJobId(importJobId: number): string {
  return `import-${importJobId}`;
}

@Injectable()
export class ImportService {
  constructor(
    private readonly jobs: ImportJobRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /**
   * Accepts an uploaded file: its header is checked at once (a wrong file fails now, naming the
   * missing and unknown columns), then the rows are imported in the background.
   */
  async startUpload(
    workspaceId: number,
    upload: StoredUpload,
    options: { kind: ImportKind; encoding: FileEncoding; source: string },
  ): Promise<ImportJob> {
    try {
      await checkHeader(upload.path, options.kind, options.encoding);
    } catch (error) {
      await rm(upload.path, { force: true });
      throw error;
    }
    const job = await this.jobs.create({
      workspaceId,
      ...options,
      fileName: upload.originalName,
      fileSize: upload.size,
      origin: 'api',
      uploadPath: upload.path,
    });
    await this.queue.enqueue(
      QueueName.Imports,
      { workspaceId, importJobId: job.id },
      { jobId: importQueueJobId(job.id) },
    );
    return job;
  }

  async get(workspaceId: number, id: number): Promise<ImportJob> {
    const job = await this.jobs.find(workspaceId, id);
    if (!job) throw new NotFoundError('import', id);
    return job;
  }

  list(workspaceId: number, limit = 50): Promise<ImportJob[]> {
    return this.jobs.list(workspaceId, limit);
  }

  async rejections(workspaceId: number, id: number): Promise<AsyncGenerator<RejectedRow[]>> {
    await this.get(workspaceId, id);
    return this.jobs.rejections(workspaceId, id);
  }
}

/** Reads only the header line of a file and checks it against the kind. */
export async function checkHeader(path: string, kind: ImportKind, encoding: FileEncoding): Promise<void> {
  for await (const batch of readCsvFile(path, encoding, { batchSize: 1 })) {
    const header = batch[0];
    if (header) {
      compileHeader(kind, header.cells, importKindDefinitions[kind]);
      return;
    }
  }
  throw new EmptyFileError();
}
