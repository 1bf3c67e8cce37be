import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { parseCustomerId } from './customer';
import { CustomerAnalyticsSection } from './customer-analytics';
import { CustomerConsents } from './customer-consents';
import { CustomerDetails } from './customer-details';
import { CustomerIdentities } from './customer-identities';
import { CustomerJourneys } from './customer-journeys';
import { CustomerMerges } from './customer-merges';
import { CustomerMessages } from './customer-messages';
import { CustomerName, customerNameText } from './customer-name';
import { CustomerOrders } from './customer-orders';
import { CustomerResponses } from './customer-responses';
import { CustomerScores } from './customer-scores';
import { CustomerStats } from './customer-stats';
import { useCustomer } from './customers.api';

export default function CustomerProfilePage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseCustomerId(params['id']);
  const customer = useCustomer(id);
  const backLink = <Link to="/customers">{t('customers.backToSearch')}</Link>;

  if (id === null || (customer.isError && isApiError(customer.error) && customer.error.status === 404)) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={t('customers.notFound.title')} />
        <Notice tone="warning" role="alert" title={t('customers.notFound.title')}>
          <p>{t('customers.notFound.body', { id: params['id'] ?? '' })}</p>
        </Notice>
      </>
    );
  }
  if (customer.isPending) return <Spinner label={t('customers.loading')} />;
  if (customer.isError) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={t('customers.profileTitle', { id })} />
        <ErrorBanner error={customer.error} onRetry={() => void customer.refetch()} />
      </>
    );
  }

  const data = customer.data;
  const fallbackName = t('customers.unnamed', { id: data.id });
  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={customerNameText(data.profile) ?? fallbackName}
        heading={<CustomerName profile={data.profile} fallback={fallbackName} />}
        description={t('customers.idLine', { id: data.id })}
      />
      {data.status === 'merged' && (
        <Notice tone="warning" title={t('customers.merged.title')}>
          <p>
            {data.mergedIntoId !== null ? (
              <>
                {t('customers.merged.body')}{' '}
                <Link to={`/customers/${data.mergedIntoId}`}>
                  {t('customers.merged.link', { id: data.mergedIntoId })}
                </Link>
              </>
            ) : (
              t('customers.merged.bodyUnknown')
            )}
          </p>
        </Notice>
      )}
      <CustomerStats stats={data.stats} />
      <div className="two-columns">
        <CustomerDetails customer={data} />
        <CustomerIdentities identities={data.identities} />
      </div>
      <CustomerAnalyticsSection analytics={data.analytics} segments={data.segments} />
      <CustomerConsents consents={data.consents} />
      <CustomerOrders orders={data.recentOrders} />
      <CustomerJourneys journeys={data.journeys} total={data.activityTotals.journeys} />
      <CustomerMessages messages={data.messages} total={data.activityTotals.messages} />
      <CustomerResponses responses={data.responses} total={data.activityTotals.responses} />
      <CustomerScores scores={data.scores} />
      <CustomerMerges customerId={data.id} merges={data.merges} />
    </>
  );
}
