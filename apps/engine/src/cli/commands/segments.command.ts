import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SegmentService } from '../../segments/segment.service';
import { PreviewSegmentUseCase } from '../../segments/use-cases/preview-segment.use-case';
import { RefreshSegmentUseCase } from '../../segments/use-cases/refresh-segment.use-case';
import type { SegmentRecord } from '../../segments/segment.repository';
import { CliUsageError, printJson, printLines } from '../cli-output';
import type { CliContext } from '../cli-context';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

interface WorkspaceOption {
  workspace?: string;
  json?: boolean;
}

async function readRule(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CliUsageError(`cannot read a rule from ${file}: ${(error as Error).message}`);
  }
}

/** A segment by id or by name. */
async function findSegment(context: CliContext, workspaceId: number, idOrName: string): Promise<SegmentRecord> {
  const segments = context.get(SegmentService);
  const all = await segments.list(workspaceId);
  const found = /^\d+$/.test(idOrName)
    ? all.find((s) => s.id === Number(idOrName))
    : all.find((s) => s.name === idOrName);
  if (!found) throw new CliUsageError(`no active segment "${idOrName}" (see: kizuna segments list)`);
  return found;
}

export function registerSegmentCommands(program: Command): void {
  const segments = program.command('segments').description('list, preview, create and refresh segments');
  segments
    .command('list')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (options: WorkspaceOption) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const all = await context.get(SegmentService).list(workspace.id);
        if (options.json) return printJson(all);
        printLines(
          ...(all.length
            ? all.map(
                (s) =>
                  `${s.id}\t${s.name}\t${s.memberCount} members\trefreshed ${s.lastRefreshedAt?.toISOString() ?? 'never'}`,
              )
            : ['(no segments)']),
        );
      });
    });
  segments
    .command('preview')
    .description('count and sample the customers a rule (a JSON file) selects, without saving it')
    .argument('<rule-file>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (file: string, options: WorkspaceOption) => {
      const definition = await readRule(file);
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const preview = await context.get(PreviewSegmentUseCase).execute(workspace.id, { definition, sampleSize: 10 });
        if (options.json) return printJson(preview);
        printLines(
          `${preview.count} of ${preview.customers} customers (${preview.tookMs} ms)`,
          ...preview.sample.map((c) => `${c.id}\t${c.displayName ?? ''}\t${c.email ?? ''}`),
        );
      });
    });
  segments
    .command('create')
    .description('create a segment from a rule (a JSON file) and refresh it')
    .argument('<name>')
    .argument('<rule-file>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--cron <expression>', 'refresh schedule (5 fields, workspace timezone); "none" for no schedule')
    .action(async (name: string, file: string, options: WorkspaceOption & { cron?: string }) => {
      const definition = await readRule(file);
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const created = await context.get(SegmentService).create(workspace.id, {
          name,
          description: '',
          definition,
          ...(options.cron === undefined ? {} : { refreshCron: options.cron === 'none' ? null : options.cron }),
        });
        const refresh = await context.get(RefreshSegmentUseCase).execute(workspace.id, created.id);
        printLines(`segment ${created.id} "${created.name}" created: ${refresh.members} members`);
      });
    });
  segments
    .command('refresh')
    .description('refresh a segment now (by id or name) and print who entered and exited')
    .argument('<segment>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (idOrName: string, options: WorkspaceOption) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const segment = await findSegment(context, workspace.id, idOrName);
        const refresh = await context.get(RefreshSegmentUseCase).execute(workspace.id, segment.id);
        if (options.json) return printJson(refresh);
        printLines(
          `${segment.name}: ${refresh.members} members, ${refresh.entered} entered, ${refresh.exited} exited (${refresh.tookMs} ms)`,
        );
      });
    });
}
