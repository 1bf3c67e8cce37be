import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { sessionIdentity, workspaceOf } from '../../session/session';
import { loadSession, refreshSession } from '../../session/session.api';
import { SessionProvider, useSessionState } from '../../session/session-context';
import { sessionStore } from '../../session/session-store';
import { WorkspaceProvider } from '../../session/workspace-context';
import { ErrorBanner } from '../../ui/error-banner';
import { Spinner } from '../../ui/spinner';
import { SignInPage } from './sign-in-page';

/**
 * Renders the app only for a signed-in session: the session check at start, the sign-in page while
 * nobody is signed in (or after the engine ended the session), and a retry when the engine cannot
 * be reached. The app is keyed by who is signed in where, so a workspace switch mounts every page
 * afresh against the emptied cache instead of showing what the last workspace's queries held.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const state = useSessionState();
  const session = state.status === 'signed-in' ? state.session : null;
  const workspace = useMemo(() => (session ? workspaceOf(session) : null), [session]);

  // Once, at start (concurrent calls share one request): later states come from sign-in, sign-out and 401s.
  useEffect(() => {
    if (sessionStore.getState().status === 'loading') void loadSession();
  }, []);

  // The role as the engine has it now: after a 403, and when the tab is looked at again.
  useEffect(() => {
    const refreshIfSignedIn = () => {
      if (sessionStore.getState().status === 'signed-in') void refreshSession();
    };
    const refreshWhenVisible = () => {
      if (document.visibilityState === 'visible') refreshIfSignedIn();
    };
    const stopListening = sessionStore.onForbidden(refreshIfSignedIn);
    document.addEventListener('visibilitychange', refreshWhenVisible);
    return () => {
      stopListening();
      document.removeEventListener('visibilitychange', refreshWhenVisible);
    };
  }, []);

  if (state.status === 'loading') {
    return (
      <main className="gate" id="main-content">
        <Spinner label={t('account.gate.loading')} />
      </main>
    );
  }

  if (state.status === 'unavailable') {
    return (
      <main className="gate" id="main-content">
        <title>{t('app.documentTitle', { page: t('account.gate.failed') })}</title>
        <ErrorBanner error={state.error} title={t('account.gate.failed')} onRetry={() => void loadSession()}>
          {isApiError(state.error) && state.error.code === 'network_error' && (
            <p>{t('account.signIn.engineUnreachable')}</p>
          )}
        </ErrorBanner>
      </main>
    );
  }

  if (!session || !workspace) return <SignInPage reason={state.status === 'signed-out' ? state.reason : 'none'} />;

  return (
    <SessionProvider key={sessionIdentity(session)} session={session}>
      <WorkspaceProvider workspace={workspace}>{children}</WorkspaceProvider>
    </SessionProvider>
  );
}
