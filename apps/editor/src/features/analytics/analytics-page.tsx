import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { PageHeader } from '../../ui/page-header';
import { SubNavigation } from '../../ui/sub-navigation';
import { AbcView } from './abc-view';
import { useRefreshAnalytics } from './analytics.api';
import { DecilesView } from './deciles-view';
import { RfMatrixView } from './rf-matrix-view';
import { RfmView } from './rfm-view';
import { StabilityView } from './stability-view';
import { TargetSelectionView } from './target-selection-view';
import './analytics.css';

const SECTIONS = [
  { to: '', key: 'rfMatrix' },
  { to: 'rfm', key: 'rfm' },
  { to: 'deciles', key: 'deciles' },
  { to: 'abc', key: 'abc' },
  { to: 'stability', key: 'stability' },
  { to: 'targets', key: 'targets' },
] as const;

/** /analytics (the RF matrix), /analytics/rfm, deciles, abc, stability, targets. */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const refresh = useRefreshAnalytics();
  const format = useFormatters();
  const canRun = usePermission('analytics.run');
  return (
    <>
      <PageHeader
        title={t('analytics.title')}
        description={t('analytics.description', { timeZone: format.timeZone })}
        actions={
          canRun ? (
            <Button onClick={() => refresh.mutate()} busy={refresh.isPending}>
              {t('analytics.refresh')}
            </Button>
          ) : undefined
        }
      />
      {refresh.isError && <ErrorBanner error={refresh.error} title={t('analytics.refreshFailed')} />}
      <SubNavigation
        label={t('analytics.sections')}
        items={SECTIONS.map((section) => ({
          to: section.to === '' ? '/analytics' : `/analytics/${section.to}`,
          label: t(`analytics.section.${section.key}`),
          end: true,
        }))}
      />
      <Routes>
        <Route index element={<RfMatrixView />} />
        <Route path="rfm" element={<RfmView />} />
        <Route path="deciles" element={<DecilesView />} />
        <Route path="abc" element={<AbcView />} />
        <Route path="stability" element={<StabilityView />} />
        <Route path="targets" element={<TargetSelectionView />} />
      </Routes>
    </>
  );
}
