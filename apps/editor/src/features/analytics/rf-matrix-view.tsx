import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { RfCell, RfMatrixResult } from './analysis';
import { AnalysisView } from './analysis-view';
import { useDownloadRfMatrixCsv } from './analytics.api';
import { RfHeatMap } from './rf-heat-map';
import { SaveAsSegment, useCanSaveSegments } from './save-as-segment';
import { formatShare } from './share-format';

export function RfMatrixView() {
  return (
    <AnalysisView<RfMatrixResult> name="rf-matrix">{(snapshot) => <RfMatrix matrix={snapshot.result} />}</AnalysisView>
  );
}

function RfMatrix({ matrix }: { matrix: RfMatrixResult }) {
  const { t } = useTranslation();
  const canSave = useCanSaveSegments();
  const format = useFormatters();
  const [selected, setSelected] = useState<RfCell | null>(null);
  const download = useDownloadRfMatrixCsv();
  const share = (value: number | null) => formatShare(value, format.locale);
  return (
    <>
      <Section
        title={t('analytics.rf.title')}
        actions={
          <Button onClick={() => download.mutate()} busy={download.isPending}>
            {t('analytics.rf.downloadCsv')}
          </Button>
        }
      >
        <p className="muted">
          {t('analytics.rf.summary', {
            customers: format.number(matrix.customers),
            sales: format.yen(matrix.sales),
            days: matrix.salesWindowDays,
          })}
        </p>
        {download.isError && <ErrorBanner error={download.error} />}
        <RfHeatMap matrix={matrix} selected={selected} onSelect={setSelected} />
        {selected && (
          <div className="cell-details" aria-live="polite">
            <h3>
              {t('analytics.rf.selected', { recency: selected.recencyLabel, frequency: selected.frequencyLabel })} ·{' '}
              {selected.stage.label}
            </h3>
            <dl className="details">
              <div>
                <dt>{t('analytics.customers')}</dt>
                <dd>
                  {format.number(selected.customers)} ({share(selected.customerShare)})
                </dd>
              </div>
              <div>
                <dt>{t('analytics.salesShare')}</dt>
                <dd>
                  {format.yen(selected.sales)} ({share(selected.salesShare)})
                </dd>
              </div>
              <div>
                <dt>{t('analytics.rf.repeatRate', { days: matrix.repeatWindowDays })}</dt>
                <dd>{share(selected.repeatRate)}</dd>
              </div>
            </dl>
            <SaveAsSegment
              key={`${selected.recency}:${selected.frequency}`}
              group={{ kind: 'rf_cell', recency: selected.recency, frequency: selected.frequency }}
            />
          </div>
        )}
      </Section>
      <Section title={t('analytics.rf.stages')}>
        <Table
          caption={t('analytics.rf.stages')}
          rows={matrix.stages}
          rowKey={(stage) => stage.code}
          columns={[
            { id: 'stage', header: t('analytics.rf.stage'), rowHeader: true, cell: (stage) => stage.label },
            {
              id: 'customers',
              header: t('analytics.customers'),
              align: 'end',
              cell: (stage) => format.number(stage.customers),
            },
            {
              id: 'share',
              header: t('analytics.customerShare'),
              align: 'end',
              cell: (stage) => share(stage.customerShare),
            },
            { id: 'sales', header: t('analytics.sales'), align: 'end', cell: (stage) => format.yen(stage.sales) },
            {
              id: 'salesShare',
              header: t('analytics.salesShare'),
              align: 'end',
              cell: (stage) => share(stage.salesShare),
            },
            {
              id: 'repeat',
              header: t('analytics.rf.repeatRate', { days: matrix.repeatWindowDays }),
              align: 'end',
              cell: (stage) => share(stage.repeatRate),
            },
            {
              id: 'save',
              hidden: !canSave,
              header: <span className="visually-hidden">{t('analytics.save.column')}</span>,
              cell: (stage) => (
                <SaveAsSegment compact group={{ kind: 'rf_stage', stage: stage.code }} label={stage.label} />
              ),
            },
          ]}
        />
      </Section>
    </>
  );
}
