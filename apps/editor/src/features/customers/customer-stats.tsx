import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import type { CustomerProfile } from './customer';

export function CustomerStats({ stats }: { stats: CustomerProfile['stats'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const items = [
    { id: 'orders', label: t('customers.stats.orders'), value: format.number(stats.orders) },
    { id: 'totalSpend', label: t('customers.stats.totalSpend'), value: format.yen(stats.totalSpend) },
    { id: 'firstOrderAt', label: t('customers.stats.firstOrderAt'), value: format.date(stats.firstOrderAt) },
    { id: 'lastOrderAt', label: t('customers.stats.lastOrderAt'), value: format.date(stats.lastOrderAt) },
    { id: 'events', label: t('customers.stats.events'), value: format.number(stats.events) },
  ];
  return (
    <dl className="stat-grid" aria-label={t('customers.stats.title')}>
      {items.map((item) => (
        <div className="stat" key={item.id}>
          <dt>{item.label}</dt>
          <dd className="stat__value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
