import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { ErrorBanner } from '../../ui/error-banner';
import { Table } from '../../ui/table';
import type { SegmentPreview as Preview } from './segment';
import { shareOf } from './segment';
import { useRuleLabels } from './rule-builder/rule-labels';

export interface SegmentPreviewProps {
  preview: Preview | undefined;
  /** The rule is invalid: nothing is counted until it is fixed. */
  invalid: boolean;
  loading: boolean;
  error: unknown;
}

/** The live count of a rule being edited, its share of the workspace, and a sample of the customers. */
export function SegmentPreviewPanel({ preview, invalid, loading, error }: SegmentPreviewProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const labels = useRuleLabels();
  // Without personal_data.read the engine counts but sends no sample.
  const seesPeople = usePermission('personal_data.read');
  const percent = preview ? Math.round(shareOf(preview.count, preview.customers) * 1000) / 10 : null;
  return (
    <div className="segment-preview" aria-busy={loading}>
      <p className="segment-preview__count" role="status" aria-live="polite" data-testid="segment-preview-count">
        {invalid
          ? t('segments.preview.invalid')
          : preview
            ? t('segments.preview.count', {
                count: format.number(preview.count),
                total: format.number(preview.customers),
                percent: format.number(percent),
              })
            : t('segments.preview.counting')}
      </p>
      {loading && !invalid && <p className="muted">{t('segments.preview.updating')}</p>}
      {error !== null && !invalid && <ErrorBanner error={error} title={t('segments.preview.failed')} />}
      {preview && !invalid && !seesPeople && <p className="muted">{t('segments.preview.sampleHidden')}</p>}
      {preview && !invalid && seesPeople && (
        <Table
          caption={t('segments.preview.sample')}
          showCaption
          rows={preview.sample}
          rowKey={(member) => member.id}
          empty={t('segments.preview.noMembers')}
          columns={[
            {
              id: 'name',
              header: t('segments.members.customer'),
              rowHeader: true,
              cell: (member) => <Link to={`/customers/${member.id}`}>{member.displayName ?? `#${member.id}`}</Link>,
            },
            {
              id: 'rank',
              header: t('segments.members.rfmRank'),
              cell: (member) => (member.rfmRank ? labels.enumValue('rfm_rank', member.rfmRank) : '—'),
            },
            {
              id: 'revenue',
              header: t('segments.members.revenue'),
              align: 'end',
              cell: (member) => format.yen(member.revenue),
            },
          ]}
        />
      )}
    </div>
  );
}
