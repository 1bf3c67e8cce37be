import {
  csvContentType,
  dmFileName,
  dmManifest,
  DmPieceSchema,
  dmPrintFile,
  type CsvEncoding,
  type DmManifest,
  type DmPrintItem,
} from '@kizuna/channels';
import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import type { Queryable } from '../infrastructure/database/transaction';
import { DmBatchRepository, type DmBatch } from './dm-batch.repository';

export interface DmExport {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  manifest: DmManifest;
}

/**
 * Direct-mail batches for the print vendor: the file (and its manifest) of a batch, built from the
 * pieces as they were collected, in print order, so exporting the same batch again gives the same
 * bytes. The first export closes the batch: later pieces of that step go in the next day's batch.
 */
@Injectable()
export class DmBatchesService {
  constructor(
    private readonly batches: DmBatchRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(workspaceId: number, filter: { status?: 'open' | 'exported'; journeyId?: number; limit: number }) {
    return this.batches.list(workspaceId, filter);
  }

  /**
   * The batch's file; an open batch is marked exported with the file's checksum. The batch row is
   * locked while the file is made, so no piece joins between the read and the mark. A file that
   * cannot be encoded (Shift_JIS) fails before anything is marked.
   */
  async export(workspaceId: number, batchId: number, encoding: CsvEncoding): Promise<DmExport> {
    return this.batches.transaction(async (db) => {
      const batch = await this.batches.lock(db, workspaceId, batchId);
      if (!batch) throw new NotFoundError('DM batch', batchId);
      const exportedAt = batch.exportedAt ?? this.clock.now();
      const made = await this.file(workspaceId, batch, encoding, exportedAt, db);
      if (batch.status === 'open')
        await this.batches.markExported(db, workspaceId, batch.id, made.manifest.sha256, exportedAt);
      return made;
    });
  }

  /** The manifest of the file `export` gives in that encoding (of an open batch: as it would be now). */
  async manifest(workspaceId: number, batchId: number, encoding: CsvEncoding): Promise<DmManifest> {
    const batch = await this.batches.find(workspaceId, batchId);
    if (!batch) throw new NotFoundError('DM batch', batchId);
    const made = await this.file(workspaceId, batch, encoding, batch.exportedAt ?? this.clock.now());
    return made.manifest;
  }

  private async file(
    workspaceId: number,
    batch: DmBatch,
    encoding: CsvEncoding,
    createdAt: Date,
    db?: Queryable,
  ): Promise<DmExport> {
    const messages = await this.batches.messages(workspaceId, batch.id, db);
    const items: DmPrintItem[] = messages.map((message) => ({
      messageId: message.messageId,
      customerId: message.customerId,
      piece: DmPieceSchema.parse(message.rendered),
    }));
    const file = dmPrintFile(items, encoding);
    const manifest = dmManifest(batch, file, encoding, createdAt);
    return {
      fileName: dmFileName(batch.id, batch.sendDate, encoding),
      contentType: csvContentType(encoding),
      bytes: file.bytes,
      manifest,
    };
  }
}
