import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import type { ConfigurableChannel } from './channel-settings-form';
import { useSendTestMessage } from './channels.api';

/** Sends one fixed message through the saved settings to an address the marketer types (their own). */
export function TestMessageForm({ channel, configured }: { channel: ConfigurableChannel; configured: boolean }) {
  const { t } = useTranslation();
  const send = useSendTestMessage(channel);
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!to.trim()) {
      setError(t('channels.form.required'));
      return;
    }
    setError(null);
    send.mutate(to.trim());
  }

  return (
    <Section title={t('channels.test.title')}>
      <p className="muted">{t(`channels.test.help.${channel}`)}</p>
      {!configured && <Notice tone="info">{t('channels.test.notConfigured')}</Notice>}
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t(`channels.test.to.${channel}`)} error={error}>
          {(control) => (
            <input
              {...control}
              className="input"
              type={channel === 'email' ? 'email' : channel === 'sms' ? 'tel' : 'text'}
              value={to}
              disabled={!configured}
              onChange={(event) => setTo(event.target.value)}
            />
          )}
        </Field>
        {send.isError && <ErrorBanner error={send.error} title={t('channels.test.failed')} />}
        {send.data && (
          <Notice tone="success" role="status" title={t('channels.test.sent', { to: send.data.to })}>
            {!send.data.delivered && <p>{t('channels.test.accepted')}</p>}
          </Notice>
        )}
        <div className="form__actions">
          <Button type="submit" busy={send.isPending} disabled={!configured}>
            {t('channels.test.send')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
