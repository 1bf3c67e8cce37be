/**
 * `npm run bench -- import`: 1,000,000 order lines from a CSV file through the real importer
 * (CSV parsing, validation, identity resolution, upserts), against PostgreSQL's own COPY of the
 * same file into a table with the same columns, in the same run. Target: importer >= 0.3 x COPY.
 * Also printed, for the record: PostgreSQL alone storing the same orders and lines into tables with
 * the same indexes, the ceiling of any importer that keeps them (see docs/benchmarks.md, import).
 */
import { demoDataset } from '@kizuna/demo-data';
import { createPgPool, type Pool } from '@kizuna/db';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { demoTableRows } from '../../apps/engine/src/demo/demo-rows';
import { readCsvFile } from '../../apps/engine/src/imports/import-file';
import { RunImportUseCase } from '../../apps/engine/src/imports/run-import.use-case';
import { createBenchDatabase } from './support/bench-database';
import { reportBench, seconds } from './support/bench-report';
import { createEngineContext } from './support/engine-context';
import { backendCpu, backendCpuSince, schedstat } from './support/process-stats';
import { writeCsv } from './support/write-csv';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
// The EC site of the demo brand has ~5.8 order lines per customer over two years.
const CUSTOMERS = Math.ceil(LINES / 5.5);

/** Writes the orders file and imports, untimed, the product master and the customers it refers to. */
async function prepare(
  workDir: string,
  pool: Pool,
  runImport: RunImportUseCase,
): Promise<{ csvPath: string; header: readonly string[]; written: number; workspaceId: number }> {
  const tables = demoDataset({ customers: CUSTOMERS, asOf: '2026-11-22' });
  const orders = tables.find((t) => t.kind === 'orders' && t.source === 'ec')!;
  const csvPath = path.join(workDir, 'orders.csv');
  const written = await writeCsv(csvPath, orders.header, orders.rows(), LINES);
  console.log(`orders.csv: ${written.toLocaleString()} lines, ${(statSync(csvPath).size / 1e6).toFixed(1)} MB`);

  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO workspace (slug, name) VALUES ('bench', 'Bench') RETURNING id",
  );
  const workspaceId = rows[0]!.id;
  const importTable = (kind: 'products' | 'customers', source: string) =>
    runImport.execute({
      workspaceId,
      kind,
      source: source === 'master' ? '' : source,
      origin: 'bench',
      timeZone: 'Asia/Tokyo',
      rows: demoTableRows(tables.find((t) => t.kind === kind && t.source === source)!),
    });
  await importTable('products', 'master');
  await importTable('customers', 'ec');
  return { csvPath, header: orders.header, written, workspaceId };
}

/**
 * Seconds PostgreSQL itself takes to store the rows the import stored: the workspace's orders and
 * lines, read out beforehand (untimed), COPYed into new tables LIKE customer_order and order_line
 * with all their indexes and constraints. A lower bound for any importer writing those tables: it
 * leaves out parsing, identity resolution, the new-order lookup and the triggers.
 */
async function timeStoringAsImported(pool: Pool, workspaceId: number): Promise<number> {
  const client = await pool.connect();
  try {
    const readOut = async (sql: string): Promise<Buffer[]> => {
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(sql))) chunks.push(chunk as Buffer);
      return chunks;
    };
    const orders = await readOut(`COPY (SELECT * FROM customer_order WHERE workspace_id = ${workspaceId}) TO STDOUT`);
    const lines = await readOut(`COPY (SELECT * FROM order_line WHERE workspace_id = ${workspaceId}) TO STDOUT`);
    await client.query('CREATE TABLE floor_order (LIKE customer_order INCLUDING ALL)');
    await client.query('CREATE TABLE floor_line (LIKE order_line INCLUDING ALL)');
    const started = process.hrtime.bigint();
    await pipeline(Readable.from(orders), client.query(copyFrom('COPY floor_order FROM STDIN')));
    await pipeline(Readable.from(lines), client.query(copyFrom('COPY floor_line FROM STDIN')));
    return seconds(started);
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const workDir = path.resolve(__dirname, '../../tmp/bench-import');
  mkdirSync(workDir, { recursive: true });
  const database = await createBenchDatabase('import');
  const context = await createEngineContext(database.url);
  const pool = createPgPool(database.url, { max: 2 });
  const runImport = context.get(RunImportUseCase);
  try {
    // The generated dataset is dropped before anything is timed: a heap holding it would make the
    // importer's garbage collection slower than it is in the engine.
    const { csvPath, header, written, workspaceId } = await prepare(workDir, pool, runImport);
    await pool.query('VACUUM ANALYZE');

    // Baseline: COPY of the same file into an equivalent table, streamed from this process.
    // Same columns, typed as the importer stores them (ints, timestamps), no indexes: COPY's best case.
    const typeOf = (column: string) =>
      ['quantity', 'unit_price', 'amount', 'line_no'].includes(column)
        ? 'integer'
        : column.endsWith('_at')
          ? 'timestamptz'
          : 'text';
    await pool.query(`CREATE TABLE copy_baseline (${header.map((c) => `${c} ${typeOf(c)}`).join(', ')})`);
    const copyClient = await pool.connect();
    const copyStarted = process.hrtime.bigint();
    await pipeline(
      createReadStream(csvPath),
      copyClient.query(copyFrom('COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const copySeconds = seconds(copyStarted);
    copyClient.release();
    const copyRate = written / copySeconds;
    console.log(`COPY: ${copySeconds.toFixed(2)} s, ${Math.round(copyRate).toLocaleString()} rows/s`);

    // Where the time goes: CPU seconds of this process (all its threads) and of the database.
    const backendsBefore = await backendCpu(pool);
    const importerBefore = schedstat(process.pid);
    const started = process.hrtime.bigint();
    const progress = await runImport.execute({
      workspaceId,
      kind: 'orders',
      source: 'ec',
      origin: 'bench',
      timeZone: 'Asia/Tokyo',
      rows: readCsvFile(csvPath, 'utf8'),
      // BENCH_TRACE=1 prints throughput, CPU and heap as the import goes.
      onBatch: process.env.BENCH_TRACE
        ? (p) =>
            console.log(
              `  ${p.rowsRead} rows at ${seconds(started).toFixed(2)} s cpu ${(process.cpuUsage().user / 1e6).toFixed(2)} heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
            )
        : undefined,
    });
    const importSeconds = seconds(started);
    const importer = schedstat(process.pid);
    const databaseCpu = await backendCpuSince(pool, backendsBefore);
    console.log(
      `CPU: importer ${(importer.running - importerBefore.running).toFixed(2)} s (waited for a core ` +
        `${(importer.waiting - importerBefore.waiting).toFixed(2)} s), PostgreSQL ${databaseCpu.toFixed(2)} s`,
    );
    const rate = progress.rowsAccepted / importSeconds;
    console.log(
      `importer: ${importSeconds.toFixed(2)} s, ${Math.round(rate).toLocaleString()} rows/s ` +
        `(read ${progress.rowsRead}, accepted ${progress.rowsAccepted}, rejected ${progress.rowsRejected})`,
    );
    const stored = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM order_line');
    if (stored.rows[0]!.n !== written) throw new Error(`expected ${written} order lines, found ${stored.rows[0]!.n}`);
    const floorSeconds = await timeStoringAsImported(pool, workspaceId);
    const floorRate = written / floorSeconds;
    console.log(
      `PostgreSQL alone storing what the importer stored (its orders and lines COPYed, ids known, no ` +
        `lookups or triggers, into copies of their tables with the same indexes): ${floorSeconds.toFixed(2)} s, ` +
        `${Math.round(floorRate).toLocaleString()} lines/s = ${(floorRate / copyRate).toFixed(3)} of COPY, ` +
        `the most any importer keeping these indexes could reach`,
    );
    reportBench({ name: 'import', value: rate, unit: 'rows/s', baseline: copyRate, better: 'higher' });
  } finally {
    await pool.end();
    await context.close();
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
