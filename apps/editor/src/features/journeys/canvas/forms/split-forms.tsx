import { useTranslation } from 'react-i18next';
import { Button } from '../../../../ui/button';
import { scalarText } from '../flow-graph';
import { nextItemId } from '../node-defaults';
import {
  fieldError,
  numberText,
  parseNumber,
  records,
  text,
  TextInput,
  withValue,
  type Config,
  type NodeFormProps,
} from './form-kit';

/** Weighted arms of a random split; the weights must total 100 (libs/journey checks it). */
export function SplitForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const arms = records(config, 'arms');
  const set = (next: Config[], field: string) => onChange({ ...config, arms: next }, field);
  const total = arms.reduce((sum, arm) => sum + (typeof arm['weight'] === 'number' ? arm['weight'] : 0), 0);
  const even = () => {
    // Whole percents that total 100: the first arms take the remainder.
    const base = Math.floor(100 / arms.length);
    set(
      arms.map((arm, i) => ({ ...arm, weight: base + (i < 100 - base * arms.length ? 1 : 0) })),
      'arms',
    );
  };
  return (
    <fieldset className="journey-form__group">
      <legend>{t('canvas.forms.arms')}</legend>
      {arms.map((arm, index) => {
        const number = index + 1;
        return (
          <div
            className="journey-form__item journey-form__row"
            key={scalarText(arm['id']) || index}
            role="group"
            aria-label={t('canvas.forms.armNumber', { number })}
          >
            <TextInput
              label={t('canvas.forms.armLabel')}
              value={text(arm, 'label')}
              onChange={(label) =>
                set(
                  arms.map((a, i) => (i === index ? { ...a, label } : a)),
                  `arm-${index}-label`,
                )
              }
            />
            <TextInput
              label={t('canvas.forms.armWeight')}
              type="number"
              min={0}
              max={100}
              value={numberText(arm, 'weight')}
              error={fieldError(issues, `config.arms.${index}.weight`)}
              onChange={(weight) =>
                set(
                  arms.map((a, i) => (i === index ? withValue(a, 'weight', parseNumber(weight)) : a)),
                  `arm-${index}-weight`,
                )
              }
            />
            <Button
              variant="ghost"
              onClick={() =>
                set(
                  arms.filter((_, i) => i !== index),
                  'arms',
                )
              }
              disabled={arms.length <= 2}
            >
              {t('canvas.forms.removeArm', { number })}
            </Button>
          </div>
        );
      })}
      <p className={total === 100 ? 'field__hint' : 'field__error'} aria-live="polite">
        {t('canvas.forms.weightTotal', { total })}
      </p>
      {fieldError(issues, 'config.arms') && <p className="field__error">{fieldError(issues, 'config.arms')}</p>}
      <div className="journey-form__item-actions">
        <Button
          variant="secondary"
          onClick={() => set([...arms, { id: nextItemId('arm', arms), label: '', weight: 0 }], 'arms')}
          disabled={arms.length >= 10}
        >
          {t('canvas.forms.addArm')}
        </Button>
        <Button variant="secondary" onClick={even} disabled={arms.length === 0}>
          {t('canvas.forms.evenSplit')}
        </Button>
      </div>
    </fieldset>
  );
}

export function HoldoutForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('canvas.forms.controlShare')}
      hint={t('canvas.forms.controlShareHint')}
      type="number"
      min={1}
      max={50}
      value={numberText(config, 'controlShare')}
      error={fieldError(issues, 'config.controlShare')}
      onChange={(value) => onChange(withValue(config, 'controlShare', parseNumber(value)), 'controlShare')}
    />
  );
}
