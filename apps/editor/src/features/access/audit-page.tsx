import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { PageHeader } from '../../ui/page-header';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useAuditLog, type AuditEntry } from './access.api';
import { auditActionKey, describeDetails } from './audit-details';

/** /settings/audit (admins): the workspace's audit entries, newest first, a page at a time. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const log = useAuditLog();
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  // Actions a newer engine adds show as they are until the dictionaries name them.
  const label = (key: string, fallback: string) => (i18n.exists(key) ? t(key as ParseKeys) : fallback);
  const actor = (entry: AuditEntry) => {
    const type = label(`access.audit.actorTypes.${entry.actor.type}`, entry.actor.type);
    const who = entry.actor.name ?? (entry.actor.id === null ? null : `#${entry.actor.id}`);
    return who ? `${who} (${type})` : type;
  };

  return (
    <>
      <PageHeader
        eyebrow={t('nav.settings')}
        title={t('access.audit.title')}
        description={t('access.audit.description')}
      />
      {log.isPending && <Spinner label={t('access.audit.loading')} />}
      {log.isError && (
        <ErrorBanner error={log.error} title={t('access.audit.failed')} onRetry={() => void log.refetch()} />
      )}
      {log.data && (
        <>
          <Table
            caption={t('access.audit.caption')}
            rows={entries}
            rowKey={(entry) => entry.id}
            empty={t('access.audit.empty')}
            columns={[
              { id: 'at', header: t('access.audit.at'), rowHeader: true, cell: (entry) => format.dateTime(entry.at) },
              { id: 'actor', header: t('access.audit.actor'), cell: actor },
              {
                id: 'action',
                header: t('access.audit.action'),
                cell: (entry) => label(`access.audit.actions.${auditActionKey(entry.action)}`, entry.action),
              },
              {
                id: 'target',
                header: t('access.audit.target'),
                cell: (entry) =>
                  entry.target.id === null ? entry.target.type : `${entry.target.type} #${entry.target.id}`,
              },
              {
                id: 'details',
                header: t('access.audit.details'),
                cell: (entry) => (
                  <ul className="audit-details">
                    {describeDetails(entry.details).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
          <p className="load-more">
            {log.hasNextPage ? (
              <Button busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                {log.isFetchingNextPage ? t('access.audit.loadingMore') : t('access.audit.loadMore')}
              </Button>
            ) : (
              entries.length > 0 && <span className="muted">{t('access.audit.end')}</span>
            )}
          </p>
        </>
      )}
    </>
  );
}
