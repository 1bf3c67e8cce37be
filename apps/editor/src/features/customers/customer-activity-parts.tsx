import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EMPTY_VALUE } from '../../ui/format';
import { cappedList, isMessageChannel } from './customer-activity';
import './customer-activity.css';

/** The channel's name in the UI language; a channel this build does not know is shown as sent. */
export function ChannelName({ channel }: { channel: string | null }) {
  const { t } = useTranslation();
  if (channel === null) return <>{EMPTY_VALUE}</>;
  return <>{isMessageChannel(channel) ? t(`customers.channels.${channel}`) : channel}</>;
}

/** The journey (a link to it) and the node a row came from; messages sent through the API have none. */
export function JourneyStep({
  journeyId,
  journeyName,
  nodeId,
}: {
  journeyId: number | null;
  journeyName: string | null;
  nodeId: string | null;
}) {
  const { t } = useTranslation();
  if (journeyId === null) return <span className="muted">{t('customers.activity.noJourney')}</span>;
  return (
    <span className="activity-cell">
      <Link to={`/journeys/${journeyId}`}>{journeyName ?? `#${journeyId}`}</Link>
      {nodeId && (
        <span className="activity-cell__meta">
          {t('customers.activity.node')}: <code>{nodeId}</code>
        </span>
      )}
    </span>
  );
}

/** Says that the engine listed only the latest rows; nothing when the list is complete. */
export function CappedListNote({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  const capped = cappedList(shown, total);
  if (!capped) return null;
  return <p className="muted">{t('customers.activity.capped', capped)}</p>;
}
