import type { PoolClient } from '@kizuna/db';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK_BYTES = 1 << 16;

// COPY text format: backslash escapes for the characters that delimit fields and rows.
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * COPY text (PostgreSQL's text format) written straight into Buffers, for the tables an import
 * fills by the million. Building it as JavaScript strings made a tree of concatenated strings per
 * row that lived until the batch was sent: the garbage collector copied it, twice, and that cost
 * more than formatting. Here numbers become digits in place and nothing per row is left behind.
 */
export class CopyText {
  private readonly chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;

  /** ASCII text as is: digits, tabs, ISO timestamps, row parts made by the caller from those. */
  ascii(text: string): this {
    this.room(text.length);
    this.at += this.buffer.write(text, this.at, 'latin1');
    return this;
  }

  /** A text value: UTF-8, COPY escapes, \N for none. */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.ascii('\\N');
    const escaped = SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    this.room(escaped.length * 3);
    this.at += this.buffer.write(escaped, this.at, 'utf8');
    return this;
  }

  /** A whole number, written digit by digit. Anything else is written as JavaScript prints it (the database refuses it). */
  int(value: number): this {
    if (!Number.isSafeInteger(value)) return this.ascii(String(value));
    this.room(17);
    const buffer = this.buffer;
    let n = value;
    if (n < 0) {
      buffer[this.at++] = 0x2d;
      n = -n;
    }
    const start = this.at;
    do {
      const next = Math.floor(n / 10);
      buffer[this.at++] = 0x30 + n - next * 10;
      n = next;
    } while (n > 0);
    for (let i = start, j = this.at - 1; i < j; i++, j--) {
      const digit = buffer[i]!;
      buffer[i] = buffer[j]!;
      buffer[j] = digit;
    }
    return this;
  }

  tab(): this {
    this.room(1);
    this.buffer[this.at++] = 0x09;
    return this;
  }

  endRow(): this {
    this.room(1);
    this.buffer[this.at++] = 0x0a;
    return this;
  }

  /** Sends the rows: `COPY table (columns) FROM STDIN`. */
  async copyInto(client: PoolClient, table: string, columns: readonly string[]): Promise<void> {
    if (this.at > 0) this.chunks.push(this.buffer.subarray(0, this.at));
    this.at = 0;
    if (!this.chunks.length) return;
    const chunks = this.chunks.splice(0);
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) this.chunks.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.at = 0;
  }
}
