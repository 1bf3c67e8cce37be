import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import {
  countEngagement,
  ENGAGEMENT_KINDS,
  isResponseKind,
  isSafeLink,
  responseDetail,
  responseKindTone,
  type CustomerResponse,
} from './customer-activity';
import { CappedListNote, ChannelName, JourneyStep } from './customer-activity-parts';

const VIA = ['last-touch', 'coupon', 'holdout'] as const;
type Via = (typeof VIA)[number];
const isVia = (value: string | null): value is Via => value !== null && (VIA as readonly string[]).includes(value);

function ResponseDetailCell({ response }: { response: CustomerResponse }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const detail = responseDetail(response);
  if (!detail) return <>{EMPTY_VALUE}</>;
  switch (detail.kind) {
    case 'link':
      return isSafeLink(detail.url) ? (
        <a href={detail.url} target="_blank" rel="noopener noreferrer" className="activity-url">
          {detail.url}
        </a>
      ) : (
        <span className="activity-url">{detail.url}</span>
      );
    case 'text':
      return <q>{detail.text}</q>;
    case 'amount':
    case 'event': {
      const what =
        detail.kind === 'amount'
          ? t('customers.responses.amount', { amount: format.yen(detail.amount) })
          : t('customers.responses.event', { event: detail.event });
      const via = isVia(detail.via) ? t(`customers.responses.via.${detail.via}`) : detail.via;
      return (
        <>
          {what}
          {via && <span className="muted"> ({via})</span>}
        </>
      );
    }
  }
}

export function CustomerResponses({ responses, total }: { responses: readonly CustomerResponse[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const counts = countEngagement(responses);
  return (
    <Section title={t('customers.responses.title')}>
      <dl className="stat-grid" aria-label={t('customers.responses.summary', { count: responses.length })}>
        {ENGAGEMENT_KINDS.map((kind) => (
          <div className="stat" key={kind}>
            <dt>{t(`customers.responses.kinds.${kind}`)}</dt>
            <dd className="stat__value">{format.number(counts[kind])}</dd>
          </div>
        ))}
      </dl>
      <CappedListNote shown={responses.length} total={total} />
      <Table
        caption={t('customers.responses.title')}
        rows={responses}
        rowKey={(response) => response.id}
        empty={t('customers.responses.empty')}
        columns={[
          {
            id: 'at',
            header: t('customers.responses.at'),
            rowHeader: true,
            cell: (response) => format.dateTime(response.at),
          },
          {
            id: 'kind',
            header: t('customers.responses.kind'),
            cell: (response) => (
              <Badge tone={responseKindTone(response.kind)}>
                {isResponseKind(response.kind) ? t(`customers.responses.kinds.${response.kind}`) : response.kind}
              </Badge>
            ),
          },
          {
            id: 'channel',
            header: t('customers.responses.channel'),
            cell: (response) => <ChannelName channel={response.channel} />,
          },
          {
            id: 'journey',
            header: t('customers.activity.journey'),
            cell: (response) => <JourneyStep {...response} />,
          },
          {
            id: 'detail',
            header: t('customers.responses.detail'),
            cell: (response) => <ResponseDetailCell response={response} />,
          },
        ]}
      />
    </Section>
  );
}
