import type { Permission, WorkspaceRole } from '@kizuna/shared';

/**
 * What the engine says about the signed-in session (GET/POST /api/v1/session): who, in which
 * workspace, with which role and permissions. Held in memory only: the session itself is an
 * HttpOnly cookie the page never reads, and a reload asks the engine again.
 */
export interface SessionView {
  user: { id: number; email: string; name: string };
  workspace: { id: number; slug: string; timezone: string };
  role: WorkspaceRole;
  personalData: boolean;
  permissions: readonly Permission[];
  workspaces: readonly { slug: string; name: string; role: WorkspaceRole }[];
  /** Sent back in X-CSRF-Token with every request that changes something. */
  csrfToken: string;
}

export interface Workspace {
  id: number;
  slug: string;
  name: string;
  /** IANA zone in which dates are shown and CSV times without an offset are read. */
  timezone: string;
}

/** The current workspace, named from the account's list of workspaces (the session view names it there only). */
export function workspaceOf(session: SessionView): Workspace {
  const { id, slug, timezone } = session.workspace;
  const name = session.workspaces.find((workspace) => workspace.slug === slug)?.name ?? slug;
  return { id, slug, name, timezone };
}

export function hasPermission(session: SessionView, permission: Permission): boolean {
  return session.permissions.includes(permission);
}

/**
 * Who is signed in where: changes on sign-in, sign-out and a workspace switch, and the editor
 * forgets every cached answer when it does.
 */
export function sessionIdentity(session: SessionView): string {
  return `${session.user.id}@${session.workspace.id}`;
}
