import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { ChannelSettingsPanel } from './channel-settings-panel';
import { CONFIGURABLE_CHANNELS } from './channel-settings-form';
import { DmBatchesPanel } from './dm-batches-panel';
import './channels.css';

/** /settings/channels/email, line, sms (provider settings and a test message) and dm-batches (print files). */
export default function ChannelsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('channels.title')} description={t('channels.description')} />
      <nav className="channel-tabs" aria-label={t('channels.sections')}>
        <ul>
          {CONFIGURABLE_CHANNELS.map((channel) => (
            <li key={channel}>
              <NavLink to={`/settings/channels/${channel}`} className="channel-tabs__link">
                {t(`channels.name.${channel}`)}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/settings/channels/dm-batches" className="channel-tabs__link">
              {t('channels.dm.title')}
            </NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="email" replace />} />
        {CONFIGURABLE_CHANNELS.map((channel) => (
          <Route key={channel} path={channel} element={<ChannelSettingsPanel key={channel} channel={channel} />} />
        ))}
        <Route path="dm-batches" element={<DmBatchesPanel />} />
      </Routes>
    </>
  );
}
