import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../../session/use-formatters';
import { scalarText } from '../flow-graph';
import { EventMatchFields } from './event-match-fields';
import {
  fieldError,
  numberText,
  parseNumber,
  record,
  SelectInput,
  text,
  TextInput,
  withValue,
  type NodeFormProps,
} from './form-kit';

const UPDATE_ACTIONS = ['set-attribute', 'add-tag', 'remove-tag', 'adjust-score'] as const;
type UpdateAction = (typeof UPDATE_ACTIONS)[number];

export function UpdateForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const action = UPDATE_ACTIONS.find((a) => a === config['action']) ?? 'add-tag';
  const setAction = (next: UpdateAction) => {
    const fresh = {
      'set-attribute': { action: next, attribute: '', value: '' },
      'add-tag': { action: next, tag: '' },
      'remove-tag': { action: next, tag: '' },
      'adjust-score': { action: next, score: '', by: 1 },
    }[next];
    onChange(fresh, 'action');
  };
  return (
    <>
      <SelectInput
        label={t('canvas.forms.action')}
        value={action}
        options={UPDATE_ACTIONS.map((value) => ({ value, label: t(`canvas.forms.actions.${value}`) }))}
        onChange={setAction}
      />
      {action === 'set-attribute' && (
        <>
          <TextInput
            label={t('canvas.forms.attributeName')}
            value={text(config, 'attribute')}
            mono
            error={fieldError(issues, 'config.attribute')}
            onChange={(value) => onChange({ ...config, attribute: value }, 'attribute')}
          />
          <TextInput
            label={t('canvas.forms.attributeValue')}
            value={scalarText(config['value'])}
            onChange={(value) => onChange({ ...config, value }, 'value')}
          />
        </>
      )}
      {(action === 'add-tag' || action === 'remove-tag') && (
        <TextInput
          label={t('canvas.forms.tag')}
          value={text(config, 'tag')}
          error={fieldError(issues, 'config.tag')}
          onChange={(value) => onChange({ ...config, tag: value }, 'tag')}
        />
      )}
      {action === 'adjust-score' && (
        <>
          <TextInput
            label={t('canvas.forms.score')}
            value={text(config, 'score')}
            mono
            error={fieldError(issues, 'config.score')}
            onChange={(value) => onChange({ ...config, score: value }, 'score')}
          />
          <TextInput
            label={t('canvas.forms.by')}
            type="number"
            value={numberText(config, 'by')}
            error={fieldError(issues, 'config.by')}
            onChange={(value) => onChange(withValue(config, 'by', parseNumber(value)), 'by')}
          />
        </>
      )}
    </>
  );
}

/** A conversion (a purchase, optionally of a minimum amount, or an event) within N days of entry. */
export function GoalForm({ config, issues, onChange }: NodeFormProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const conversion = record(config, 'conversion');
  const kind = conversion['kind'] === 'event' ? 'event' : 'purchase';
  const minAmount = typeof conversion['minAmount'] === 'number' ? conversion['minAmount'] : undefined;
  return (
    <>
      <TextInput
        label={t('canvas.forms.goalName')}
        value={text(config, 'name')}
        error={fieldError(issues, 'config.name')}
        onChange={(value) => onChange({ ...config, name: value }, 'name')}
      />
      <SelectInput
        label={t('canvas.forms.conversion')}
        value={kind}
        options={(['purchase', 'event'] as const).map((value) => ({
          value,
          label: t(`canvas.forms.conversionKinds.${value}`),
        }))}
        onChange={(next) =>
          onChange(
            {
              ...config,
              conversion: next === 'event' ? { kind: 'event', eventName: '', filters: [] } : { kind: 'purchase' },
            },
            'conversion',
          )
        }
      />
      {kind === 'purchase' ? (
        <TextInput
          label={t('canvas.forms.minAmount')}
          hint={
            minAmount !== undefined ? t('canvas.forms.minAmountHint', { amount: format.yen(minAmount) }) : undefined
          }
          type="number"
          min={0}
          value={numberText(conversion, 'minAmount')}
          error={fieldError(issues, 'config.conversion.minAmount')}
          onChange={(value) =>
            onChange({ ...config, conversion: withValue(conversion, 'minAmount', parseNumber(value)) }, 'minAmount')
          }
        />
      ) : (
        <EventMatchFields
          config={conversion}
          issues={issues}
          path="config.conversion"
          onChange={(next, field) => onChange({ ...config, conversion: next }, field)}
        />
      )}
      <TextInput
        label={t('canvas.forms.withinDays')}
        type="number"
        min={1}
        max={365}
        value={numberText(config, 'withinDays')}
        error={fieldError(issues, 'config.withinDays')}
        onChange={(value) => onChange(withValue(config, 'withinDays', parseNumber(value)), 'withinDays')}
      />
    </>
  );
}
