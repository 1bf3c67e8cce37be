import { DURATION_UNITS } from '@kizuna/journey';
import { useTranslation } from 'react-i18next';
import { parseNumber, record, withValue, type Config, SelectInput, TextInput } from './form-kit';

export interface DurationFieldsProps {
  legend: string;
  value: Config;
  onChange: (value: Config) => void;
  error: string | null;
}

/** An amount and a unit (minutes to weeks), as libs/journey's duration. */
export function DurationFields({ legend, value, onChange, error }: DurationFieldsProps) {
  const { t } = useTranslation();
  const amount = typeof value['amount'] === 'number' ? String(value['amount']) : '';
  const unit = DURATION_UNITS.find((u) => u === value['unit']) ?? 'days';
  return (
    <fieldset className="journey-form__group">
      <legend>{legend}</legend>
      <div className="journey-form__row">
        <TextInput
          label={t('canvas.forms.amount')}
          type="number"
          min={1}
          value={amount}
          error={error}
          onChange={(next) => onChange(withValue({ ...value, unit }, 'amount', parseNumber(next)))}
        />
        <SelectInput
          label={t('canvas.forms.unit')}
          value={unit}
          options={DURATION_UNITS.map((u) => ({ value: u, label: t(`canvas.units.${u}`).trim() }))}
          onChange={(next) => onChange({ ...value, unit: next })}
        />
      </div>
    </fieldset>
  );
}

export const durationOf = (config: Config, key: string): Config => record(config, key);
