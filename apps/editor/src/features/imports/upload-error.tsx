import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { uploadProblem, type ImportEncoding } from './import-job';

export interface UploadErrorProps {
  error: unknown;
  /** The encoding the refused upload was sent with. */
  chosen: ImportEncoding;
  /** Sends the same file again in the other encoding. */
  onRetryAs: (encoding: ImportEncoding) => void;
}

/**
 * A refused upload, explained in the UI language where the form can help (columns, encoding, empty
 * file) instead of the engine's English message, and with the fix one click away for the encoding.
 */
export function UploadError({ error, chosen, onRetryAs }: UploadErrorProps) {
  const { t } = useTranslation();
  const problem = isApiError(error) ? uploadProblem(error, chosen) : null;
  switch (problem?.kind) {
    case 'columns':
      return (
        <ErrorBanner error={error} title={t('imports.form.columnsTitle')}>
          <p>{t('imports.form.columnsHelp')}</p>
        </ErrorBanner>
      );
    case 'encoding':
      return (
        <Notice tone="danger" role="alert" title={t('imports.form.encodingTitle')}>
          <p>{t(`imports.form.encodingHelp.${problem.chosen}`)}</p>
          <p>
            <Button variant="primary" onClick={() => onRetryAs(problem.suggested)}>
              {t('imports.form.retryAs', { encoding: t(`imports.encoding.${problem.suggested}`) })}
            </Button>
          </p>
        </Notice>
      );
    case 'empty':
      return (
        <Notice tone="danger" role="alert" title={t('imports.form.emptyTitle')}>
          <p>{t('imports.form.emptyHelp')}</p>
        </Notice>
      );
    default:
      return <ErrorBanner error={error} />;
  }
}
