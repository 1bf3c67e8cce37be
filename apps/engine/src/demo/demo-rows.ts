import type { DemoTable } from '@kizuna/demo-data';
import type { CsvRow } from '@kizuna/ingest';

/**
 * A demo table as the importer reads a file: batches of rows, the header on line 1. The demo skips
 * CSV text (it would only be written and parsed back) but not validation or identity resolution.
 */
export async function* demoTableRows(table: DemoTable, batchSize = 1_000): AsyncGenerator<CsvRow[]> {
  let batch: CsvRow[] = [{ line: 1, cells: [...table.header] }];
  let line = 1;
  for (const cells of table.rows()) {
    batch.push({ line: ++line, cells });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
      // Generation is pure CPU: give the event loop a turn so the previous batch's writes go on.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length) yield batch;
}
