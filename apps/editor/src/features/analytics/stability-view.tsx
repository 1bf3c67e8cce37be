import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { Horizons, StabilityFigures, StabilityReport, StableSegmentsResult } from './analysis';
import { AnalysisView } from './analysis-view';
import { useComputeStability } from './analytics.api';
import { SaveAsSegment, useCanSaveSegments } from './save-as-segment';
import { formatShare } from './share-format';
import { STABLE_SEGMENT_ORDER, transitionMatrix } from './transitions';

const HORIZONS: readonly (keyof Horizons<number>)[] = ['1m', '3m', '6m'];

/** Stable segments now, how stable the classes have been, and where each segment's customers went in six months. */
export function StabilityView() {
  const { t } = useTranslation();
  const compute = useComputeStability();
  return (
    <>
      <AnalysisView<StableSegmentsResult> name="stable-segments">
        {(snapshot) => <StableSegments result={snapshot.result} />}
      </AnalysisView>
      <Section title={t('analytics.stability.title')}>
        <AnalysisView<StabilityReport>
          name="stability"
          compute={{ label: t('analytics.stability.compute'), run: () => compute.mutate(), busy: compute.isPending }}
        >
          {(snapshot) => <Stability report={snapshot.result} />}
        </AnalysisView>
      </Section>
    </>
  );
}

function StableSegments({ result }: { result: StableSegmentsResult }) {
  const { t } = useTranslation();
  const canSave = useCanSaveSegments();
  const format = useFormatters();
  const share = (value: number) => formatShare(value, format.locale);
  const label = (segment: string) =>
    t(`segments.enumValues.stable_segment.${segment as (typeof STABLE_SEGMENT_ORDER)[number]}`);
  return (
    <Section title={t('analytics.stable.title')}>
      <p className="muted">
        {t('analytics.stable.summary', { customers: format.number(result.customers), months: result.lookbackMonths })}
      </p>
      <Table
        caption={t('analytics.stable.title')}
        rows={result.segments}
        rowKey={(row) => row.segment}
        columns={[
          { id: 'segment', header: t('analytics.stable.segment'), rowHeader: true, cell: (row) => label(row.segment) },
          {
            id: 'customers',
            header: t('analytics.customers'),
            align: 'end',
            cell: (row) => format.number(row.customers),
          },
          { id: 'share', header: t('analytics.customerShare'), align: 'end', cell: (row) => share(row.customerShare) },
          {
            id: 'spend',
            header: t('analytics.stable.netSpend'),
            align: 'end',
            cell: (row) => format.yen(row.netSpend),
          },
          {
            id: 'spendShare',
            header: t('analytics.salesShare'),
            align: 'end',
            cell: (row) => share(row.netSpendShare),
          },
          {
            id: 'save',
            hidden: !canSave,
            header: <span className="visually-hidden">{t('analytics.save.column')}</span>,
            cell: (row) => (
              <SaveAsSegment
                compact
                group={{ kind: 'stable_segment', segment: row.segment }}
                label={label(row.segment)}
              />
            ),
          },
        ]}
      />
    </Section>
  );
}

function Stability({ report }: { report: StabilityReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const share = (value: number) => formatShare(value, format.locale);
  const label = (segment: (typeof STABLE_SEGMENT_ORDER)[number]) => t(`segments.enumValues.stable_segment.${segment}`);
  const figures: { key: 'stableSegments' | 'rfmRanks'; value: StabilityFigures }[] = [
    { key: 'stableSegments', value: report.stableSegments },
    { key: 'rfmRanks', value: report.rfmRanks },
  ];
  return (
    <>
      <p className="muted">
        {t('analytics.stability.period', { from: format.date(report.startAt), to: format.date(report.referenceAt) })}
      </p>
      <Table
        caption={t('analytics.stability.unchanged')}
        showCaption
        rows={figures}
        rowKey={(row) => row.key}
        columns={[
          {
            id: 'classes',
            header: t('analytics.stability.classes'),
            rowHeader: true,
            cell: (row) => t(`analytics.stability.${row.key}`),
          },
          {
            id: 'customers',
            header: t('analytics.customers'),
            align: 'end',
            cell: (row) => format.number(row.value.customers),
          },
          ...HORIZONS.map((horizon) => ({
            id: horizon,
            header: t('analytics.stability.after', { months: horizon.replace('m', '') }),
            align: 'end' as const,
            cell: (row: (typeof figures)[number]) => share(row.value.unchanged[horizon]),
          })),
        ]}
      />
      <Table
        caption={t('analytics.stability.transitions')}
        showCaption
        rows={transitionMatrix(report.transitions)}
        rowKey={(row) => row.from}
        columns={[
          { id: 'from', header: t('analytics.stability.fromTo'), rowHeader: true, cell: (row) => label(row.from) },
          ...STABLE_SEGMENT_ORDER.map((to, index) => ({
            id: to,
            header: label(to),
            align: 'end' as const,
            cell: (row: ReturnType<typeof transitionMatrix>[number]) => format.number(row.to[index]),
          })),
          { id: 'stayed', header: t('analytics.stability.stayed'), align: 'end', cell: (row) => share(row.stayed) },
        ]}
      />
    </>
  );
}
