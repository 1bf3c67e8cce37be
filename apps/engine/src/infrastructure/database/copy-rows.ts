import type { PoolClient } from '@kizuna/db';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export type CopyValue = string | number | boolean | Date | null | undefined;

// COPY text format: backslash escapes for the characters that delimit fields and rows.
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// Consecutive rows share Date objects (the lines of one order): remember the last one's text.
let lastDate: Date | undefined;
let lastDateText = '';

function encodeDate(value: Date): string {
  if (value !== lastDate) {
    lastDate = value;
    lastDateText = value.toISOString();
  }
  return lastDateText;
}

/** One value in COPY text format (\\N for null, escapes for tabs and newlines). */
export function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return encodeDate(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

const CHUNK_ROWS = 2_000;

/**
 * COPY from lines the caller formats itself (`line(i)` returns row i, tab-separated, ending in a
 * newline, values encoded with encodeCopyValue): the fastest path, for the hottest tables.
 */
export async function copyText(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  count: number,
  line: (index: number) => string,
): Promise<void> {
  if (count === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  function* text() {
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      let chunk = '';
      const end = Math.min(count, start + CHUNK_ROWS);
      for (let i = start; i < end; i++) chunk += line(i);
      yield chunk;
    }
  }
  await pipeline(Readable.from(text()), stream);
}

/**
 * Bulk-inserts rows with COPY FROM STDIN, several times faster than INSERT for thousands of rows
 * (no per-statement planning, no array literals to build and parse). COPY cannot resolve
 * conflicts: callers use it only for rows they know are new.
 */
export function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  return copyText(client, table, columns, rows.length, (index) => {
    const row = rows[index]!;
    let line = encodeCopyValue(row[0]);
    for (let c = 1; c < row.length; c++) line += `\t${encodeCopyValue(row[c])}`;
    return `${line}\n`;
  });
}
