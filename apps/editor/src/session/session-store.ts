import type { SessionView } from './session';

/** Why the sign-in page shows: nobody signed in yet, the engine ended the session (401), or the user signed out. */
export type SignedOutReason = 'none' | 'ended' | 'signed-out';

export type SessionState =
  | { status: 'loading' }
  /** The engine could not be asked whether a session exists (not running, a proxy error). */
  | { status: 'unavailable'; error: unknown }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; session: SessionView };

const listeners = new Set<() => void>();
const forbiddenListeners = new Set<() => void>();
let state: SessionState = { status: 'loading' };

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function currentSession(): SessionView | null {
  return state.status === 'signed-in' ? state.session : null;
}

/**
 * The editor's session, in memory only (never localStorage: the cookie is the credential and the
 * page cannot read it). A small external store, so the API client reads the CSRF token and reports
 * a 401 without React, and React re-renders through useSyncExternalStore. Functions, not methods:
 * they are handed to React and to event handlers.
 */
export const sessionStore = {
  getState: (): SessionState => state,
  getSession: currentSession,
  /** For X-CSRF-Token; null while nobody is signed in. */
  csrfToken: (): string | null => currentSession()?.csrfToken ?? null,
  loading: (): void => setState({ status: 'loading' }),
  unavailable: (error: unknown): void => setState({ status: 'unavailable', error }),
  /** A sign-in, the session found at start, or the same session in another workspace. */
  signedIn: (session: SessionView): void => setState({ status: 'signed-in', session }),
  signedOut: (reason: SignedOutReason = 'signed-out'): void => setState({ status: 'signed-out', reason }),
  /**
   * The engine answered 401 to a request sent with the session whose CSRF token was `sentWith`.
   * Only that session ends: a late answer to a request of an earlier session (signed out, then in
   * again) must not sign the new one out, and a 401 to the sign-in form itself ends nothing.
   */
  ended: (sentWith: string | null): void => {
    if (sentWith === null || currentSession()?.csrfToken !== sentWith) return;
    setState({ status: 'signed-out', reason: 'ended' });
  },
  /**
   * The engine answered 403 to a request of the session whose CSRF token was `sentWith`. An admin
   * may have narrowed the role since sign-in: the listeners (the session gate) ask the engine again.
   */
  forbidden: (sentWith: string | null): void => {
    if (sentWith === null || currentSession()?.csrfToken !== sentWith) return;
    for (const listener of forbiddenListeners) listener();
  },
  onForbidden: (listener: () => void): (() => void) => {
    forbiddenListeners.add(listener);
    return () => forbiddenListeners.delete(listener);
  },
  /**
   * The same session as the engine has it now (role, permissions, workspaces). A view of another
   * session (signed out and in again meanwhile) is ignored; pages stay mounted, only what the role
   * allows changes.
   */
  refreshed: (session: SessionView): void => {
    const current = currentSession();
    if (current?.csrfToken !== session.csrfToken) return;
    // Unchanged (most looks when a tab comes back): nothing re-renders.
    if (JSON.stringify(current) === JSON.stringify(session)) return;
    setState({ status: 'signed-in', session });
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
