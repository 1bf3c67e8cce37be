import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { isMessageStatus, messageStatusTone, type CustomerMessage } from './customer-activity';
import { CappedListNote, ChannelName, JourneyStep } from './customer-activity-parts';

export function CustomerMessages({ messages, total }: { messages: readonly CustomerMessage[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.messages.title')}>
      <CappedListNote shown={messages.length} total={total} />
      <Table
        caption={t('customers.messages.title')}
        rows={messages}
        rowKey={(message) => message.id}
        empty={t('customers.messages.empty')}
        columns={[
          {
            id: 'createdAt',
            header: t('customers.messages.createdAt'),
            rowHeader: true,
            cell: (message) => format.dateTime(message.createdAt),
          },
          {
            id: 'channel',
            header: t('customers.messages.channel'),
            cell: (message) => <ChannelName channel={message.channel} />,
          },
          {
            id: 'journey',
            header: t('customers.activity.journey'),
            cell: (message) => <JourneyStep {...message} />,
          },
          {
            id: 'template',
            header: t('customers.messages.template'),
            cell: (message) => (message.templateId ? <code>{message.templateId}</code> : EMPTY_VALUE),
          },
          {
            id: 'status',
            header: t('customers.messages.status'),
            cell: (message) => (
              <span className="activity-cell">
                <Badge tone={messageStatusTone(message.status)}>
                  {isMessageStatus(message.status)
                    ? t(`customers.messages.statuses.${message.status}`)
                    : message.status}
                </Badge>
                {message.suppressionReason && (
                  <span className="activity-cell__meta">
                    {t('customers.messages.suppressed', { reason: message.suppressionReason })}
                  </span>
                )}
              </span>
            ),
          },
          {
            id: 'sentAt',
            header: t('customers.messages.sentAt'),
            cell: (message) => format.dateTime(message.sentAt),
          },
        ]}
      />
    </Section>
  );
}
