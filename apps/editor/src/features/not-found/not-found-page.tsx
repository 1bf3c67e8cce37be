import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { buttonClassName } from '../../ui/button';
import { PageHeader } from '../../ui/page-header';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <PageHeader title={t('notFound.title')} description={t('notFound.body', { path: location.pathname })} />
      <Link to="/" className={buttonClassName('primary')}>
        {t('notFound.home')}
      </Link>
    </>
  );
}
