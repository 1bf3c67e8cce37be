import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { ErrorBanner } from '../../ui/error-banner';
import { Spinner } from '../../ui/spinner';
import { Table, type TableColumn } from '../../ui/table';
import { jobsFinishedSince, type ImportJob, type ImportJobStatus } from './import-job';
import { ImportJobProgress } from './import-job-progress';
import { ImportStatusBadge } from './import-status-badge';
import { useImportJobs } from './imports.api';
import { RejectionsDownloadButton } from './rejections-download-button';

export function ImportJobList() {
  const { t } = useTranslation();
  const format = useFormatters();
  const jobs = useImportJobs();
  const canReadRejections = usePermission('personal_data.read');
  const announcement = useFinishedJobAnnouncement(jobs.data?.items);

  if (jobs.isPending) return <Spinner label={t('imports.jobs.loading')} />;
  if (jobs.isError)
    return <ErrorBanner error={jobs.error} title={t('imports.jobs.failed')} onRetry={() => void jobs.refetch()} />;

  const columns: TableColumn<ImportJob>[] = [
    {
      id: 'file',
      header: t('imports.jobs.file'),
      rowHeader: true,
      cell: (job) => (
        <div className="job-file">
          <span className="job-file__name">{job.fileName}</span>
          <span className="job-file__meta">
            {[
              t(`imports.kind.${job.kind}`),
              t(`imports.encoding.${job.encoding}`),
              format.bytes(job.fileSize),
              job.source,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </div>
      ),
    },
    { id: 'status', header: t('imports.jobs.status'), cell: (job) => <ImportStatusBadge status={job.status} /> },
    { id: 'rows', header: t('imports.jobs.rows'), cell: (job) => <ImportJobProgress job={job} /> },
    {
      id: 'time',
      header: t('imports.jobs.time'),
      cell: (job) => (
        <dl className="job-times">
          <div>
            <dt>{t('imports.jobs.createdAt')}</dt>
            <dd>{format.dateTime(job.createdAt)}</dd>
          </div>
          {job.finishedAt && (
            <div>
              <dt>{t('imports.jobs.finishedAt')}</dt>
              <dd>{format.dateTime(job.finishedAt)}</dd>
            </div>
          )}
        </dl>
      ),
    },
    {
      id: 'actions',
      // Rejected rows are the file's own rows: names, addresses, contact details.
      hidden: !canReadRejections,
      header: <span className="visually-hidden">{t('imports.jobs.actions')}</span>,
      cell: (job) => (job.rowsRejected > 0 ? <RejectionsDownloadButton job={job} /> : null),
    },
  ];

  return (
    <>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <Table
        caption={t('imports.jobs.caption')}
        columns={columns}
        rows={jobs.data.items}
        rowKey={(job) => job.id}
        empty={t('imports.jobs.empty')}
      />
    </>
  );
}

/** One polite announcement when a job the user watched finishes; the table itself refreshes silently. */
function useFinishedJobAnnouncement(jobs: readonly ImportJob[] | undefined): string {
  const { t } = useTranslation();
  const previous = useRef(new Map<ImportJob['id'], ImportJobStatus>());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!jobs) return;
    const finished = jobsFinishedSince(previous.current, jobs);
    previous.current = new Map(jobs.map((job) => [job.id, job.status]));
    if (finished.length > 0) {
      setAnnouncement(
        finished
          .map((job) =>
            t('imports.jobs.finishedAnnouncement', { name: job.fileName, status: t(`imports.status.${job.status}`) }),
          )
          .join(' '),
      );
    }
  }, [jobs, t]);
  return announcement;
}
