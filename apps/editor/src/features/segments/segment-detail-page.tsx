import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePermissions } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { Button, buttonClassName } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { SegmentChanges } from './segment-changes';
import { SegmentMembers } from './segment-members';
import { SegmentRuleSummary } from './segment-rule-summary';
import { useRefreshSegment, useSegment } from './segments.api';

/** /segments/:id: the segment's figures, its current members and the log of who entered and left. */
export function SegmentDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = Number(useParams().id);
  const segment = useSegment(id);
  const refresh = useRefreshSegment(id);
  const can = usePermissions();
  if (segment.isError) return <ErrorBanner error={segment.error} onRetry={() => void segment.refetch()} />;
  if (!segment.data) return <Spinner label={t('segments.detail.loading')} />;
  const { data } = segment;
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.description || undefined}
        eyebrow={<Link to="/segments">{t('segments.backToList')}</Link>}
        actions={
          can('segments.write') ? (
            <>
              <Button onClick={() => refresh.mutate()} busy={refresh.isPending}>
                {t('segments.detail.refresh')}
              </Button>
              <Link to="edit" className={buttonClassName('primary')}>
                {t('segments.detail.edit')}
              </Link>
            </>
          ) : undefined
        }
      />
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t('segments.detail.members')}</dt>
          <dd className="stat__value">{format.number(data.memberCount)}</dd>
        </div>
        <div className="stat">
          <dt>{t('segments.detail.lastRefreshed')}</dt>
          <dd>{format.dateTime(data.lastRefreshedAt)}</dd>
        </div>
        <div className="stat">
          <dt>{t('segments.detail.nextRefresh')}</dt>
          <dd>{format.dateTime(data.nextRefreshAt)}</dd>
        </div>
      </dl>
      {data.lastError && (
        <Notice tone="danger" title={t('segments.detail.refreshFailed')}>
          <p>{data.lastError}</p>
        </Notice>
      )}
      {refresh.isError && <ErrorBanner error={refresh.error} />}
      <SegmentRuleSummary rule={data.definition} />
      {can('personal_data.read') ? (
        <>
          <SegmentMembers id={id} />
          <SegmentChanges id={id} />
        </>
      ) : (
        <Notice tone="info">{t('segments.detail.personalDataHidden')}</Notice>
      )}
    </>
  );
}
