import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useRuleLabels } from './rule-builder/rule-labels';
import { useSegmentMembers } from './segments.api';

/** Current members a page at a time; pages follow customer ids (`after`), so a refresh cannot skip anyone. */
export function SegmentMembers({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const labels = useRuleLabels();
  const [cursors, setCursors] = useState<number[]>([0]);
  const after = cursors[cursors.length - 1] ?? 0;
  const members = useSegmentMembers(id, after);
  return (
    <Section title={t('segments.members.title')}>
      {members.isPending && <Spinner label={t('segments.members.loading')} />}
      {members.isError && <ErrorBanner error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && (
        <>
          <Table
            caption={t('segments.members.title')}
            rows={members.data.items}
            rowKey={(member) => member.id}
            empty={t('segments.members.empty')}
            columns={[
              {
                id: 'name',
                header: t('segments.members.customer'),
                rowHeader: true,
                cell: (member) => <Link to={`/customers/${member.id}`}>{member.displayName ?? `#${member.id}`}</Link>,
              },
              { id: 'email', header: t('segments.members.email'), cell: (member) => member.email ?? '—' },
              {
                id: 'prefecture',
                header: t('segments.members.prefecture'),
                cell: (member) => member.prefecture ?? '—',
              },
              {
                id: 'rank',
                header: t('segments.members.rfmRank'),
                cell: (member) => (member.rfmRank ? labels.enumValue('rfm_rank', member.rfmRank) : '—'),
              },
              {
                id: 'revenue',
                header: t('segments.members.revenue'),
                align: 'end',
                cell: (member) => format.yen(member.revenue),
              },
              {
                id: 'entered',
                header: t('segments.members.enteredAt'),
                cell: (member) => format.dateTime(member.enteredAt),
              },
            ]}
          />
          <Pager
            hasPrevious={cursors.length > 1}
            next={members.data.next}
            onPrevious={() => setCursors((current) => current.slice(0, -1))}
            onNext={(next) => setCursors((current) => [...current, next])}
          />
        </>
      )}
    </Section>
  );
}

export function Pager({
  hasPrevious,
  next,
  onPrevious,
  onNext,
}: {
  hasPrevious: boolean;
  next: number | null;
  onPrevious: () => void;
  onNext: (next: number) => void;
}) {
  const { t } = useTranslation();
  if (!hasPrevious && next === null) return null;
  return (
    <div className="form__actions">
      <Button onClick={onPrevious} disabled={!hasPrevious}>
        {t('segments.pager.previous')}
      </Button>
      <Button onClick={() => next !== null && onNext(next)} disabled={next === null}>
        {t('segments.pager.next')}
      </Button>
    </div>
  );
}
