import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { usePublishJourney } from './journeys.api';

export interface JourneyPublishButtonProps {
  journeyId: number;
  /** The browser found issues: publishing would only be refused by the engine. */
  blocked: boolean;
}

export function JourneyPublishButton({ journeyId, blocked }: JourneyPublishButtonProps) {
  const { t } = useTranslation();
  const publish = usePublishJourney(journeyId);
  return (
    <div className="journey-publish">
      <Button
        variant="primary"
        disabled={blocked}
        busy={publish.isPending}
        aria-describedby={blocked ? `journey-publish-blocked-${journeyId}` : undefined}
        onClick={() => publish.mutate()}
      >
        {t('journeys.publish.submit')}
      </Button>
      {blocked && (
        <p id={`journey-publish-blocked-${journeyId}`} className="muted">
          {t('journeys.publish.blocked')}
        </p>
      )}
      {publish.isError && <ErrorBanner error={publish.error} title={t('journeys.publish.failed')} />}
      {publish.isSuccess && (
        <Notice tone="success" role="status" title={t('journeys.publish.done', { version: publish.data.version })} />
      )}
    </div>
  );
}
