import { WORKSPACE_ROLES, type WorkspaceRole } from '@kizuna/shared';
import { Option, type Command } from 'commander';
import { ApiKeyService } from '../../auth/api-key.service';
import { printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

export function registerApiKeyCommands(program: Command): void {
  const keys = program.command('api-keys').description('create, list and revoke workspace API keys');
  keys
    .command('create')
    .option('-w, --workspace <slug>', 'workspace')
    .option('-n, --name <name>', 'what the key is for', 'cli')
    .addOption(new Option('-r, --role <role>', 'what the key may do').choices(WORKSPACE_ROLES).default('admin'))
    .option('--json', 'print as JSON')
    .action(async (options: { workspace?: string; name: string; role: WorkspaceRole; json?: boolean }) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const created = await context.get(ApiKeyService).create(workspace.id, options.name, options.role);
        if (options.json) printJson(created);
        else
          printLines(
            `API key "${created.name}" (${created.role}) for workspace ${workspace.slug} (shown once):`,
            '',
            `  ${created.key}`,
            '',
          );
      });
    });
  keys
    .command('list')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const list = await context.get(ApiKeyService).list(workspace.id);
        if (options.json) printJson(list);
        else {
          printLines(
            ...list.map(
              (k) =>
                `${k.id}\tkz_${k.prefix}_…\t${k.name}\t${k.role}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
            ),
          );
        }
      });
    });
  keys
    .command('revoke')
    .argument('<id>', 'key id (from list)')
    .option('-w, --workspace <slug>', 'workspace')
    .action(async (id: string, options: { workspace?: string }) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const revoked = await context.get(ApiKeyService).revoke(workspace.id, Number(id));
        printLines(`API key ${revoked.id} (${revoked.name}) revoked`);
      });
    });
}
