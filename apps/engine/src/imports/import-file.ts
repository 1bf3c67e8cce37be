import { readCsvRows, type CsvRow, type FileEncoding } from '@kizuna/ingest';
import { createReadStream } from 'node:fs';

/** Rows of a CSV file on disk, streamed in small chunks (the importer groups them into transactions). */
export function readCsvFile(path: string, encoding: FileEncoding, batchSize = 1_000): AsyncGenerator<CsvRow[]> {
  return readCsvRows(createReadStream(path, { highWaterMark: 256 * 1024 }), { encoding, batchSize });
}
