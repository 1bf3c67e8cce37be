import { validateJourney } from '@kizuna/journey';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useWorkspace } from '../../session/workspace-context';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { draftNodes, engineOnlyIssues, parseJourneyId, type JourneyDetail } from './journey';
import { JourneyEnrollments } from './journey-enrollments';
import { JourneyIssueList } from './journey-issue-list';
import { JourneyNodes } from './journey-nodes';
import { JourneyPublishButton } from './journey-publish-button';
import { JourneyStatusBadge } from './journey-status-badge';
import { useJourney } from './journeys.api';

export default function JourneyPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseJourneyId(params['id']);
  const journey = useJourney(id);
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
  return <JourneyDetails journey={journey.data} backLink={backLink} />;
}

function JourneyDetails({ journey, backLink }: { journey: JourneyDetail; backLink: ReactNode }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  // The same library and rules as the engine, in the workspace's zone as the engine uses; only the
  // checks that need the workspace's segments and templates are left to the engine.
  const browserIssues = useMemo(
    () => validateJourney(journey.draft, { timeZone: workspace.timezone }).issues,
    [journey.draft, workspace.timezone],
  );
  const nodes = useMemo(() => draftNodes(journey.draft), [journey.draft]);
  const engineIssues = engineOnlyIssues(journey.issues, browserIssues);

  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={journey.name}
        description={
          <>
            <JourneyStatusBadge status={journey.status} />{' '}
            {journey.currentVersion === null
              ? t('journeys.neverPublished')
              : t('journeys.versionLine', { version: journey.currentVersion })}
          </>
        }
        actions={<JourneyPublishButton journeyId={journey.id} blocked={browserIssues.length > 0} />}
      />
      <JourneyEnrollments enrollments={journey.enrollments} />
      <JourneyNodes nodes={nodes} />
      <JourneyIssueList
        title={t('journeys.issues.browserTitle')}
        description={t('journeys.issues.browserDescription')}
        issues={browserIssues}
        nodes={nodes}
        empty={t('journeys.issues.valid')}
      />
      {engineIssues.length > 0 && (
        <JourneyIssueList
          title={t('journeys.issues.engineTitle')}
          description={t('journeys.issues.engineDescription')}
          issues={engineIssues}
          nodes={nodes}
          empty={t('journeys.issues.valid')}
        />
      )}
    </>
  );
}
