import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { latestConsents, type CustomerConsent } from './customer';

export function CustomerConsents({ consents }: { consents: readonly CustomerConsent[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.consents.title')}>
      <Table
        caption={t('customers.consents.title')}
        rows={latestConsents(consents)}
        rowKey={(row) => row.channel}
        columns={[
          {
            id: 'channel',
            header: t('customers.consents.channel'),
            rowHeader: true,
            cell: (row) => t(`customers.consents.channels.${row.channel}`),
          },
          {
            id: 'status',
            header: t('customers.consents.status'),
            cell: ({ consent }) =>
              consent ? (
                <Badge tone={consent.status === 'granted' ? 'success' : 'danger'}>
                  {t(`customers.consents.statuses.${consent.status}`)}
                </Badge>
              ) : (
                <Badge tone="neutral">{t('customers.consents.statuses.none')}</Badge>
              ),
          },
          {
            id: 'recordedAt',
            header: t('customers.consents.recordedAt'),
            cell: ({ consent }) => format.dateTime(consent?.recordedAt),
          },
          {
            id: 'source',
            header: t('customers.consents.source'),
            cell: ({ consent }) => consent?.source ?? EMPTY_VALUE,
          },
        ]}
      />
    </Section>
  );
}
