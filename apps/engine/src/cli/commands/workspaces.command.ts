import type { Command } from 'commander';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { CliContext } from '../cli-context';
import { printJson, printLines } from '../cli-output';

export function registerWorkspaceCommands(program: Command): void {
  const workspaces = program.command('workspaces').description('list and create workspaces');
  workspaces
    .command('list')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withContext(async (context) => {
        const all = await context.get(WorkspaceService).list();
        if (options.json) printJson(all);
        else printLines(...(all.length ? all.map((w) => `${w.slug}\t${w.name}\t${w.timezone}`) : ['(no workspaces)']));
      });
    });
  workspaces
    .command('create')
    .argument('<slug>', 'short name used in URLs and --workspace')
    .option('-n, --name <name>', 'display name')
    .option('-t, --timezone <zone>', 'IANA timezone', 'Asia/Tokyo')
    .action(async (slug: string, options: { name?: string; timezone: string }) => {
      await withContext(async (context) => {
        const created = await context
          .get(WorkspaceService)
          .create({ slug, name: options.name ?? slug, timezone: options.timezone });
        printLines(`workspace ${created.slug} created (id ${created.id})`);
      });
    });
}

export async function withContext(work: (context: CliContext) => Promise<void>): Promise<void> {
  const context = await CliContext.open();
  try {
    await work(context);
  } finally {
    await context.close();
  }
}
