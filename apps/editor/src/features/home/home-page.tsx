import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MENU_PAGES } from '../../app-menu';
import { usePermissions } from '../../session/session-context';
import { useWorkspace } from '../../session/workspace-context';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { EngineHealthPanel } from './engine-health';

/** The menu's pages in the order a new workspace uses them: data in, customers, then marketing. */
const SECTIONS = ['imports', 'customers', 'segments', 'journeys', 'analytics', 'channels'] as const;

export default function HomePage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const can = usePermissions();
  // The role's pages only, as in the menu.
  const sections = SECTIONS.flatMap((id) => {
    const page = MENU_PAGES.find((candidate) => candidate.id === id);
    return page && can(page.permission) ? [{ id, to: page.to }] : [];
  });
  return (
    <>
      <PageHeader
        title={workspace.name}
        description={t('home.description', { slug: workspace.slug, timezone: workspace.timezone })}
      />
      <Section title={t('home.health.title')}>
        <EngineHealthPanel />
      </Section>
      <Section title={t('home.sections.title')}>
        <ul className="card-grid">
          {sections.map((section) => (
            <li className="card" key={section.id}>
              <h3>
                <Link to={section.to}>{t(`nav.${section.id}`)}</Link>
              </h3>
              <p>{t(`home.sections.${section.id}`)}</p>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
