import type { PoolClient } from '@kizuna/db';
import { to as copyTo } from 'pg-copy-streams';

/** A query's rows as one row-major Float64Array: `columns` numbers per row. */
export interface NumericRows {
  count: number;
  columns: number;
  values: Float64Array;
}

/** Appends numbers to a Float64Array that doubles when full (no per-row arrays). */
class NumberSink {
  values = new Float64Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Runs a parameterised SELECT of numeric, non-null columns (in a transaction: the rows pass through
 * a temporary table, since COPY takes no parameters) and streams them out with COPY TO STDOUT into
 * a Float64Array. A million rows of twenty features as result objects would cost hundreds of MB of
 * small arrays; as COPY text parsed into one typed array they cost their 8 bytes each. The
 * SELECT's ORDER BY is kept (row numbers taken over the ordered subquery).
 */
export async function copyNumericRows(
  tx: PoolClient,
  select: string,
  parameters: readonly unknown[],
  columns: number,
): Promise<NumericRows> {
  await tx.query('DROP TABLE IF EXISTS sc_numeric_rows');
  await tx.query(
    `CREATE TEMP TABLE sc_numeric_rows ON COMMIT DROP AS SELECT row_number() OVER () AS ord, q.* FROM (${select}) q`,
    [...parameters],
  );
  const sink = new NumberSink();
  const stream = tx.query(copyTo('COPY (SELECT * FROM sc_numeric_rows ORDER BY ord) TO STDOUT'));
  let rest = '';
  const parseLine = (line: string) => {
    if (!line) return;
    const fields = line.split('\t');
    // The first field is the row number.
    for (let i = 1; i < fields.length; i++) sink.push(Number(fields[i]));
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) parseLine(line);
  }
  parseLine(rest);
  await tx.query('DROP TABLE sc_numeric_rows');
  if (sink.length % columns !== 0) throw new Error(`COPY returned ${sink.length} values, not rows of ${columns}`);
  return { count: sink.length / columns, columns, values: sink.values.subarray(0, sink.length) };
}
