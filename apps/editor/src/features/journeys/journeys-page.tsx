import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { ErrorBanner } from '../../ui/error-banner';
import { EMPTY_VALUE } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { Table, type TableColumn } from '../../ui/table';
import type { JourneySummary } from './journey';
import { JourneyStatusBadge } from './journey-status-badge';
import { LiftCell } from './lift-cell';
import { NewJourneyForm } from './new-journey-form';
import { useJourneys } from './journeys.api';

export default function JourneysPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const journeys = useJourneys();
  const canCreate = usePermission('journeys.write');

  const columns: TableColumn<JourneySummary>[] = [
    {
      id: 'name',
      header: t('journeys.fields.name'),
      rowHeader: true,
      cell: (journey) => <Link to={`/journeys/${journey.id}`}>{journey.name}</Link>,
    },
    {
      id: 'status',
      header: t('journeys.fields.status'),
      cell: (journey) => <JourneyStatusBadge status={journey.status} />,
    },
    {
      id: 'version',
      header: t('journeys.fields.currentVersion'),
      align: 'end',
      cell: (journey) => (journey.currentVersion === null ? EMPTY_VALUE : format.number(journey.currentVersion)),
    },
    {
      id: 'entered',
      header: t('journeys.fields.entered'),
      align: 'end',
      cell: (journey) => format.number(journey.entered),
    },
    {
      id: 'converted',
      header: t('journeys.fields.converted'),
      align: 'end',
      cell: (journey) => format.number(journey.converted),
    },
    {
      id: 'conversionRate',
      header: t('journeys.fields.conversionRate'),
      align: 'end',
      cell: (journey) =>
        journey.entered && journey.converted !== undefined
          ? `${format.number(Math.round((journey.converted / journey.entered) * 1000) / 10)}%`
          : EMPTY_VALUE,
    },
    {
      id: 'lift',
      header: t('journeys.fields.lift'),
      align: 'end',
      // Lift vs the holdout, from the reports API (GET /v1/reports/journeys/:id), for published journeys.
      cell: (journey) => <LiftCell journey={journey} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('journeys.title')} description={t('journeys.description')} />
      {canCreate && <NewJourneyForm />}
      {journeys.isPending ? (
        <Spinner label={t('journeys.list.loading')} />
      ) : journeys.isError ? (
        <ErrorBanner error={journeys.error} title={t('journeys.list.failed')} onRetry={() => void journeys.refetch()} />
      ) : (
        <Table
          caption={t('journeys.list.caption')}
          columns={columns}
          rows={journeys.data}
          rowKey={(journey) => journey.id}
          empty={t('journeys.list.empty')}
        />
      )}
    </>
  );
}
