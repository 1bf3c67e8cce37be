import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { ErrorBanner } from '../../ui/error-banner';
import { Spinner } from '../../ui/spinner';
import { useEngineHealth } from './health.api';

export function EngineHealthPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const health = useEngineHealth();

  if (health.isPending) return <Spinner label={t('home.health.loading')} />;
  if (health.isError)
    return <ErrorBanner error={health.error} title={t('home.health.failed')} onRetry={() => void health.refetch()} />;

  const { status, database, queue, version } = health.data;
  return (
    <dl className="stat-grid">
      <div className="stat">
        <dt>{t('home.health.engine')}</dt>
        <dd>
          <Badge tone={status === 'ok' ? 'success' : 'warning'}>{t(`home.health.status.${status}`)}</Badge>
          <span className="stat__detail">{t('home.health.version', { version })}</span>
        </dd>
      </div>
      <div className="stat">
        <dt>{t('home.health.database')}</dt>
        <dd>
          <Badge tone={database.status === 'up' ? 'success' : 'danger'}>
            {t(`home.health.status.${database.status}`)}
          </Badge>
          {database.latencyMs !== undefined && (
            <span className="stat__detail">
              {t('home.health.latency', { latency: format.milliseconds(database.latencyMs) })}
            </span>
          )}
        </dd>
      </div>
      <div className="stat">
        <dt>{t('home.health.queue')}</dt>
        <dd>
          <Badge tone={queue.status === 'up' ? 'success' : 'danger'}>{t(`home.health.status.${queue.status}`)}</Badge>
          <span className="stat__detail">{t(`home.health.adapter.${queue.adapter}`)}</span>
        </dd>
      </div>
    </dl>
  );
}
