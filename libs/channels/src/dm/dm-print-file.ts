import { encodeCsvFile, type CsvEncoding } from './csv-file';
import type { DmPiece } from './dm-piece';

/** The print vendor's columns, in order (labels as Japanese vendors' address-file templates name them). */
export const DM_PRINT_COLUMNS = [
  '顧客番号',
  '郵便番号',
  '都道府県',
  '市区町村',
  '住所1',
  '住所2',
  '氏名',
  'クーポンコード',
  'クリエイティブID',
  'メッセージ',
] as const;

/** A piece of a batch with the customer and message it belongs to. */
export interface DmPrintItem {
  messageId: string;
  customerId: number;
  piece: DmPiece;
}

/** `〒150-0001` (with the postal mark, as the label prints it) or `150-0001`. */
export function formatPostalCode(postalCode: string, options: { mark: boolean } = { mark: true }): string {
  return options.mark ? `〒${postalCode}` : postalCode;
}

const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * The addressee with the honorific 様: `山田　太郎　様`. Full-width spaces, as vertical address
 * printing sets them (a half-width space turns sideways in vertical text). No name: `お客様`.
 */
export function addresseeName(familyName: string | null, givenName: string | null): string {
  const name = [familyName, givenName].filter(Boolean).join(IDEOGRAPHIC_SPACE);
  return name ? `${name}${IDEOGRAPHIC_SPACE}様` : 'お客様';
}

export function dmPrintRow(item: DmPrintItem): string[] {
  const { piece } = item;
  const { address } = piece;
  return [
    String(item.customerId),
    formatPostalCode(address.postalCode),
    address.prefecture ?? '',
    address.city ?? '',
    address.addressLine1,
    address.addressLine2 ?? '',
    addresseeName(address.familyName, address.givenName),
    piece.couponCode ?? '',
    piece.creativeId,
    piece.message ?? '',
  ];
}

/** Compares decimal ids of any length (message ids are bigint) without parsing them. */
export function compareDecimalIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Print order: by postal code (Japan Post's bulk-mail discounts ask for mail sorted by postal code),
 * then customer and message. The same pieces always give the same file, byte for byte.
 */
export function sortForPrint<T extends DmPrintItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (a.piece.address.postalCode < b.piece.address.postalCode
        ? -1
        : a.piece.address.postalCode > b.piece.address.postalCode
          ? 1
          : 0) ||
      a.customerId - b.customerId ||
      compareDecimalIds(a.messageId, b.messageId),
  );
}

export interface DmPrintFile {
  bytes: Buffer;
  rowCount: number;
  /** Pieces per creative, by creative id. */
  creatives: { creativeId: string; count: number }[];
}

/** The vendor file of a batch: sorted rows, RFC 4180 CSV, in the encoding asked for. */
export function dmPrintFile(items: readonly DmPrintItem[], encoding: CsvEncoding): DmPrintFile {
  const sorted = sortForPrint(items);
  const bytes = encodeCsvFile(DM_PRINT_COLUMNS, sorted.map(dmPrintRow), encoding);
  return { bytes, rowCount: sorted.length, creatives: countCreatives(sorted) };
}

export function countCreatives(items: readonly { piece: DmPiece }[]): { creativeId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { piece } of items) counts.set(piece.creativeId, (counts.get(piece.creativeId) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([creativeId, count]) => ({ creativeId, count }));
}
