import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

export interface NavItem {
  to: string;
  label: string;
  /** Active only on this exact path (for `/`). */
  end?: boolean;
}

export interface NavGroup {
  id: string;
  /** A heading above the group; omit for the top group. */
  label?: string;
  items: readonly NavItem[];
}

export interface AppLayoutProps {
  navigation: readonly NavGroup[];
  /** Shown next to the product name: the workspace (a switcher when the account has several). */
  context?: ReactNode;
  /** Controls at the right of the top bar: language, the account and sign-out. */
  headerActions?: ReactNode;
  children: ReactNode;
}

export const MAIN_CONTENT_ID = 'main-content';

export function AppLayout({ navigation, context, headerActions, children }: AppLayoutProps) {
  const { t } = useTranslation();
  return (
    <div className="app-shell">
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('layout.skipToContent')}
      </a>
      <header className="top-bar">
        <div className="top-bar__brand">
          <span className="brand">{t('app.name')}</span>
          {context}
        </div>
        <div className="top-bar__actions">{headerActions}</div>
      </header>
      <nav className="side-nav" aria-label={t('layout.navigation')}>
        {navigation.map((group) => (
          <div className="side-nav__group" key={group.id}>
            {group.label && (
              <p className="side-nav__heading" id={`nav-${group.id}`}>
                {group.label}
              </p>
            )}
            <ul aria-labelledby={group.label ? `nav-${group.id}` : undefined}>
              {group.items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="side-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="content" id={MAIN_CONTENT_ID} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
