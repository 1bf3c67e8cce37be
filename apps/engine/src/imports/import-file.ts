import { readCsvRows, type CsvRow, type FileEncoding } from '@kizuna/ingest';
import { createReadStream } from 'node:fs';

/** Rows of a CSV file on disk, streamed in small chunks (the importer groups them into transactions). */
export function readCsvFile(
  path: string,
  encoding: FileEncoding,
  options: { batchSize?: number; onBytesRead?: (bytes: number) => void } = {},
): AsyncGenerator<CsvRow[]> {
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (options.onBytesRead) input.on('data', () => options.onBytesRead!(input.bytesRead));
  return readCsvRows(input, { encoding, batchSize: options.batchSize ?? 1_000 });
}
