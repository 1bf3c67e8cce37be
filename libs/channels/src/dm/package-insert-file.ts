import { encodeCsvFile, type CsvEncoding } from './csv-file';
import type { DmPiece } from './dm-piece';
import { addresseeName, compareDecimalIds } from './dm-print-file';

/** The packing list's columns: which parcel, and which piece goes in it. */
export const PACKAGE_INSERT_COLUMNS = [
  '出荷番号',
  '注文番号',
  '配送業者',
  '追跡番号',
  '顧客番号',
  '氏名',
  'クリエイティブID',
  'クーポンコード',
  'メッセージ',
] as const;

/** A DM piece that rides in a parcel instead of going by post (同梱). */
export interface PackageInsertItem {
  shipmentId: number;
  /** The shipment's and the order's numbers in the shop's system, as the warehouse knows them. */
  shipmentNo: string;
  orderNo: string;
  carrier: string | null;
  trackingNo: string | null;
  customerId: number;
  messageId: string;
  piece: DmPiece;
}

export function packageInsertRow(item: PackageInsertItem): string[] {
  return [
    item.shipmentNo,
    item.orderNo,
    item.carrier ?? '',
    item.trackingNo ?? '',
    String(item.customerId),
    addresseeName(item.piece.address.familyName, item.piece.address.givenName),
    item.piece.creativeId,
    item.piece.couponCode ?? '',
    item.piece.message ?? '',
  ];
}

/** Packing order: by shipment number, then message, so a re-download is the same file. */
export function sortForPacking<T extends PackageInsertItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (a.shipmentNo < b.shipmentNo ? -1 : a.shipmentNo > b.shipmentNo ? 1 : 0) ||
      a.shipmentId - b.shipmentId ||
      compareDecimalIds(a.messageId, b.messageId),
  );
}

export function packageInsertFile(items: readonly PackageInsertItem[], encoding: CsvEncoding): Buffer {
  return encodeCsvFile(PACKAGE_INSERT_COLUMNS, sortForPacking(items).map(packageInsertRow), encoding);
}
