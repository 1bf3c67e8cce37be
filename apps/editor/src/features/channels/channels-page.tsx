import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { SubNavigation } from '../../ui/sub-navigation';
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
      <SubNavigation
        label={t('channels.sections')}
        items={[
          ...CONFIGURABLE_CHANNELS.map((channel) => ({
            to: `/settings/channels/${channel}`,
            label: t(`channels.name.${channel}`),
          })),
          { to: '/settings/channels/dm-batches', label: t('channels.dm.title') },
        ]}
      />
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
