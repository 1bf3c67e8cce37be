import { WORKSPACE_ROLES, type WorkspaceRole } from '@kizuna/shared';
import { Option, type Command } from 'commander';
import { MembersService } from '../../users/members.service';
import { OperatorAccounts } from '../../users/operator-accounts.service';
import { printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

/** Accounts from the operator's terminal: the way back in when the last admin's password is lost. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('editor accounts: add to a workspace, list, reset a password');
  users
    .command('add')
    .argument('<email>', 'sign-in email')
    .option('-w, --workspace <slug>', 'workspace')
    .addOption(new Option('-r, --role <role>', 'role in the workspace').choices(WORKSPACE_ROLES).makeOptionMandatory())
    .option('-n, --name <name>', 'display name')
    .option('--personal-data', 'let an analyst read and export personal data')
    .option('--json', 'print as JSON')
    .action(
      async (
        email: string,
        options: { workspace?: string; role: WorkspaceRole; name?: string; personalData?: boolean; json?: boolean },
      ) => {
        await withContext(async (context) => {
          const workspace = await resolveWorkspace(context, options.workspace);
          const added = await context.get(OperatorAccounts).addAccount(workspace.slug, {
            email,
            role: options.role,
            ...(options.name ? { name: options.name } : {}),
            personalData: options.personalData ?? false,
          });
          if (options.json) printJson(added);
          else
            printLines(
              `${added.member.email} is ${added.member.role} of ${workspace.slug}`,
              ...(added.temporaryPassword
                ? ['', `  temporary password (shown once): ${added.temporaryPassword}`, '']
                : ['(an existing account: its password is unchanged)']),
            );
        });
      },
    );
  users
    .command('list')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const members = await context.get(MembersService).list(workspace.id);
        if (options.json) printJson(members);
        else
          printLines(
            ...(members.length
              ? members.map(
                  (m) =>
                    `${m.userId}\t${m.email}\t${m.role}${m.personalData ? '+personal-data' : ''}\tlast seen ${m.lastSeenAt?.toISOString() ?? 'never'}`,
                )
              : ['(no members)']),
          );
      });
    });
  users
    .command('reset-password')
    .argument('<email>', 'sign-in email')
    .description('a new random password, shown once; every session of the account ends')
    .action(async (email: string) => {
      await withContext(async (context) => {
        const reset = await context.get(OperatorAccounts).resetPassword(email);
        printLines(`new password for ${reset.email} (shown once):`, '', `  ${reset.password}`, '');
      });
    });
}
