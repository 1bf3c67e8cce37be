import { useTranslation } from 'react-i18next';
import { usePermission } from '../../session/session-context';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { ImportJobList } from './import-job-list';
import { ImportUploadForm } from './import-upload-form';

export default function ImportsPage() {
  const { t } = useTranslation();
  const canImport = usePermission('data.import');
  return (
    <>
      <PageHeader eyebrow={t('nav.data')} title={t('imports.title')} description={t('imports.description')} />
      {canImport ? (
        <Section title={t('imports.form.title')}>
          <ImportUploadForm />
        </Section>
      ) : (
        <Notice tone="info">{t('imports.form.readOnly')}</Notice>
      )}
      <Section title={t('imports.jobs.title')}>
        <ImportJobList />
      </Section>
    </>
  );
}
