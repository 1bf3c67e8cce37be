import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { formatScore, type CustomerScore } from './customer-activity';

export function CustomerScores({ scores }: { scores: readonly CustomerScore[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.scores.title')}>
      <Table
        caption={t('customers.scores.title')}
        rows={scores}
        rowKey={(score) => score.model}
        empty={t('customers.scores.empty')}
        columns={[
          {
            id: 'model',
            header: t('customers.scores.model'),
            rowHeader: true,
            cell: (score) => <code>{score.model}</code>,
          },
          {
            id: 'value',
            header: t('customers.scores.value'),
            align: 'end',
            cell: (score) => formatScore(score.value, format.locale),
          },
          { id: 'version', header: t('customers.scores.version'), cell: (score) => score.version },
          {
            id: 'computedAt',
            header: t('customers.scores.computedAt'),
            cell: (score) => format.dateTime(score.computedAt),
          },
        ]}
      />
    </Section>
  );
}
