import { CHANNELS, SEND_CHANNELS, type SendChannel } from '@kizuna/journey';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../../../session/session-context';
import { Button } from '../../../../ui/button';
import { ErrorBanner } from '../../../../ui/error-banner';
import { useMessageTemplates, useTemplatePreview } from '../canvas.api';
import { fieldError, SelectInput, text, TextInput, withValue, type NodeFormProps } from './form-kit';

/** Channel and template (of that channel), with a preview rendered by the engine for one customer. */
export function SendForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const templates = useMessageTemplates();
  // Rendering a template for a customer is a template author's tool (templates.write on the engine).
  const canPreview = usePermission('templates.write');
  const channel = SEND_CHANNELS.find((c) => c === config['channel']);
  const templateId = text(config, 'templateId');
  const choices = (templates.data ?? []).filter((template) => channel === 'best' || template.channel === channel);
  // For "best", a template key is looked up per chosen channel: list each key once.
  const keys = [...new Map(choices.map((template) => [template.key, template])).values()];
  const bestChannels = Array.isArray(config['channels']) ? (config['channels'] as unknown[]) : [];
  return (
    <>
      <SelectInput<SendChannel>
        label={t('canvas.forms.channel')}
        value={channel ?? ''}
        placeholder={channel ? undefined : t('canvas.forms.chooseTemplate')}
        options={SEND_CHANNELS.map((value) => ({ value, label: t(`canvas.channels.${value}`) }))}
        error={fieldError(issues, 'config.channel')}
        onChange={(next) =>
          onChange(
            next === 'best'
              ? { channel: next, channels: [...CHANNELS] }
              : withValue({ channel: next }, 'templateId', undefined),
            'channel',
          )
        }
      />
      {channel === 'best' && (
        <fieldset className="journey-form__group">
          <legend>{t('canvas.forms.bestChannels')}</legend>
          {CHANNELS.map((value) => (
            <label className="checkbox" key={value}>
              <input
                type="checkbox"
                checked={bestChannels.includes(value)}
                onChange={(event) =>
                  onChange(
                    {
                      ...config,
                      channels: event.target.checked
                        ? [...bestChannels, value]
                        : bestChannels.filter((c) => c !== value),
                    },
                    'channels',
                  )
                }
              />
              {t(`canvas.channels.${value}`)}
            </label>
          ))}
        </fieldset>
      )}
      <SelectInput
        label={t('canvas.forms.template')}
        value={templateId}
        placeholder={t('canvas.forms.chooseTemplate')}
        options={keys.map((template) => ({ value: template.key, label: `${template.name} (${template.key})` }))}
        hint={templates.isSuccess && keys.length === 0 ? t('canvas.forms.noTemplates') : undefined}
        error={fieldError(issues, 'config.templateId')}
        onChange={(next) => onChange(withValue(config, 'templateId', next || undefined), 'templateId')}
      />
      {channel && channel !== 'best' && templateId && canPreview && (
        <TemplatePreview channel={channel} templateKey={templateId} />
      )}
    </>
  );
}

function TemplatePreview({ channel, templateKey }: { channel: string; templateKey: string }) {
  const { t } = useTranslation();
  const preview = useTemplatePreview();
  const [customer, setCustomer] = useState('');
  const customerId = Number(customer);
  return (
    <details className="journey-form__preview">
      <summary>{t('canvas.forms.preview')}</summary>
      <div className="journey-form__row">
        <TextInput
          label={t('canvas.forms.previewCustomer')}
          type="number"
          min={1}
          value={customer}
          onChange={setCustomer}
        />
        <Button
          variant="secondary"
          busy={preview.isPending}
          disabled={!Number.isSafeInteger(customerId) || customerId < 1}
          onClick={() => preview.mutate({ channel, key: templateKey, customerId })}
        >
          {t('canvas.forms.previewRun')}
        </Button>
      </div>
      {preview.isError && <ErrorBanner error={preview.error} title={t('canvas.forms.previewFailed')} />}
      {preview.isSuccess && (
        <div className="journey-form__rendered" aria-live="polite">
          <p className="journey-form__preview-title">{t('canvas.forms.previewTitle', { customer: customerId })}</p>
          <RenderedMessage value={preview.data} />
        </div>
      )}
    </details>
  );
}

/**
 * The rendered message's text fields (subject, body, LINE texts...) as plain text: an email's HTML
 * is shown as its source, never injected into the editor's page.
 */
function RenderedMessage({ value }: { value: unknown }) {
  const entries = textEntries(value, '');
  return (
    <dl className="journey-form__rendered-fields">
      {entries.map(([path, content]) => (
        <div key={path}>
          <dt>{path}</dt>
          <dd>{content}</dd>
        </div>
      ))}
    </dl>
  );
}

function textEntries(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return value.trim() ? [[path || 'text', value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => textEntries(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => textEntries(inner, path ? `${path}.${key}` : key));
  return [];
}
