import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { CustomerOrder } from './customer';

export function CustomerOrders({ orders }: { orders: readonly CustomerOrder[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.orders.title')}>
      <Table
        caption={t('customers.orders.title')}
        rows={orders}
        rowKey={(order) => order.id}
        empty={t('customers.orders.empty')}
        columns={[
          {
            id: 'orderedAt',
            header: t('customers.orders.orderedAt'),
            cell: (order) => format.dateTime(order.orderedAt),
          },
          {
            id: 'externalId',
            header: t('customers.orders.externalId'),
            rowHeader: true,
            cell: (order) => order.externalId,
          },
          {
            id: 'channel',
            header: t('customers.orders.channel'),
            cell: (order) => t(`customers.orders.channels.${order.channel}`),
          },
          { id: 'source', header: t('customers.orders.source'), cell: (order) => order.source },
          {
            id: 'lines',
            header: t('customers.orders.lines'),
            align: 'end',
            cell: (order) => format.number(order.lines),
          },
          {
            id: 'total',
            header: t('customers.orders.total'),
            align: 'end',
            cell: (order) => format.yen(order.totalAmount),
          },
        ]}
      />
    </Section>
  );
}
