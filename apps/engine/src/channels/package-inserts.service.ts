import {
  csvContentType,
  DmPieceSchema,
  packageInsertFile,
  sha256Hex,
  sortForPacking,
  type CsvEncoding,
  type PackageInsertItem,
} from '@kizuna/channels';
import { Injectable } from '@nestjs/common';
import type { CsvDownload } from './csv-download';
import { PackageInsertRepository } from './package-insert.repository';

/**
 * Package inserts (同梱): a DM piece for a customer whose parcel leaves that day goes in the parcel
 * instead of the post, saving the postage. Planning the day moves those pieces out of their open DM
 * batches; the packing list tells the warehouse which creative goes in which parcel.
 */
@Injectable()
export class PackageInsertsService {
  constructor(private readonly inserts: PackageInsertRepository) {}

  /** Plans the day (again: pieces already planned stay where they are) and returns the list. */
  async plan(workspaceId: number, date: string) {
    const moved = await this.inserts.plan(workspaceId, date);
    return { date, moved, items: (await this.items(workspaceId, date)).map(summary) };
  }

  async list(workspaceId: number, date: string) {
    return { date, items: (await this.items(workspaceId, date)).map(summary) };
  }

  /** The packing list as CSV (UTF-8 with BOM or CP932), one row per piece, by shipment number. */
  async file(workspaceId: number, date: string, encoding: CsvEncoding): Promise<CsvDownload> {
    const bytes = packageInsertFile(await this.items(workspaceId, date), encoding);
    return {
      fileName: `package-inserts-${date.replaceAll('-', '')}-${encoding}.csv`,
      contentType: csvContentType(encoding),
      bytes,
      sha256: sha256Hex(bytes),
    };
  }

  private async items(workspaceId: number, date: string): Promise<PackageInsertItem[]> {
    const records = await this.inserts.list(workspaceId, date);
    return sortForPacking(
      records.map(({ rendered, ...record }) => ({ ...record, piece: DmPieceSchema.parse(rendered) })),
    );
  }
}

function summary(item: PackageInsertItem) {
  return {
    shipmentId: item.shipmentId,
    shipmentNo: item.shipmentNo,
    orderNo: item.orderNo,
    carrier: item.carrier,
    trackingNo: item.trackingNo,
    customerId: item.customerId,
    messageId: item.messageId,
    creativeId: item.piece.creativeId,
    couponCode: item.piece.couponCode,
  };
}
