import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../../session/use-formatters';
import { useSegments } from '../canvas.api';
import { nextRuns } from '../cron-preview';
import { EventMatchFields } from './event-match-fields';
import {
  fieldError,
  numberText,
  parseNumber,
  SelectInput,
  text,
  TextInput,
  withValue,
  type NodeFormProps,
} from './form-kit';

/** Segment entry and exit, and the schedule's audience. */
export function SegmentPicker({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const segments = useSegments();
  const value = typeof config['segmentId'] === 'number' ? String(config['segmentId']) : '';
  return (
    <SelectInput
      label={t('canvas.forms.segment')}
      value={value}
      placeholder={t('canvas.forms.chooseSegment')}
      options={(segments.data ?? []).map((segment) => ({
        value: String(segment.id),
        label: `${segment.name} (${format.number(segment.memberCount)})`,
      }))}
      error={fieldError(issues, 'config.segmentId')}
      onChange={(next) => onChange(withValue(config, 'segmentId', next ? Number(next) : undefined), 'segmentId')}
    />
  );
}

export function EventTriggerForm({ config, issues, onChange }: NodeFormProps) {
  return <EventMatchFields config={config} issues={issues} path="config" onChange={onChange} />;
}

/** A cron expression with its next five runs in words, so "0 10 * * 1" reads as the Mondays it means. */
export function ScheduleTriggerForm(props: NodeFormProps) {
  const { config, issues, onChange } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const cron = text(config, 'cron');
  const zone = text(config, 'timezone') || format.timeZone;
  const preview = nextRuns(cron, zone, new Date());
  return (
    <>
      <TextInput
        label={t('canvas.forms.cron')}
        hint={t('canvas.forms.cronHint')}
        value={cron}
        mono
        error={fieldError(issues, 'config.cron')}
        onChange={(value) => onChange({ ...config, cron: value }, 'cron')}
      />
      <div className="journey-form__preview" aria-live="polite">
        {preview.ok ? (
          <>
            <p className="journey-form__preview-title">{t('canvas.forms.nextRuns')}</p>
            <ol>
              {preview.runs.map((run) => (
                <li key={run.toISOString()}>{format.dateTime(run.toISOString())}</li>
              ))}
            </ol>
          </>
        ) : (
          cron.trim() !== '' && (
            <p className="field__error">{t('canvas.forms.cronInvalid', { reason: preview.reason })}</p>
          )
        )}
      </div>
      <TextInput
        label={t('canvas.forms.timezone')}
        hint={t('canvas.forms.timezoneHint', { zone: format.timeZone })}
        value={text(config, 'timezone')}
        placeholder={format.timeZone}
        onChange={(value) =>
          onChange(withValue(config, 'timezone', value.trim() ? value.trim() : undefined), 'timezone')
        }
      />
      <SegmentPicker {...props} />
    </>
  );
}

/** N days before or after a date attribute (yearly for birthdays) or an event's time. */
export function DateRelativeTriggerForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const source = config['source'] === 'event' ? 'event' : 'attribute';
  const setSource = (next: 'attribute' | 'event') =>
    onChange(
      next === 'event'
        ? {
            source: 'event',
            eventName: '',
            filters: [],
            offsetDays: Math.max(0, Number(config['offsetDays'] ?? 0)),
            timeOfDay: text(config, 'timeOfDay') || '10:00',
          }
        : {
            source: 'attribute',
            attribute: '',
            yearly: true,
            offsetDays: Number(config['offsetDays'] ?? 0),
            timeOfDay: text(config, 'timeOfDay') || '10:00',
          },
      'source',
    );
  return (
    <>
      <SelectInput
        label={t('canvas.forms.source')}
        value={source}
        options={(['attribute', 'event'] as const).map((value) => ({
          value,
          label: t(`canvas.forms.sources.${value}`),
        }))}
        onChange={setSource}
      />
      {source === 'attribute' ? (
        <>
          <TextInput
            label={t('canvas.forms.attribute')}
            hint={t('canvas.forms.attributeHint')}
            value={text(config, 'attribute')}
            mono
            error={fieldError(issues, 'config.attribute')}
            onChange={(value) => onChange({ ...config, attribute: value }, 'attribute')}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={config['yearly'] === true}
              onChange={(event) => onChange({ ...config, yearly: event.target.checked }, 'yearly')}
            />
            {t('canvas.forms.yearly')}
          </label>
        </>
      ) : (
        <EventMatchFields config={config} issues={issues} path="config" onChange={onChange} />
      )}
      <TextInput
        label={t('canvas.forms.offsetDays')}
        type="number"
        value={numberText(config, 'offsetDays')}
        error={fieldError(issues, 'config.offsetDays')}
        onChange={(value) => onChange(withValue(config, 'offsetDays', parseNumber(value)), 'offsetDays')}
      />
      <TextInput
        label={t('canvas.forms.timeOfDay')}
        type="time"
        value={text(config, 'timeOfDay')}
        error={fieldError(issues, 'config.timeOfDay')}
        onChange={(value) => onChange(withValue(config, 'timeOfDay', value || undefined), 'timeOfDay')}
      />
    </>
  );
}
