import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { enrollmentStateTone, isEnrollmentState, type CustomerEnrollment } from './customer-activity';
import { CappedListNote, JourneyStep } from './customer-activity-parts';

export function CustomerJourneys({ journeys, total }: { journeys: readonly CustomerEnrollment[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('customers.journeys.title')}>
      <CappedListNote shown={journeys.length} total={total} />
      <Table
        caption={t('customers.journeys.title')}
        rows={journeys}
        rowKey={(enrollment) => enrollment.id}
        empty={t('customers.journeys.empty')}
        columns={[
          {
            id: 'journey',
            header: t('customers.journeys.journey'),
            rowHeader: true,
            cell: (enrollment) => <JourneyStep {...enrollment} nodeId={null} />,
          },
          {
            id: 'version',
            header: t('customers.journeys.version'),
            cell: (enrollment) =>
              enrollment.version === null
                ? EMPTY_VALUE
                : t('customers.journeys.versionNumber', { version: enrollment.version }),
          },
          {
            id: 'state',
            header: t('customers.journeys.state'),
            cell: (enrollment) => (
              <span className="activity-cell">
                <Badge tone={enrollmentStateTone(enrollment.state)}>
                  {isEnrollmentState(enrollment.state)
                    ? t(`customers.journeys.states.${enrollment.state}`)
                    : enrollment.state}
                </Badge>
                {enrollment.holdoutGroup === 'control' && (
                  <span className="activity-cell__meta">{t('customers.journeys.holdout')}</span>
                )}
              </span>
            ),
          },
          {
            id: 'node',
            header: t('customers.journeys.node'),
            cell: (enrollment) => (
              <span className="activity-cell">
                <code>{enrollment.nodeId}</code>
                {enrollment.state === 'active' && enrollment.wakeAt && (
                  <span className="activity-cell__meta">
                    {t('customers.journeys.waitingUntil', { date: format.dateTime(enrollment.wakeAt) })}
                  </span>
                )}
              </span>
            ),
          },
          {
            id: 'enteredAt',
            header: t('customers.journeys.enteredAt'),
            cell: (enrollment) => format.dateTime(enrollment.enteredAt),
          },
          {
            id: 'exitedAt',
            header: t('customers.journeys.exitedAt'),
            cell: (enrollment) => format.dateTime(enrollment.exitedAt),
          },
        ]}
      />
    </Section>
  );
}
