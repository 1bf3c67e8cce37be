import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { ProgressBar } from '../../ui/progress-bar';
import { isJobActive, type ImportJob } from './import-job';

/**
 * Row counts of a job. The engine streams the file without counting its rows first, so while the
 * job runs there is no total: counts plus an indeterminate bar, not a percentage.
 */
export function ImportJobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="job-progress">
      {isJobActive(job) && (
        <ProgressBar
          label={t(job.status === 'queued' ? 'imports.jobs.waiting' : 'imports.jobs.running', { name: job.fileName })}
        />
      )}
      <dl className="job-counts">
        <div>
          <dt>{t('imports.jobs.rowsRead')}</dt>
          <dd>{format.number(job.rowsRead)}</dd>
        </div>
        <div>
          <dt>{t('imports.jobs.rowsAccepted')}</dt>
          <dd>{format.number(job.rowsAccepted)}</dd>
        </div>
        <div className={job.rowsRejected > 0 ? 'job-counts__rejected' : undefined}>
          <dt>{t('imports.jobs.rowsRejected')}</dt>
          <dd>{format.number(job.rowsRejected)}</dd>
        </div>
      </dl>
      {job.error && <p className="job-progress__error">{job.error}</p>}
    </div>
  );
}
