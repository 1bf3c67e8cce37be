import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../session/use-formatters';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { describeMergeReason, type CustomerMerge } from './customer';

export function CustomerMerges({ customerId, merges }: { customerId: number; merges: readonly CustomerMerge[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.merges.title')}>
      <Table
        caption={t('customers.merges.title')}
        rows={[...merges].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
        rowKey={(merge) => merge.id}
        empty={t('customers.merges.empty')}
        columns={[
          {
            id: 'createdAt',
            header: t('customers.merges.createdAt'),
            rowHeader: true,
            cell: (merge) => format.dateTime(merge.createdAt),
          },
          {
            id: 'change',
            header: t('customers.merges.change'),
            cell: (merge) =>
              merge.survivorId === customerId ? (
                <>
                  {t('customers.merges.absorbed')} <Link to={`/customers/${merge.mergedId}`}>#{merge.mergedId}</Link>
                </>
              ) : (
                <>
                  {t('customers.merges.mergedInto')}{' '}
                  <Link to={`/customers/${merge.survivorId}`}>#{merge.survivorId}</Link>
                </>
              ),
          },
          {
            id: 'reason',
            header: t('customers.merges.reason'),
            cell: (merge) => describeMergeReason(merge.reason) ?? EMPTY_VALUE,
          },
          { id: 'origin', header: t('customers.merges.origin'), cell: (merge) => merge.origin },
        ]}
      />
    </Section>
  );
}
