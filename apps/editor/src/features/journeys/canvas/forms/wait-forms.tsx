import { useTranslation } from 'react-i18next';
import { DurationFields, durationOf } from './duration-fields';
import { EventMatchFields } from './event-match-fields';
import { fieldError, SelectInput, text, TextInput, type NodeFormProps } from './form-kit';

const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

export function WaitForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const mode = config['mode'] === 'until' ? 'until' : 'duration';
  const weekdays = Array.isArray(config['weekdays']) ? (config['weekdays'] as unknown[]) : [];
  return (
    <>
      <SelectInput
        label={t('canvas.forms.waitMode')}
        value={mode}
        options={(['duration', 'until'] as const).map((value) => ({
          value,
          label: t(`canvas.forms.waitModes.${value}`),
        }))}
        onChange={(next) =>
          onChange(
            next === 'until'
              ? { mode: 'until', weekdays: [], time: '10:00' }
              : { mode: 'duration', duration: { amount: 1, unit: 'days' } },
            'mode',
          )
        }
      />
      {mode === 'duration' ? (
        <DurationFields
          legend={t('canvas.forms.amount')}
          value={durationOf(config, 'duration')}
          error={fieldError(issues, 'config.duration')}
          onChange={(duration) => onChange({ ...config, duration }, 'duration')}
        />
      ) : (
        <>
          <fieldset className="journey-form__group">
            <legend>{t('canvas.forms.weekdays')}</legend>
            <div className="journey-form__weekdays">
              {WEEKDAYS.map((day) => (
                <label className="checkbox" key={day}>
                  <input
                    type="checkbox"
                    checked={weekdays.includes(Number(day))}
                    onChange={(event) =>
                      onChange(
                        {
                          ...config,
                          weekdays: event.target.checked
                            ? [...weekdays, Number(day)].sort()
                            : weekdays.filter((d) => d !== Number(day)),
                        },
                        'weekdays',
                      )
                    }
                  />
                  {t(`canvas.forms.weekdayNames.${day}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <TextInput
            label={t('canvas.forms.time')}
            type="time"
            value={text(config, 'time')}
            error={fieldError(issues, 'config.time')}
            onChange={(value) => onChange({ ...config, time: value }, 'time')}
          />
        </>
      )}
    </>
  );
}

export function WaitForEventForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <EventMatchFields config={config} issues={issues} path="config" onChange={onChange} />
      <DurationFields
        legend={t('canvas.forms.timeout')}
        value={durationOf(config, 'timeout')}
        error={fieldError(issues, 'config.timeout')}
        onChange={(timeout) => onChange({ ...config, timeout }, 'timeout')}
      />
    </>
  );
}
