import { createContext, useContext, type ReactNode } from 'react';
import type { Workspace } from './session';

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

/** The signed-in session's workspace; pages render only once it is known (see SessionGate). */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace is used outside WorkspaceProvider');
  return workspace;
}

/** For components that may render before the workspace is known (the formatters). */
export function useOptionalWorkspace(): Workspace | null {
  return useContext(WorkspaceContext);
}
