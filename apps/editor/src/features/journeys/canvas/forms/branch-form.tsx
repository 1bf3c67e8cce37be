import { useTranslation } from 'react-i18next';
import { Button } from '../../../../ui/button';
import { STARTER_RULE, nextItemId } from '../node-defaults';
import { scalarText } from '../flow-graph';
import { fieldError, records, text, TextInput, type Config, type NodeFormProps } from './form-kit';
import { BranchRuleEditor } from './branch-rule-editor';

/** Ordered conditions, each an exit; the first that holds wins, else "else". Condition ids are fixed: edges leave by them. */
export function BranchForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const conditions = records(config, 'conditions');
  const set = (next: Config[], field: string) => onChange({ ...config, conditions: next }, field);
  return (
    <fieldset className="journey-form__group">
      <legend>{t('canvas.forms.conditions')}</legend>
      {conditions.map((condition, index) => {
        const number = index + 1;
        return (
          <div
            className="journey-form__item"
            key={scalarText(condition['id']) || index}
            role="group"
            aria-label={t('canvas.forms.conditionNumber', { number })}
          >
            <p className="journey-form__item-title">
              {t('canvas.forms.conditionNumber', { number })} <code>{scalarText(condition['id'])}</code>
            </p>
            <TextInput
              label={t('canvas.forms.conditionLabel')}
              value={text(condition, 'label')}
              error={fieldError(issues, `config.conditions.${index}.label`)}
              onChange={(label) =>
                set(
                  conditions.map((c, i) => (i === index ? { ...c, label } : c)),
                  `condition-${index}-label`,
                )
              }
            />
            <BranchRuleEditor
              label={t('canvas.forms.conditionNumber', { number })}
              value={condition['rule']}
              error={fieldError(issues, `config.conditions.${index}.rule`)}
              onChange={(rule) =>
                set(
                  conditions.map((c, i) => (i === index ? { ...c, rule } : c)),
                  `condition-${index}-rule`,
                )
              }
            />
            <div className="journey-form__item-actions">
              {index > 0 && (
                <Button
                  variant="ghost"
                  onClick={() => {
                    const next = [...conditions];
                    [next[index - 1], next[index]] = [next[index]!, next[index - 1]!];
                    set(next, 'conditions');
                  }}
                >
                  {t('canvas.forms.moveUp', { number })}
                </Button>
              )}
              <Button
                variant="ghost"
                onClick={() =>
                  set(
                    conditions.filter((_, i) => i !== index),
                    'conditions',
                  )
                }
              >
                {t('canvas.forms.removeCondition', { number })}
              </Button>
            </div>
          </div>
        );
      })}
      {fieldError(issues, 'config.conditions') && (
        <p className="field__error">{fieldError(issues, 'config.conditions')}</p>
      )}
      <Button
        variant="secondary"
        onClick={() =>
          set([...conditions, { id: nextItemId('condition', conditions), label: '', rule: STARTER_RULE }], 'conditions')
        }
      >
        {t('canvas.forms.addCondition')}
      </Button>
    </fieldset>
  );
}
