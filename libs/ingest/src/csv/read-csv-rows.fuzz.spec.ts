import fc from 'fast-check';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { importKindDefinitions } from '../kinds';
import { compileHeader, HeaderMismatchError } from '../rows/header';
import { IMPORT_KINDS } from '../rows/import-kind';
import { RowReader } from '../rows/row-reader';
import { readCsvRows, type CsvRow } from './read-csv-rows';
import { EncodingError, type FileEncoding } from './text-decoder-stream';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

async function readAll(bytes: Uint8Array, encoding: FileEncoding, chunkSizes: number[]): Promise<CsvRow[]> {
  // Chunks of random sizes cut characters, quotes and line ends anywhere, as a network upload does.
  const chunks: Buffer[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = chunkSizes.length ? chunkSizes[k % chunkSizes.length]! : bytes.length;
    chunks.push(Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
  const rows: CsvRow[] = [];
  for await (const batch of readCsvRows(Readable.from(chunks), { encoding, batchSize: 3 })) rows.push(...batch);
  return rows;
}

/** A cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Cells with what breaks naive CSV readers: commas, quotes, both line ends, Japanese, emoji. */
const cell = fc.oneof(
  fc.string({ maxLength: 12, unit: 'grapheme' }),
  fc
    .array(fc.constantFrom('a', '山田', ',', '"', '\n', '\r\n', ' ', '①', '😀', '＂', 'ｱ'), { maxLength: 6 })
    .map((parts) => parts.join('')),
);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 5 });

describe('readCsvRows under random input (fast-check)', () => {
  it('reads back every table written as RFC 4180 CSV, cell for cell, with the line each row starts on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        chunkSizes,
        async (table, newline, sizes) => {
          // A row of one empty cell is a blank line, which the reader skips by design.
          const rows = table.filter((cells) => !(cells.length === 1 && cells[0] === ''));
          const text = rows.map((cells) => cells.map(quote).join(',')).join(newline) + newline;
          const read = await readAll(Buffer.from(text, 'utf8'), 'utf8', sizes);
          expect(read.map((r) => r.cells)).toEqual(rows);
          expect(read.every((r) => r.malformed === undefined)).toBe(true);
          let line = 1;
          const lines = rows.map((cells) => {
            const start = line;
            line += 1 + cells.join('').split(/\r\n|\n/).length - 1;
            return start;
          });
          expect(read.map((r) => r.line)).toEqual(lines);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('reads a CRLF file whose first chunk ends between "\\r" and "\\n" (found by the property above)', async () => {
    // papaparse guessed "\r" as the line end from such a chunk: rows began with "\n" and a stray row came last.
    const read = await readAll(Buffer.from('a,b\r\n1,2\r\n', 'utf8'), 'utf8', [4, 100]);
    expect(read.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('reads Shift_JIS (CP932) tables the same as UTF-8', async () => {
    const sjisCell = fc
      .array(fc.constantFrom('ａ', '髙橋', '①', '㈱', 'ｶﾅ', ',', '"', '\r\n', '～', '－'), { maxLength: 5 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(sjisCell, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        chunkSizes,
        async (table, sizes) => {
          const text = table.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
          const bytes = iconv.encode(text, 'cp932');
          // Japanese Shift_JIS is never valid UTF-8 text; a file of ASCII only is both.
          const read = await readAll(bytes, 'sjis', sizes);
          expect(read.map((r) => r.cells)).toEqual(table);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('answers random bytes with rows or an encoding error, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom<FileEncoding>('utf8', 'sjis'),
        chunkSizes,
        async (bytes, encoding, sizes) => {
          try {
            const rows = await readAll(bytes, encoding, sizes);
            for (const row of rows) expect(Array.isArray(row.cells)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(EncodingError);
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('marks a row with a broken quote as malformed instead of failing the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 3 }), chunkSizes, async (cells, sizes) => {
        const text = `a,b\n1,2\n"${cells.join('')}\n`;
        const read = await readAll(Buffer.from(text, 'utf8'), 'utf8', sizes);
        expect(read[0]!.cells).toEqual(['a', 'b']);
        expect(read[1]!.cells).toEqual(['1', '2']);
        // The rest may be one broken row or, when the quote closes by chance, rows of cells.
        for (const row of read.slice(2)) expect(Array.isArray(row.cells)).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('import headers and rows under random input (fast-check)', () => {
  const kind = fc.constantFrom(...IMPORT_KINDS);

  it('accepts a header or names its missing, unknown and duplicate columns', () => {
    fc.assert(
      fc.property(
        kind,
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12, unit: 'grapheme' }),
            fc.constantFrom('customer_id', 'email', 'sku', 'order_id', 'attr_rank', 'ＥＭＡＩＬ', '\ufeffcustomer_id'),
          ),
          { maxLength: 8 },
        ),
        (k, names) => {
          const definition = importKindDefinitions[k];
          try {
            const header = compileHeader(k, names, definition);
            expect(header.names).toHaveLength(names.length);
          } catch (error) {
            expect(error).toBeInstanceOf(HeaderMismatchError);
            const mismatch = error as HeaderMismatchError;
            expect(mismatch.missing.length + mismatch.unknown.length + mismatch.duplicate.length).toBeGreaterThan(0);
            expect(mismatch.message).toMatch(new RegExp(`^The ${k} file has the wrong columns: `));
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('parses any row of any kind into a record or issues that name a column, never an exception', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12, unit: 'grapheme' }),
      fc.constantFrom(
        '',
        ' ',
        '2026-02-30',
        '2026/01/05 10:00',
        '¥1,650',
        '-1',
        '1e999',
        'NaN',
        '０９０－１２３４－５６７８',
        'a@b',
        'x'.repeat(600),
        'female',
        '女性',
        'granted',
        'U' + 'a'.repeat(32),
      ),
    );
    fc.assert(
      fc.property(kind, fc.infiniteStream(value), (k, values) => {
        const definition = importKindDefinitions[k];
        // Every accepted column once, plus a custom attribute: the header passes, the cells are random.
        const names = [...definition.columns, ...definition.prefixes.map((prefix) => `${prefix}x`)];
        const header = compileHeader(k, names, definition);
        const cells = names.map(() => values.next().value as string);
        const reader = new RowReader(header, cells, { timeZone: 'Asia/Tokyo', defaultCountry: 'JP' });
        const record = definition.parseRow(reader);
        if (record === undefined) {
          expect(reader.issues.length).toBeGreaterThan(0);
        }
        for (const issue of reader.issues) {
          expect(names).toContain(issue.column);
          expect(issue.reason.trim()).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
