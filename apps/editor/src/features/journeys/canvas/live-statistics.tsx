import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../session/use-formatters';
import type { JourneyDetail } from '../journey';
import { formatPoints, latestLiftByNode } from '../journey';
import { useJourneyLift } from '../journeys.api';
import { useJourneyStats } from './canvas.api';
import { useCanvasStores } from './canvas-context';
import { nodeFigures } from './run-overlays';

/**
 * A published journey's figures: per node on the cards (refetched every few seconds by TanStack
 * Query, without reloading the canvas) and the journey's totals here. Lift vs the holdout comes
 * from the reports API (refreshed once a minute: it scans the enrolments).
 */
export function LiveStatistics({ journey }: { journey: JourneyDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const { overlay } = useCanvasStores();
  const published = journey.currentVersion !== null;
  const stats = useJourneyStats(journey.id, published);
  const report = useJourneyLift(journey.id, published);
  useEffect(() => {
    const figures = stats.data ? nodeFigures(stats.data) : null;
    overlay.set((current) => ({ ...current, figures }));
  }, [overlay, stats.data]);
  useEffect(() => {
    const lifts = report.data ? latestLiftByNode(report.data) : null;
    overlay.set((current) => ({ ...current, lifts }));
  }, [overlay, report.data]);
  const lift = report.data?.summary.lift;
  if (!published) return null;
  const enrollments = journey.enrollments;
  const entered = Object.values(enrollments).reduce((sum, n) => sum + n, 0);
  return (
    <section className="journey-stats" aria-labelledby={headingId}>
      <h2 id={headingId} className="journey-side__title">
        {t('canvas.stats.title')}
      </h2>
      <dl className="journey-outcomes">
        <div>
          <dt>{t('canvas.stats.entered')}</dt>
          <dd>{format.number(entered)}</dd>
        </div>
        <div>
          <dt>{t('canvas.stats.waiting')}</dt>
          <dd>{format.number(enrollments.active ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('canvas.stats.converted')}</dt>
          <dd>{format.number(enrollments.converted ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('canvas.stats.lift')}</dt>
          <dd>
            {lift ? (
              <>
                {formatPoints(lift.difference.estimate, format.locale)}{' '}
                <span className="muted">
                  {t('canvas.stats.liftInterval', {
                    level: Math.round((report.data?.method.confidence ?? 0.95) * 100),
                    lower: formatPoints(lift.difference.lower, format.locale),
                    upper: formatPoints(lift.difference.upper, format.locale),
                  })}
                </span>
                {lift.significant && <> · {t('canvas.stats.significant')}</>}
              </>
            ) : (
              <span className="muted">{t('canvas.stats.liftPending')}</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('canvas.stats.refreshing')}</p>
    </section>
  );
}
