import { IMPORT_KINDS, isImportKind } from '@kizuna/ingest';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { toCsvLine } from '../../imports/csv-line';
import { ImportJobExecutor } from '../../imports/import-job-executor';
import { ImportJobRepository } from '../../imports/import-job.repository';
import { checkHeader } from '../../imports/import.service';
import { FileEncodingSchema, ImportSourceSchema } from '../../imports/import-upload.schema';
import { CliContext } from '../cli-context';
import { CliUsageError, printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';

interface ImportOptions {
  encoding: string;
  source: string;
  workspace?: string;
  rejections?: string;
  json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(`import a CSV file (kinds: ${IMPORT_KINDS.join(', ')}); see docs/import-formats.md`)
    .argument('<kind>', 'what the file holds')
    .argument('<file>', 'the CSV file')
    .option('-e, --encoding <encoding>', 'utf8 or sjis (Shift_JIS / CP932)', 'utf8')
    .option('-s, --source <name>', 'source system of the rows (scopes their ids), e.g. ec, pos', '')
    .option('-w, --workspace <slug>', 'workspace (default: demo, or the only one)')
    .option('-r, --rejections <file>', 'write the rejected rows to this CSV file')
    .option('--json', 'print the result as JSON')
    .action(async (kind: string, file: string, options: ImportOptions) => runImport(kind, file, options));
}

async function runImport(kind: string, file: string, options: ImportOptions): Promise<void> {
  if (!isImportKind(kind)) throw new CliUsageError(`unknown kind "${kind}"; one of: ${IMPORT_KINDS.join(', ')}`);
  const encoding = FileEncodingSchema.safeParse(options.encoding);
  if (!encoding.success) throw new CliUsageError(`--encoding: ${encoding.error.issues[0]!.message}`);
  const source = ImportSourceSchema.safeParse(options.source);
  if (!source.success) throw new CliUsageError(`--source: ${source.error.issues[0]!.message}`);
  const filePath = path.resolve(file);
  if (!existsSync(filePath) || !statSync(filePath).isFile()) throw new CliUsageError(`no such file: ${file}`);
  // A file with the wrong columns fails here, before anything is stored.
  await checkHeader(filePath, kind, encoding.data);

  const context = await CliContext.open();
  try {
    const workspace = await resolveWorkspace(context, options.workspace);
    const jobs = context.get(ImportJobRepository);
    const size = statSync(filePath).size;
    const job = await jobs.create({
      workspaceId: workspace.id,
      kind,
      encoding: encoding.data,
      source: source.data,
      fileName: path.basename(filePath),
      fileSize: size,
      origin: 'cli',
    });
    const bar =
      process.stderr.isTTY && !options.json
        ? new SingleBar(
            {
              format: `${kind} {bar} {percentage}% | {rows} rows, {rejected} rejected | {eta_formatted} left`,
              hideCursor: true,
            },
            undefined,
          )
        : undefined;
    bar?.start(size, 0, { rows: 0, rejected: 0 });
    let rows = 0;
    let rejected = 0;
    const finished = await context.get(ImportJobExecutor).run(job, filePath, {
      onBytesRead: (bytes) => bar?.update(bytes, { rows, rejected }),
      onProgress: (progress) => {
        rows = progress.rowsRead;
        rejected = progress.rowsRejected;
        bar?.update({ rows, rejected });
      },
    });
    if (bar) {
      bar.update(size, { rows, rejected });
      bar.stop();
    }
    if (!finished) throw new CliUsageError('the import was interrupted');
    if (options.rejections && finished.rowsRejected > 0)
      await writeRejections(jobs, workspace.id, job.id, options.rejections);
    if (options.json) printJson(finished);
    else {
      printLines(
        `import #${finished.id} ${finished.status}: ${finished.rowsRead} rows read, ${finished.rowsAccepted} accepted, ${finished.rowsRejected} rejected` +
          ` (workspace ${workspace.slug})`,
      );
      if (finished.error) printLines(finished.error);
      if (finished.rowsRejected && !options.rejections)
        printLines(
          `rejected rows: kizuna import ... --rejections <file>, or GET /api/v1/imports/${finished.id}/rejections`,
        );
    }
    if (finished.status === 'failed') process.exitCode = 1;
  } finally {
    await context.close();
  }
}

async function writeRejections(
  jobs: ImportJobRepository,
  workspaceId: number,
  jobId: number,
  file: string,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`\ufeff${toCsvLine(['line', 'column', 'reason', 'row'])}\r\n`);
  for await (const page of jobs.rejections(workspaceId, jobId)) {
    if (!out.write(`${page.map((r) => toCsvLine([r.line, r.column, r.reason, r.raw])).join('\r\n')}\r\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
