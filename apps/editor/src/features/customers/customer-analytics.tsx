import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import {
  isRfmRank,
  isStableSegment,
  rfmScores,
  rfStageLabel,
  topPreferences,
  type CustomerAnalytics,
  type CustomerSegment,
  type PreferenceShare,
} from './customer';
import { useRfStageGroups } from './customers.api';

function Shares({ shares }: { shares: readonly PreferenceShare[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const top = topPreferences(shares);
  if (top.length === 0) return <>{EMPTY_VALUE}</>;
  const percent = (share: number) =>
    new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  return (
    <ul className="chip-list">
      {top.map((share) => (
        <li key={share.name} className="chip">
          {t('customers.analytics.share', { name: share.name, share: percent(share.share) })}
        </li>
      ))}
    </ul>
  );
}

/** The customer's RFM, RF, decile and stable-segment figures from the last refresh, and their segments now. */
export function CustomerAnalyticsSection({
  analytics,
  segments,
}: {
  analytics: CustomerAnalytics | null;
  segments: readonly CustomerSegment[];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  // The profile shows without the stage names; the code stands in until they arrive.
  const stageGroups = useRfStageGroups();
  const rank = analytics?.rfmRank ?? null;
  const stage = analytics?.rfStage ?? null;
  const stable = analytics?.stableSegment ?? null;
  const days = (value: number | null) =>
    value === null ? EMPTY_VALUE : t('customers.analytics.recencyValue', { days: format.number(value) });
  return (
    <Section
      title={t('customers.analytics.title')}
      actions={
        analytics && (
          <p className="muted">{t('customers.analytics.asOf', { date: format.date(analytics.referenceAt) })}</p>
        )
      }
    >
      {analytics ? (
        <dl className="details">
          <div>
            <dt>{t('customers.analytics.rfmRank')}</dt>
            <dd>
              {rank === null ? EMPTY_VALUE : isRfmRank(rank) ? t(`segments.enumValues.rfm_rank.${rank}`) : rank}{' '}
              {rfmScores(analytics) && <span className="muted">({rfmScores(analytics)})</span>}
            </dd>
          </div>
          <div>
            <dt>{t('customers.analytics.rfStage')}</dt>
            <dd>{stage === null ? EMPTY_VALUE : (rfStageLabel(stage, stageGroups.data) ?? stage)}</dd>
          </div>
          <div>
            <dt>{t('customers.analytics.decile')}</dt>
            <dd>
              {analytics.decile === null
                ? EMPTY_VALUE
                : t('customers.analytics.decileValue', { decile: analytics.decile })}
            </dd>
          </div>
          <div>
            <dt>{t('customers.analytics.stableSegment')}</dt>
            <dd>
              {stable === null
                ? EMPTY_VALUE
                : isStableSegment(stable)
                  ? t(`segments.enumValues.stable_segment.${stable}`)
                  : stable}
            </dd>
          </div>
          <div>
            <dt>{t('customers.analytics.recency')}</dt>
            <dd>{days(analytics.recencyDays)}</dd>
          </div>
          <div>
            <dt>{t('customers.analytics.usualInterval')}</dt>
            <dd>{days(analytics.usualIntervalDays)}</dd>
          </div>
          <div>
            <dt>{t('customers.analytics.frequency')}</dt>
            <dd>{format.number(analytics.frequency)}</dd>
          </div>
          <div>
            <dt>{t('customers.analytics.monetary')}</dt>
            <dd>{format.yen(analytics.monetary)}</dd>
          </div>
          <div>
            <dt>{t('customers.analytics.rankDown')}</dt>
            <dd>
              {analytics.rankDown ? (
                <Badge tone="warning">
                  {t('customers.analytics.rankDownYes', { loss: format.yen(analytics.expectedLoss) })}
                </Badge>
              ) : (
                t('customers.analytics.rankDownNo')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('customers.analytics.series')}</dt>
            <dd>
              <Shares shares={analytics.preferences.series} />
            </dd>
          </div>
          <div>
            <dt>{t('customers.analytics.tags')}</dt>
            <dd>
              <Shares shares={analytics.preferences.tags} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('customers.analytics.empty')}</p>
      )}
      <h3 className="subheading">{t('customers.analytics.segments')}</h3>
      {segments.length > 0 ? (
        <ul className="chip-list">
          {segments.map((segment) => (
            <li key={segment.id} className="chip">
              <Link to={`/segments/${segment.id}`}>{segment.name}</Link>{' '}
              <span className="muted">
                {t('customers.analytics.enteredAt', { date: format.date(segment.enteredAt) })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('customers.analytics.noSegments')}</p>
      )}
    </Section>
  );
}
