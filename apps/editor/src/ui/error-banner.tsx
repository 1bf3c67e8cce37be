import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '../api/api-error';
import { Button } from './button';
import { errorTitleKey } from './error-title';

export interface ErrorBannerProps {
  error: unknown;
  /** Replaces the title chosen from the error code. */
  title?: string;
  onRetry?: () => void;
  /** Extra guidance below the details. */
  children?: ReactNode;
}

/**
 * An engine error as a marketer can act on it: a translated title from the error `code` (the UI
 * translates codes, not messages), the engine's message (a 403 names the role and the permission it
 * lacks), and each field issue or CSV column problem.
 */
export function ErrorBanner({ error, title, onRetry, children }: ErrorBannerProps) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const heading = title ?? t(errorTitleKey(apiError?.code ?? 'unexpected'));
  const message = error instanceof Error ? error.message : null;
  return (
    <div className="notice notice--danger" role="alert">
      <p className="notice__title">{heading}</p>
      <div className="notice__body">
        {message && message !== heading && <p className="error-banner__message">{message}</p>}
        {apiError && <ErrorDetails error={apiError} />}
        {apiError?.code === 'forbidden' && <p>{t('ui.error.forbiddenHint')}</p>}
        {children}
        {onRetry && (
          <p>
            <Button variant="secondary" onClick={onRetry}>
              {t('ui.retry')}
            </Button>
          </p>
        )}
      </div>
    </div>
  );
}

function ErrorDetails({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <>
      {error.issues.length > 0 && (
        <ul className="error-banner__issues">
          {error.issues.map((issue, index) => (
            <li key={`${issue.field}-${index}`}>
              {issue.field && <code className="error-banner__field">{issue.field}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {error.missing.length > 0 && (
        <ColumnList label={t('ui.error.missingColumns', { count: error.missing.length })} columns={error.missing} />
      )}
      {error.unknown.length > 0 && (
        <ColumnList label={t('ui.error.unknownColumns', { count: error.unknown.length })} columns={error.unknown} />
      )}
    </>
  );
}

function ColumnList({ label, columns }: { label: string; columns: readonly string[] }) {
  return (
    <div className="error-banner__columns">
      <p>{label}</p>
      <ul className="chip-list">
        {columns.map((column) => (
          <li key={column}>
            <code className="chip">{column}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
