import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { useApiKeyState } from '../../session/use-api-key';
import { fetchWorkspace, workspaceQueryKey } from '../../session/workspace.api';
import { WorkspaceProvider } from '../../session/workspace-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Spinner } from '../../ui/spinner';
import { ConnectPage } from './connect-page';
import { useDisconnect } from './use-connect';

/**
 * Renders the app only for a connected workspace: the connect page while no key is saved, the
 * workspace check while it runs, and a way out when the engine cannot be reached.
 */
export function ConnectGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { apiKey, rejected } = useApiKeyState();
  const disconnect = useDisconnect();
  const workspace = useQuery({
    queryKey: workspaceQueryKey,
    queryFn: ({ signal }) => fetchWorkspace({ signal }),
    enabled: apiKey !== null,
    staleTime: 5 * 60_000,
  });

  if (apiKey === null) return <ConnectPage rejected={rejected} />;

  if (workspace.isPending) {
    return (
      <main className="gate" id="main-content">
        <Spinner label={t('connect.loadingWorkspace')} />
      </main>
    );
  }

  if (workspace.isError) {
    return (
      <main className="gate" id="main-content">
        <ErrorBanner
          error={workspace.error}
          title={t('connect.workspaceFailed')}
          onRetry={() => void workspace.refetch()}
        >
          {isApiError(workspace.error) && workspace.error.code === 'network_error' && (
            <p>{t('connect.engineUnreachable')}</p>
          )}
          <p>
            <Button variant="ghost" onClick={disconnect}>
              {t('connect.useAnotherKey')}
            </Button>
          </p>
        </ErrorBanner>
      </main>
    );
  }

  return <WorkspaceProvider workspace={workspace.data}>{children}</WorkspaceProvider>;
}
