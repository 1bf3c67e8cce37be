import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { buttonClassName } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useSegments } from './segments.api';

export function SegmentListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const segments = useSegments();
  const canCreate = usePermission('segments.write');
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        description={t('segments.list.description')}
        actions={
          canCreate ? (
            <Link to="new" className={buttonClassName('primary')}>
              {t('segments.list.create')}
            </Link>
          ) : undefined
        }
      />
      {segments.isPending && <Spinner label={t('segments.list.loading')} />}
      {segments.isError && <ErrorBanner error={segments.error} onRetry={() => void segments.refetch()} />}
      {segments.data && (
        <Table
          caption={t('segments.list.caption')}
          rows={segments.data.items}
          rowKey={(segment) => segment.id}
          empty={t('segments.list.empty')}
          columns={[
            {
              id: 'name',
              header: t('segments.list.name'),
              rowHeader: true,
              cell: (segment) => <Link to={String(segment.id)}>{segment.name}</Link>,
            },
            {
              id: 'members',
              header: t('segments.list.members'),
              align: 'end',
              cell: (segment) => format.number(segment.memberCount),
            },
            {
              id: 'refreshed',
              header: t('segments.list.refreshed'),
              cell: (segment) =>
                segment.lastError ? t('segments.list.refreshFailed') : format.dateTime(segment.lastRefreshedAt),
            },
            {
              id: 'updated',
              header: t('segments.list.updated'),
              cell: (segment) => format.dateTime(segment.updatedAt),
            },
          ]}
        />
      )}
    </>
  );
}
