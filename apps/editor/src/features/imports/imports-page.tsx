import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { ImportJobList } from './import-job-list';
import { ImportUploadForm } from './import-upload-form';

export default function ImportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader eyebrow={t('nav.data')} title={t('imports.title')} description={t('imports.description')} />
      <Section title={t('imports.form.title')}>
        <ImportUploadForm />
      </Section>
      <Section title={t('imports.jobs.title')}>
        <ImportJobList />
      </Section>
    </>
  );
}
