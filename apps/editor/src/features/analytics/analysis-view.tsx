import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { Spinner } from '../../ui/spinner';
import type { AnalysisSnapshot } from './analysis';
import { useAnalysis, useRefreshAnalytics, type AnalysisName } from './analytics.api';

export interface AnalysisViewProps<Result> {
  name: AnalysisName;
  children: (snapshot: AnalysisSnapshot<Result>) => ReactNode;
  /** What computes this analysis when it is missing; default the analytics refresh. */
  compute?: { label: string; run: () => void; busy: boolean };
}

/** Loads an analysis and renders it; explains a missing one (never computed) with the button that computes it. */
export function AnalysisView<Result>({ name, children, compute }: AnalysisViewProps<Result>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const analysis = useAnalysis<Result>(name);
  const refresh = useRefreshAnalytics();
  const action = compute ?? { label: t('analytics.refresh'), run: () => refresh.mutate(), busy: refresh.isPending };
  if (analysis.isPending) return <Spinner label={t('analytics.loading')} />;
  if (analysis.isError) {
    if (isApiError(analysis.error) && analysis.error.status === 404) {
      return (
        <Notice tone="info" title={t('analytics.notComputed')}>
          <p>{t('analytics.notComputedHint')}</p>
          <p>
            <Button variant="primary" onClick={action.run} busy={action.busy}>
              {action.label}
            </Button>
          </p>
        </Notice>
      );
    }
    return <ErrorBanner error={analysis.error} onRetry={() => void analysis.refetch()} />;
  }
  return (
    <>
      <p className="muted analysis-as-of">
        {t('analytics.asOf', {
          reference: format.dateTime(analysis.data.referenceAt),
          computed: format.dateTime(analysis.data.computedAt),
        })}
      </p>
      {children(analysis.data)}
    </>
  );
}
