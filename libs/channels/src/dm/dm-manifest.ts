import { createHash } from 'node:crypto';
import type { CsvEncoding } from './csv-file';
import { DM_PRINT_COLUMNS, type DmPrintFile } from './dm-print-file';

/** What goes to the print vendor beside the file, so both sides can check it arrived whole. */
export interface DmManifest {
  batchId: number;
  journeyId: number | null;
  nodeId: string | null;
  /** The batch's local send date, YYYY-MM-DD. */
  sendDate: string;
  fileName: string;
  encoding: CsvEncoding;
  columns: string[];
  rowCount: number;
  creatives: { creativeId: string; count: number }[];
  bytes: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** When the batch was exported (or, for a batch still open, when this manifest was made). */
  createdAt: string;
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `dm-batch-12-20270115-sjis.csv`: ASCII only, so every Content-Disposition reader keeps it. */
export function dmFileName(batchId: number, sendDate: string, encoding: CsvEncoding): string {
  return `dm-batch-${batchId}-${sendDate.replaceAll('-', '')}-${encoding}.csv`;
}

export function dmManifest(
  batch: { id: number; journeyId: number | null; nodeId: string | null; sendDate: string },
  file: DmPrintFile,
  encoding: CsvEncoding,
  createdAt: Date,
): DmManifest {
  return {
    batchId: batch.id,
    journeyId: batch.journeyId,
    nodeId: batch.nodeId,
    sendDate: batch.sendDate,
    fileName: dmFileName(batch.id, batch.sendDate, encoding),
    encoding,
    columns: [...DM_PRINT_COLUMNS],
    rowCount: file.rowCount,
    creatives: file.creatives,
    bytes: file.bytes.length,
    sha256: sha256Hex(file.bytes),
    createdAt: createdAt.toISOString(),
  };
}
