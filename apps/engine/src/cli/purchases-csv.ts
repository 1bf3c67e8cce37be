import { readCsvRows } from '@kizuna/ingest';
import { calendarDayFromIso, type Purchase } from '@kizuna/scoring';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { CliUsageError } from './cli-output';

/** A transaction file the models cannot read, with the line and column at fault. */
export class PurchaseFileError extends CliUsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | null,
    reason: string,
  ) {
    super(`${file} line ${line}${column ? `, column ${column}` : ''}: ${reason}`);
  }
}

export interface PurchaseFile {
  /** Data rows read. */
  rows: number;
  /** Whether the file has an amount column (and so every purchase a value). */
  withAmounts: boolean;
  /** The earliest purchase day and its line, to explain a calibration end before the data. */
  earliest: { day: number; line: number } | null;
}

const REQUIRED = ['customer_id', 'date'] as const;

const purchaseRowSchema = z.object({
  customer_id: z.string().trim().min(1, 'is empty'),
  date: z.string().transform((text, ctx) => {
    const day = calendarDayFromIso(text.trim());
    if (day === null) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return day;
  }),
  amount: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const value = text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(value) || value < 0) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not an amount (a number >= 0)` });
        return z.NEVER;
      }
      return value;
    }),
});

/**
 * Reads `customer_id,date[,amount]` (UTF-8, header first; other columns are ignored), handing each
 * purchase to `onPurchase` as it goes (a file of millions of rows is never held as objects). The
 * first bad row stops the read: a model fitted on part of a file would silently describe other
 * customers.
 */
export async function readPurchaseFile(file: string, onPurchase: (purchase: Purchase) => void): Promise<PurchaseFile> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliUsageError(`no such file: ${file}`);
  let rows = 0;
  let columns: Map<string, number> | null = null;
  let earliest: PurchaseFile['earliest'] = null;
  for await (const batch of readCsvRows(createReadStream(file), { encoding: 'utf8' })) {
    for (const row of batch) {
      if (row.malformed) throw new PurchaseFileError(file, row.line, null, row.malformed);
      if (!columns) {
        columns = headerColumns(file, row.line, row.cells);
        continue;
      }
      const parsed = purchaseRowSchema.safeParse({
        customer_id: row.cells[columns.get('customer_id')!] ?? '',
        date: row.cells[columns.get('date')!] ?? '',
        amount: columns.has('amount') ? (row.cells[columns.get('amount')!] ?? '') : undefined,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new PurchaseFileError(file, row.line, String(issue.path[0] ?? ''), issue.message);
      }
      const { customer_id: customerId, date: day, amount } = parsed.data;
      onPurchase(amount === undefined ? { customerId, day } : { customerId, day, amount });
      rows++;
      if (!earliest || day < earliest.day) earliest = { day, line: row.line };
    }
  }
  if (!columns)
    throw new PurchaseFileError(file, 1, null, `empty file; expected the header ${REQUIRED.join(',')}[,amount]`);
  return { rows, withAmounts: columns.has('amount'), earliest };
}

function headerColumns(file: string, line: number, cells: readonly string[]): Map<string, number> {
  const columns = new Map(
    cells.map((name, index) => [
      name
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
      index,
    ]),
  );
  const missing = REQUIRED.filter((name) => !columns.has(name));
  if (missing.length > 0)
    throw new PurchaseFileError(
      file,
      line,
      missing.join(', '),
      `missing column${missing.length > 1 ? 's' : ''} (the header is "${cells.join(',')}"; expected customer_id,date[,amount])`,
    );
  return columns;
}
