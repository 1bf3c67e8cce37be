import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useDmBatches, useDmManifest, useExportDmBatch, type CsvEncoding, type DmManifest } from './channels.api';

const ENCODINGS: readonly CsvEncoding[] = ['utf8', 'sjis'];

/** Direct-mail batches for the print vendor: download the file (the first download closes the batch) and its manifest. */
export function DmBatchesPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const batches = useDmBatches();
  const exportBatch = useExportDmBatch();
  const manifest = useDmManifest();
  // The first download closes the batch: it is a send (messages.send on the engine).
  const canExport = usePermission('messages.send');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf8');
  return (
    <Section title={t('channels.dm.title')}>
      <p className="muted">{t('channels.dm.description')}</p>
      <div className="form">
        <Field label={t('channels.dm.encoding')} hint={t('channels.dm.encodingHint')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={encoding}
              onChange={(event) =>
                setEncoding(ENCODINGS.find((candidate) => candidate === event.target.value) ?? 'utf8')
              }
            >
              {ENCODINGS.map((option) => (
                <option key={option} value={option}>
                  {t(`channels.dm.encodings.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {batches.isPending && <Spinner label={t('channels.dm.loading')} />}
      {batches.isError && <ErrorBanner error={batches.error} onRetry={() => void batches.refetch()} />}
      {exportBatch.isError && <ErrorBanner error={exportBatch.error} title={t('channels.dm.exportFailed')} />}
      {batches.data && (
        <Table
          caption={t('channels.dm.caption')}
          rows={batches.data.items}
          rowKey={(batch) => batch.id}
          empty={t('channels.dm.empty')}
          columns={[
            { id: 'id', header: t('channels.dm.batch'), rowHeader: true, cell: (batch) => `#${batch.id}` },
            { id: 'sendDate', header: t('channels.dm.sendDate'), cell: (batch) => format.calendarDate(batch.sendDate) },
            {
              id: 'journey',
              header: t('channels.dm.journey'),
              cell: (batch) =>
                batch.journeyId === null ? (
                  '—'
                ) : (
                  <Link to={`/journeys/${batch.journeyId}`}>{`#${batch.journeyId} · ${batch.nodeId ?? ''}`}</Link>
                ),
            },
            {
              id: 'items',
              header: t('channels.dm.items'),
              align: 'end',
              cell: (batch) => format.number(batch.itemCount),
            },
            {
              id: 'status',
              header: t('channels.dm.status'),
              cell: (batch) =>
                batch.status === 'open' ? (
                  <Badge tone="info">{t('channels.dm.open')}</Badge>
                ) : (
                  <Badge tone="neutral">{t('channels.dm.exported', { at: format.dateTime(batch.exportedAt) })}</Badge>
                ),
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('channels.dm.actions')}</span>,
              cell: (batch) => (
                <div className="row-actions">
                  {canExport && (
                    <Button
                      onClick={() => exportBatch.mutate({ id: batch.id, encoding })}
                      busy={exportBatch.isPending && exportBatch.variables.id === batch.id}
                    >
                      {t('channels.dm.download', { id: batch.id })}
                    </Button>
                  )}
                  <Button variant="ghost" onClick={() => manifest.mutate({ id: batch.id, encoding })}>
                    {t('channels.dm.manifest', { id: batch.id })}
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      {manifest.isError && <ErrorBanner error={manifest.error} />}
      {manifest.data && <ManifestDetails manifest={manifest.data} />}
    </Section>
  );
}

function ManifestDetails({ manifest }: { manifest: DmManifest }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="dm-manifest" aria-live="polite">
      <h3>{t('channels.dm.manifestTitle', { id: manifest.batchId })}</h3>
      <dl className="details">
        <div>
          <dt>{t('channels.dm.fileName')}</dt>
          <dd>
            <code>{manifest.fileName}</code>
          </dd>
        </div>
        <div>
          <dt>{t('channels.dm.rows')}</dt>
          <dd>{format.number(manifest.rowCount)}</dd>
        </div>
        <div>
          <dt>{t('channels.dm.creatives')}</dt>
          <dd>
            {manifest.creatives
              .map((creative) => `${creative.creativeId} × ${format.number(creative.count)}`)
              .join(', ') || '—'}
          </dd>
        </div>
        <div>
          <dt>{t('channels.dm.size')}</dt>
          <dd>{format.bytes(manifest.bytes)}</dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd>
            <code className="dm-manifest__hash">{manifest.sha256}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
