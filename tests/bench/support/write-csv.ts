import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes header + rows as a UTF-8 CSV file, streaming; returns the number of data rows. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<string[]>,
  limit = Infinity,
): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${header.map(quote).join(',')}\n`);
  let count = 0;
  let chunk = '';
  for (const row of rows) {
    if (count >= limit) break;
    chunk += `${row.map(quote).join(',')}\n`;
    count++;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return count;
}
