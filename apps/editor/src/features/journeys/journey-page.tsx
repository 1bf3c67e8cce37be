import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { JourneyEditor } from './canvas/journey-editor';
import { parseJourneyId } from './journey';
import { useJourney } from './journeys.api';

/** One journey's canvas. Its chunk brings React Flow, dagre and libs/journey: the list page loads none of them. */
export default function JourneyPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseJourneyId(params['id']);
  const journey = useJourney(id, { live: true });
  const backLink = <Link to="/journeys">{t('journeys.backToList')}</Link>;

  if (id === null || (journey.isError && isApiError(journey.error) && journey.error.status === 404)) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={t('journeys.notFound.title')} />
        <Notice tone="warning" role="alert" title={t('journeys.notFound.title')}>
          <p>{t('journeys.notFound.body', { id: params['id'] ?? '' })}</p>
        </Notice>
      </>
    );
  }
  if (journey.isPending) return <Spinner label={t('journeys.loading')} />;
  if (journey.isError) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={t('journeys.detailTitle', { id })} />
        <ErrorBanner error={journey.error} onRetry={() => void journey.refetch()} />
      </>
    );
  }
  // Keyed by id: another journey is another canvas, with its own history and stores.
  return <JourneyEditor key={journey.data.id} journey={journey.data} backLink={backLink} />;
}
