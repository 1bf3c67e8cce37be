import { useFormatters } from '../../session/use-formatters';
import { EMPTY_VALUE } from '../../ui/format';
import { formatPoints, type JourneySummary } from './journey';
import { useJourneyLift } from './journeys.api';

/** The journey's lift against its holdout (percentage points), marked when significant; — before there is one. */
export function LiftCell({ journey }: { journey: JourneySummary }) {
  const format = useFormatters();
  const report = useJourneyLift(journey.id, journey.currentVersion !== null);
  const lift = report.data?.summary.lift;
  if (!lift) return <>{EMPTY_VALUE}</>;
  return (
    <span className={lift.significant ? 'journey-lift journey-lift--significant' : 'journey-lift'}>
      {formatPoints(lift.difference.estimate, format.locale)}
      {lift.significant && ' *'}
    </span>
  );
}
