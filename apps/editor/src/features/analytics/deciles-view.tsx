import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { DecileResult } from './analysis';
import { AnalysisView } from './analysis-view';
import { SaveAsSegment, useCanSaveSegments } from './save-as-segment';
import { ShareBar } from './share-bar';
import { formatShare } from './share-format';

/** Customers with sales in ten equal groups by spend; decile 1 is the top 10%. */
export function DecilesView() {
  return <AnalysisView<DecileResult> name="deciles">{(snapshot) => <Deciles result={snapshot.result} />}</AnalysisView>;
}

function Deciles({ result }: { result: DecileResult }) {
  const { t } = useTranslation();
  const canSave = useCanSaveSegments();
  const format = useFormatters();
  const share = (value: number) => formatShare(value, format.locale);
  const maxShare = Math.max(0, ...result.deciles.map((row) => row.salesShare));
  return (
    <Section title={t('analytics.deciles.title')}>
      <p className="muted">
        {t('analytics.deciles.summary', {
          customers: format.number(result.customers),
          sales: format.yen(result.sales),
          days: result.salesWindowDays,
        })}
      </p>
      <Table
        caption={t('analytics.deciles.title')}
        rows={result.deciles}
        rowKey={(row) => row.decile}
        empty={t('analytics.noData')}
        columns={[
          {
            id: 'decile',
            header: t('analytics.deciles.decile'),
            rowHeader: true,
            cell: (row) => t('analytics.deciles.name', { decile: row.decile }),
          },
          {
            id: 'customers',
            header: t('analytics.customers'),
            align: 'end',
            cell: (row) => format.number(row.customers),
          },
          { id: 'sales', header: t('analytics.sales'), align: 'end', cell: (row) => format.yen(row.sales) },
          {
            id: 'share',
            header: t('analytics.salesShare'),
            cell: (row) => (
              <span className="bar-cell">
                <ShareBar share={row.salesShare} max={maxShare} />
                {share(row.salesShare)}
              </span>
            ),
          },
          {
            id: 'cumulative',
            header: t('analytics.cumulativeShare'),
            align: 'end',
            cell: (row) => share(row.cumulativeShare),
          },
          {
            id: 'range',
            header: t('analytics.deciles.range'),
            align: 'end',
            cell: (row) => `${format.yen(row.minSales)} – ${format.yen(row.maxSales)}`,
          },
          {
            id: 'save',
            hidden: !canSave,
            header: <span className="visually-hidden">{t('analytics.save.column')}</span>,
            cell: (row) => (
              <SaveAsSegment
                compact
                group={{ kind: 'decile', decile: row.decile }}
                label={t('analytics.deciles.name', { decile: row.decile })}
              />
            ),
          },
        ]}
      />
    </Section>
  );
}
