import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { RfmResult } from './analysis';
import { AnalysisView } from './analysis-view';
import { SaveAsSegment, useCanSaveSegments } from './save-as-segment';
import { ShareBar } from './share-bar';
import { formatShare } from './share-format';

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** RFM ranks (優良, 準優良, 一般, 離反) with their share of customers and spend, and the R, F and M score distributions. */
export function RfmView() {
  return <AnalysisView<RfmResult> name="rfm">{(snapshot) => <Rfm rfm={snapshot.result} />}</AnalysisView>;
}

function Rfm({ rfm }: { rfm: RfmResult }) {
  const { t } = useTranslation();
  const canSave = useCanSaveSegments();
  const format = useFormatters();
  const share = (value: number) => formatShare(value, format.locale);
  const maxShare = Math.max(0, ...rfm.ranks.map((rank) => rank.customerShare));
  return (
    <>
      <Section title={t('analytics.rfm.ranks')}>
        <p className="muted">
          {t('analytics.rfm.summary', { customers: format.number(rfm.customers), days: rfm.windowDays })}
        </p>
        <Table
          caption={t('analytics.rfm.ranks')}
          rows={rfm.ranks}
          rowKey={(rank) => rank.rank}
          columns={[
            {
              id: 'rank',
              header: t('analytics.rfm.rank'),
              rowHeader: true,
              cell: (rank) => t(`segments.enumValues.rfm_rank.${rank.rank}`),
            },
            {
              id: 'customers',
              header: t('analytics.customers'),
              align: 'end',
              cell: (rank) => format.number(rank.customers),
            },
            {
              id: 'share',
              header: t('analytics.customerShare'),
              cell: (rank) => (
                <span className="bar-cell">
                  <ShareBar share={rank.customerShare} max={maxShare} />
                  {share(rank.customerShare)}
                </span>
              ),
            },
            {
              id: 'monetary',
              header: t('analytics.rfm.monetary'),
              align: 'end',
              cell: (rank) => format.yen(rank.monetary),
            },
            {
              id: 'monetaryShare',
              header: t('analytics.salesShare'),
              align: 'end',
              cell: (rank) => share(rank.monetaryShare),
            },
            {
              id: 'save',
              hidden: !canSave,
              header: <span className="visually-hidden">{t('analytics.save.column')}</span>,
              cell: (rank) => (
                <SaveAsSegment
                  compact
                  group={{ kind: 'rfm_rank', rank: rank.rank }}
                  label={t(`segments.enumValues.rfm_rank.${rank.rank}`)}
                />
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('analytics.rfm.scores')}>
        <Table
          caption={t('analytics.rfm.scores')}
          rows={[1, 2, 3, 4, 5]}
          rowKey={(score) => score}
          columns={[
            { id: 'score', header: t('analytics.rfm.score'), rowHeader: true, cell: (score) => score },
            ...DIMENSIONS.map((dimension) => ({
              id: dimension,
              header: t(`analytics.rfm.dimension.${dimension}`),
              align: 'end' as const,
              cell: (score: number) =>
                format.number(
                  rfm.scores.find((row) => row.dimension === dimension && row.score === score)?.customers ?? 0,
                ),
            })),
          ]}
        />
      </Section>
    </>
  );
}
