import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkspace } from '../../session/workspace-context';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { EngineHealthPanel } from './engine-health';

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
          <li className="card">
            <h3>
              <Link to="/data/imports">{t('nav.imports')}</Link>
            </h3>
            <p>{t('home.sections.imports')}</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/customers">{t('nav.customers')}</Link>
            </h3>
            <p>{t('home.sections.customers')}</p>
          </li>
        </ul>
      </Section>
    </>
  );
}
