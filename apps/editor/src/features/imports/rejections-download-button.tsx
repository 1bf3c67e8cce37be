import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import type { ImportJob } from './import-job';
import { useDownloadRejections } from './imports.api';

export function RejectionsDownloadButton({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const download = useDownloadRejections();
  return (
    <div className="rejections-download">
      <Button
        variant="secondary"
        busy={download.isPending}
        aria-label={t('imports.jobs.downloadRejectionsFor', { name: job.fileName })}
        onClick={() => download.mutate(job)}
      >
        {t('imports.jobs.downloadRejections')}
      </Button>
      {download.isError && <ErrorBanner error={download.error} title={t('imports.jobs.downloadFailed')} />}
    </div>
  );
}
