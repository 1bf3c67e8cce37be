import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { readCsvRows, type CsvRow } from './read-csv-rows';
import type { FileEncoding } from './text-decoder-stream';

async function readAll(bytes: Buffer, encoding: FileEncoding, chunkSize = 7): Promise<CsvRow[]> {
  // Small chunks cut multi-byte characters and rows in the middle, as real streams do.
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  const rows: CsvRow[] = [];
  for await (const batch of readCsvRows(Readable.from(chunks), { encoding, batchSize: 2 })) rows.push(...batch);
  return rows;
}

const text = 'sku,name\r\nUR-01,うるおい化粧水\r\nWH-01,"ホワイト美容液, 30mL"\r\n';

describe('readCsvRows', () => {
  it('reads UTF-8 without a BOM', async () => {
    const rows = await readAll(Buffer.from(text, 'utf8'), 'utf8');
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['sku', 'name']],
      [2, ['UR-01', 'うるおい化粧水']],
      [3, ['WH-01', 'ホワイト美容液, 30mL']],
    ]);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const rows = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf8');
    expect(rows[0]?.cells).toEqual(['sku', 'name']);
  });

  it('reads Shift_JIS (CP932) including NEC extensions', async () => {
    const rows = await readAll(iconv.encode('sku,name\nUR-①,㈱うるおい\n', 'cp932'), 'sjis');
    expect(rows[1]?.cells).toEqual(['UR-①', '㈱うるおい']);
  });

  it('says when a Shift_JIS file is read as UTF-8, and the reverse', async () => {
    await expect(readAll(iconv.encode(text, 'cp932'), 'utf8', 1024)).rejects.toThrow(/not valid UTF-8.*sjis/);
    await expect(readAll(Buffer.from(text, 'utf8'), 'sjis', 1024)).rejects.toThrow(/looks like UTF-8/);
  });

  it('numbers rows by physical line across quoted newlines and blank lines', async () => {
    const rows = await readAll(Buffer.from('a,b\n1,"two\nlines"\n\n3,x\n', 'utf8'), 'utf8');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(rows[1]?.cells).toEqual(['1', 'two\nlines']);
  });

  it('flags a row whose quotes are broken instead of failing the file', async () => {
    const rows = await readAll(Buffer.from('a,b\n1,ok\n2,"unclosed\n', 'utf8'), 'utf8');
    expect(rows[1]).toEqual({ line: 2, cells: ['1', 'ok'] });
    expect(rows[2]?.malformed).toMatch(/quote/i);
  });
});
