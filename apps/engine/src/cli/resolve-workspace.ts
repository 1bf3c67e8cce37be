import { WorkspaceService } from '../workspaces/workspace.service';
import type { Workspace } from '../workspaces/workspace.repository';
import type { CliContext } from './cli-context';
import { CliUsageError } from './cli-output';

/** --workspace, else KIZUNA_WORKSPACE, else "demo", else the only workspace there is. */
export async function resolveWorkspace(context: CliContext, slug: string | undefined): Promise<Workspace> {
  const workspaces = context.get(WorkspaceService);
  const wanted = slug ?? process.env.KIZUNA_WORKSPACE;
  const all = await workspaces.list();
  if (wanted) {
    const found = all.find((w) => w.slug === wanted);
    if (!found)
      throw new CliUsageError(`no workspace "${wanted}"; workspaces: ${all.map((w) => w.slug).join(', ') || '(none)'}`);
    return found;
  }
  const fallback = all.find((w) => w.slug === 'demo') ?? (all.length === 1 ? all[0] : undefined);
  if (!fallback) {
    throw new CliUsageError(
      all.length
        ? `choose a workspace with --workspace: ${all.map((w) => w.slug).join(', ')}`
        : 'there is no workspace yet: create one with `kizuna workspaces create <slug>`',
    );
  }
  return fallback;
}
