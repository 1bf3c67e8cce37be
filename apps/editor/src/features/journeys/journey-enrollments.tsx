import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { ENROLLMENT_STATES, type JourneyDetail } from './journey';

export function JourneyEnrollments({ enrollments }: { enrollments: JourneyDetail['enrollments'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <dl className="stat-grid" aria-label={t('journeys.enrollments.title')}>
      {ENROLLMENT_STATES.map((state) => (
        <div className="stat" key={state}>
          <dt>{t(`journeys.enrollments.${state}`)}</dt>
          <dd className="stat__value">{format.number(enrollments[state] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}
