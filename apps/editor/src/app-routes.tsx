import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { menuFor, pagePermission, type MenuPage } from './app-menu';
import { AccountMenu } from './features/account/account-menu';
import { RoleChangedNotice } from './features/account/role-changed-notice';
import { WorkspaceSwitcher } from './features/account/workspace-switcher';
import { LanguageSwitcher } from './i18n/language-switcher';
import { RequirePermission } from './session/require-permission';
import { usePermissions } from './session/session-context';
import { AppLayout, MAIN_CONTENT_ID, type NavGroup } from './ui/app-layout';
import { Button } from './ui/button';
import { ErrorBanner } from './ui/error-banner';
import { ErrorBoundary } from './ui/error-boundary';
import { Spinner } from './ui/spinner';

// One chunk per page, loaded on first visit, so the first load carries only the shell.
const HomePage = lazy(() => import('./features/home/home-page'));
const ImportsPage = lazy(() => import('./features/imports/imports-page'));
const CustomersPage = lazy(() => import('./features/customers/customers-page'));
const CustomerProfilePage = lazy(() => import('./features/customers/customer-profile-page'));
const JourneysPage = lazy(() => import('./features/journeys/journeys-page'));
// Its chunk imports @kizuna/journey (the journey chunk), so validation code loads with this page only.
const JourneyPage = lazy(() => import('./features/journeys/journey-page'));
const SegmentsPage = lazy(() => import('./features/segments/segments-page'));
const AnalyticsPage = lazy(() => import('./features/analytics/analytics-page'));
const ChannelsPage = lazy(() => import('./features/channels/channels-page'));
const MembersPage = lazy(() => import('./features/access/members-page'));
const AuditPage = lazy(() => import('./features/access/audit-page'));
const AccountPage = lazy(() => import('./features/account/account-page'));
const NotFoundPage = lazy(() => import('./features/not-found/not-found-page'));

export function AppRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  useFocusMainOnNavigation(location.pathname);

  const can = usePermissions();
  const navigation: NavGroup[] = menuFor(can).map(({ group, pages }) => ({
    id: group,
    label: group === 'main' ? undefined : t(`nav.${group}`),
    items: pages.map((page) => ({ to: page.to, label: t(`nav.${page.id}`), end: page.end })),
  }));
  const guarded = (id: MenuPage['id'], page: ReactNode) => (
    <RequirePermission permission={pagePermission(id)}>{page}</RequirePermission>
  );

  return (
    <AppLayout
      navigation={navigation}
      context={<WorkspaceSwitcher />}
      headerActions={
        <>
          <LanguageSwitcher />
          <AccountMenu />
        </>
      }
    >
      <RoleChangedNotice />
      <ErrorBoundary
        key={location.pathname}
        fallback={(error) => (
          <ErrorBanner error={error} title={t('app.pageFailed')}>
            <p>
              <Button variant="secondary" onClick={() => window.location.reload()}>
                {t('app.reload')}
              </Button>
            </p>
          </ErrorBanner>
        )}
      >
        <Suspense fallback={<Spinner label={t('app.loadingPage')} />}>
          <Routes>
            <Route index element={<HomePage />} />
            <Route path="data" element={<Navigate to="/data/imports" replace />} />
            <Route path="data/imports" element={guarded('imports', <ImportsPage />)} />
            <Route path="customers" element={guarded('customers', <CustomersPage />)} />
            <Route path="customers/:id" element={guarded('customers', <CustomerProfilePage />)} />
            <Route path="journeys" element={guarded('journeys', <JourneysPage />)} />
            <Route path="journeys/:id" element={guarded('journeys', <JourneyPage />)} />
            <Route path="segments/*" element={guarded('segments', <SegmentsPage />)} />
            <Route path="analytics/*" element={guarded('analytics', <AnalyticsPage />)} />
            <Route path="settings/channels/*" element={guarded('channels', <ChannelsPage />)} />
            <Route path="settings/members" element={guarded('members', <MembersPage />)} />
            <Route path="settings/audit" element={guarded('audit', <AuditPage />)} />
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </AppLayout>
  );
}

/**
 * After a client-side navigation, move focus to the main region (as a full page load would start
 * reading there), so keyboard and screen-reader users are not left on the link they followed.
 */
function useFocusMainOnNavigation(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(MAIN_CONTENT_ID)?.focus();
    window.scrollTo({ top: 0 });
  }, [pathname]);
}
