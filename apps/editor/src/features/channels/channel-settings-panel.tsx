import type { ParseKeys } from 'i18next';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { usePermission } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import {
  fieldKey,
  initialValues,
  issuesByField,
  missingFields,
  SETTINGS_FIELDS,
  settingsBody,
  type ConfigurableChannel,
  type SettingsField,
} from './channel-settings-form';
import { useChannelSettings, useSaveChannelSettings, type ChannelSettingsView } from './channels.api';
import { TestMessageForm } from './test-message-form';

export function ChannelSettingsPanel({ channel }: { channel: ConfigurableChannel }) {
  const { t } = useTranslation();
  const settings = useChannelSettings();
  const canSend = usePermission('messages.send');
  if (settings.isPending) return <Spinner label={t('channels.loading')} />;
  if (settings.isError) return <ErrorBanner error={settings.error} onRetry={() => void settings.refetch()} />;
  const saved = settings.data.find((view) => view.channel === channel) ?? null;
  return (
    <>
      <SettingsForm channel={channel} saved={saved} />
      {canSend && <TestMessageForm channel={channel} configured={saved !== null} />}
    </>
  );
}

function SettingsForm({ channel, saved }: { channel: ConfigurableChannel; saved: ChannelSettingsView | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const save = useSaveChannelSettings(channel);
  const canManage = usePermission('settings.manage');
  const [values, setValues] = useState(() => initialValues(channel, saved?.public ?? null));
  const [missing, setMissing] = useState<string[]>([]);
  const serverIssues = isApiError(save.error) ? issuesByField(save.error.issues) : {};
  const text = (key: string) => (i18n.exists(key) ? t(key as ParseKeys) : key);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = missingFields(channel, values);
    setMissing(empty);
    if (empty.length) return;
    save.mutate(settingsBody(channel, values), {
      // The secrets were sent; they are not kept in the page (nor could they be read back).
      onSuccess: (view) => setValues(initialValues(channel, view.public)),
    });
  }

  const errorOf = (field: SettingsField) =>
    missing.includes(field.path) ? t('channels.form.required') : (serverIssues[field.path] ?? null);

  return (
    <Section
      title={t('channels.settingsTitle', { channel: t(`channels.name.${channel}`) })}
      actions={
        saved ? (
          <Badge tone="success">{t('channels.configured', { at: format.dateTime(saved.updatedAt) })}</Badge>
        ) : (
          <Badge tone="warning">{t('channels.notConfigured')}</Badge>
        )
      }
    >
      <p className="muted">{text(`channels.help.${channel}`)}</p>
      {!canManage && <Notice tone="info">{t('channels.form.readOnly')}</Notice>}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="form__fieldset" disabled={!canManage}>
          {SETTINGS_FIELDS[channel].map((field) => {
            const key = fieldKey(field.path);
            const secret = field.kind === 'secret';
            return (
              <Field
                key={field.path}
                label={text(`channels.field.${key}`)}
                hint={secret ? t(saved ? 'channels.form.secretSavedHint' : 'channels.form.secretHint') : undefined}
                optional={field.required ? undefined : t('ui.optional')}
                error={errorOf(field)}
              >
                {(control) => (
                  <input
                    {...control}
                    className={secret ? 'input input--mono' : 'input'}
                    type={
                      secret
                        ? 'password'
                        : field.kind === 'number'
                          ? 'number'
                          : field.kind === 'email'
                            ? 'email'
                            : field.kind === 'url'
                              ? 'url'
                              : 'text'
                    }
                    // Secrets are write-only: never offered by the browser's password manager or autofill.
                    autoComplete={secret ? 'new-password' : 'off'}
                    spellCheck={false}
                    value={values[field.path] ?? ''}
                    onChange={(event) => setValues((current) => ({ ...current, [field.path]: event.target.value }))}
                  />
                )}
              </Field>
            );
          })}
          {save.isError && <ErrorBanner error={save.error} title={t('channels.form.saveFailed')} />}
          {save.isSuccess && (
            <Notice tone="success" role="status">
              {t('channels.form.saved')}
            </Notice>
          )}
          {canManage && (
            <div className="form__actions">
              <Button type="submit" variant="primary" busy={save.isPending}>
                {t('channels.form.save')}
              </Button>
            </div>
          )}
        </fieldset>
      </form>
    </Section>
  );
}
