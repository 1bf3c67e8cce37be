import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../session/use-formatters';
import { ErrorBanner } from '../../ui/error-banner';
import { EMPTY_VALUE } from '../../ui/format';
import { Spinner } from '../../ui/spinner';
import { Table, type TableColumn } from '../../ui/table';
import type { CustomerSummary } from './customer';
import { CUSTOMER_SEARCH_LIMIT, useCustomerSearch } from './customers.api';

export function CustomerSearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = useCustomerSearch(q);

  if (q === '') return <p className="muted">{t('customers.search.prompt')}</p>;
  if (search.isPending) return <Spinner label={t('customers.search.loading')} />;
  if (search.isError) return <ErrorBanner error={search.error} onRetry={() => void search.refetch()} />;

  const items = search.data.items;
  const columns: TableColumn<CustomerSummary>[] = [
    {
      id: 'name',
      header: t('customers.fields.name'),
      rowHeader: true,
      cell: (customer) => (
        <Link to={`/customers/${customer.id}`}>
          {customer.displayName ?? t('customers.unnamed', { id: customer.id })}
        </Link>
      ),
    },
    { id: 'email', header: t('customers.fields.email'), cell: (customer) => customer.email ?? EMPTY_VALUE },
    { id: 'phone', header: t('customers.fields.phone'), cell: (customer) => customer.phone ?? EMPTY_VALUE },
    { id: 'memberNo', header: t('customers.fields.memberNo'), cell: (customer) => customer.memberNo ?? EMPTY_VALUE },
    {
      id: 'orders',
      header: t('customers.fields.orders'),
      align: 'end',
      cell: (customer) => format.number(customer.ordersCount),
    },
    {
      id: 'lastOrder',
      header: t('customers.fields.lastOrderAt'),
      cell: (customer) => format.date(customer.lastOrderAt),
    },
  ];

  return (
    <div aria-busy={search.isFetching}>
      <p role="status" className="muted">
        {items.length >= CUSTOMER_SEARCH_LIMIT
          ? t('customers.search.resultsLimited', { count: CUSTOMER_SEARCH_LIMIT, q })
          : t('customers.search.results', { count: items.length, q })}
      </p>
      <Table
        caption={t('customers.search.caption', { q })}
        columns={columns}
        rows={items}
        rowKey={(customer) => customer.id}
        empty={t('customers.search.empty')}
      />
    </div>
  );
}
