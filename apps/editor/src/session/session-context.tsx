import type { Permission } from '@kizuna/shared';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { hasPermission, type SessionView } from './session';
import { sessionStore, type SessionState } from './session-store';

const SessionContext = createContext<SessionView | null>(null);

export function SessionProvider({ session, children }: { session: SessionView; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The store's state, for the gate in front of the app. */
export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}

/** The signed-in session; pages render only once it is known (see SessionGate). */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside SessionProvider');
  return session;
}

/**
 * Whether the signed-in role may do this here. The engine decides (and answers 403); the editor
 * asks only to hide or disable what would be refused.
 */
export function usePermission(permission: Permission): boolean {
  return hasPermission(useSession(), permission);
}

/** `can('journeys.write')`, for components that check several permissions. */
export function usePermissions(): (permission: Permission) => boolean {
  const session = useSession();
  return (permission) => hasPermission(session, permission);
}
