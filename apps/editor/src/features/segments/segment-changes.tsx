import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { ErrorBanner } from '../../ui/error-banner';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { Pager } from './segment-members';
import { useSegmentChanges } from './segments.api';

/** Who entered and who left, in the order the refreshes recorded it. */
export function SegmentChanges({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [cursors, setCursors] = useState<number[]>([0]);
  const changes = useSegmentChanges(id, cursors[cursors.length - 1] ?? 0);
  return (
    <Section title={t('segments.changes.title')}>
      {changes.isPending && <Spinner label={t('segments.changes.loading')} />}
      {changes.isError && <ErrorBanner error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.data && (
        <>
          <Table
            caption={t('segments.changes.title')}
            rows={changes.data.items}
            rowKey={(change) => change.id}
            empty={t('segments.changes.empty')}
            columns={[
              {
                id: 'at',
                header: t('segments.changes.at'),
                rowHeader: true,
                cell: (change) => format.dateTime(change.at),
              },
              {
                id: 'change',
                header: t('segments.changes.change'),
                cell: (change) =>
                  change.change === 'entered' ? (
                    <Badge tone="success">{t('segments.changes.entered')}</Badge>
                  ) : (
                    <Badge tone="neutral">{t('segments.changes.exited')}</Badge>
                  ),
              },
              {
                id: 'customer',
                header: t('segments.members.customer'),
                cell: (change) => <Link to={`/customers/${change.customerId}`}>#{change.customerId}</Link>,
              },
            ]}
          />
          <Pager
            hasPrevious={cursors.length > 1}
            next={changes.data.next}
            onPrevious={() => setCursors((current) => current.slice(0, -1))}
            onNext={(next) => setCursors((current) => [...current, next])}
          />
        </>
      )}
    </Section>
  );
}
