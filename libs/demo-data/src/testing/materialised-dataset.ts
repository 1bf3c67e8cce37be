import { demoDataset } from '../demo-dataset';
import type { DemoImportKind, DemoOptions } from '../demo-table';

/** A generated dataset held in memory, for specs on a few thousand customers. */
export interface MaterialisedTable {
  readonly kind: DemoImportKind;
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly string[][];
  /** Reads a column of a row by name ('' when the table has no such column). */
  readonly cell: (row: readonly string[], column: string) => string;
}

export function materialise(options: DemoOptions): MaterialisedTable[] {
  return demoDataset(options).map((table) => {
    const header = table.header;
    return {
      kind: table.kind,
      source: table.source,
      header,
      rows: Array.from(table.rows()),
      cell: (row, column) => {
        const position = header.indexOf(column);
        return position < 0 ? '' : (row[position] ?? '');
      },
    };
  });
}

export function tableOf(tables: readonly MaterialisedTable[], kind: DemoImportKind, source: string): MaterialisedTable {
  const table = tables.find((candidate) => candidate.kind === kind && candidate.source === source);
  if (!table) throw new Error(`no ${kind} table from ${source}`);
  return table;
}
