import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page-header';

export default function SegmentsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('segments.title')} />;
}
