import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { CustomerSearchForm } from './customer-search-form';
import { CustomerSearchResults } from './customer-search-results';

export default function CustomersPage() {
  const { t } = useTranslation();
  // The query lives in the URL, so a search can be shared and Back returns to the results.
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  return (
    <>
      <PageHeader title={t('customers.title')} description={t('customers.description')} />
      <CustomerSearchForm key={q} initialQuery={q} onSearch={(next) => setSearchParams(next ? { q: next } : {})} />
      <CustomerSearchResults q={q} />
    </>
  );
}
