import { apiRequest } from '../api/api-client';
import { isApiError } from '../api/api-error';
import type { SessionView } from './session';
import { sessionStore } from './session-store';

export interface Credentials {
  email: string;
  password: string;
}

let loading: Promise<void> | null = null;

/**
 * Asks the engine whether the browser already holds a session (the cookie survives a reload, the
 * view in memory does not). Called once at start and on retry; concurrent calls share one request.
 */
export function loadSession(): Promise<void> {
  loading ??= (async () => {
    sessionStore.loading();
    try {
      sessionStore.signedIn(await apiRequest<SessionView>('/v1/session'));
    } catch (error) {
      if (isApiError(error) && error.status === 401) sessionStore.signedOut('none');
      else sessionStore.unavailable(error);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

let refreshing: Promise<void> | null = null;

/**
 * Asks the engine for the session again without leaving the page, so a role an admin changed
 * applies at once (after a 403, and when the tab comes back into view). A 401 has ended the
 * session already (the API client); any other failure leaves the view as it was.
 */
export function refreshSession(): Promise<void> {
  refreshing ??= (async () => {
    try {
      sessionStore.refreshed(await apiRequest<SessionView>('/v1/session'));
    } catch {
      // Kept as it was: the next request or the next refresh tries again.
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The engine sets the HttpOnly cookie; the answer holds everything else the editor needs. */
export async function signIn(credentials: Credentials): Promise<SessionView> {
  const session = await apiRequest<SessionView>('/v1/session', { method: 'POST', json: credentials });
  sessionStore.signedIn(session);
  return session;
}

/** Ends the session on the engine (the cookie stops working), then here. */
export async function signOut(): Promise<void> {
  try {
    await apiRequest<undefined>('/v1/session', { method: 'DELETE' });
  } catch (error) {
    // Already ended on the engine: signed out all the same.
    if (!(isApiError(error) && error.status === 401)) throw error;
  }
  sessionStore.signedOut('signed-out');
}

/**
 * The same session in another workspace of the account: new role and permissions, same cookie.
 * `beforeSwitch` runs once the engine has switched and before the editor does (the account menu
 * leaves the page first, which belonged to the other workspace).
 */
export async function switchWorkspace(slug: string, beforeSwitch?: () => unknown): Promise<SessionView> {
  const session = await apiRequest<SessionView>('/v1/session/workspace', { method: 'PUT', json: { workspace: slug } });
  await beforeSwitch?.();
  sessionStore.signedIn(session);
  return session;
}

/** The engine ends the account's other sessions; this one stays. */
export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return apiRequest<undefined>('/v1/session/password', { method: 'POST', json: body });
}
