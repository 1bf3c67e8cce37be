import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkspace } from '../../session/workspace-context';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { EngineHealthPanel } from './engine-health';

/** The menu's pages in the order a new workspace uses them: data in, customers, then marketing. */
const SECTIONS = [
  { id: 'imports', to: '/data/imports' },
  { id: 'customers', to: '/customers' },
  { id: 'segments', to: '/segments' },
  { id: 'journeys', to: '/journeys' },
  { id: 'analytics', to: '/analytics' },
  { id: 'channels', to: '/settings/channels' },
] as const;

export default function HomePage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
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
          {SECTIONS.map((section) => (
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
