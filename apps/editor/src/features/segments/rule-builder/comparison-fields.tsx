import type { ComparisonOperator, RuleIssue } from '@kizuna/segments';
import { useTranslation } from 'react-i18next';
import { NumberField, TextListField, ChoiceListField } from './value-inputs';
import {
  comparison,
  pairItem,
  valueShape,
  withOperator,
  withPairItem,
  type ComparedField,
  type Comparison,
} from './comparison';
import { issueFor } from './rule-issues';
import { useRuleBuilder } from './rule-builder-context';
import { useRuleLabels } from './rule-labels';
import { SelectField, TextField } from './select-field';

export interface ComparisonFieldsProps {
  field: ComparedField;
  value: Comparison;
  onChange: (next: Comparison) => void;
  /** The condition's issues; `at` is where this comparison sits in it (`count` for an event's count). */
  issues: readonly RuleIssue[];
  at?: string;
  /** Labels of an enum field's values. */
  valueLabel?: (value: string) => string;
}

/** The operator menu of a field's type and the value input that operator takes. */
export function ComparisonFields({ field, value, onChange, issues, at, valueLabel }: ComparisonFieldsProps) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { disabled } = useRuleBuilder();
  const key = (name: string) => (at ? `${at}.${name}` : name);
  const error = issueFor(issues, key('value'));
  const setValue = (next: Comparison['value']) => onChange(comparison(value.operator, next));
  const shape = valueShape(field.type, value.operator);
  const label = valueLabel ?? ((option: string) => option);
  const number = (index: 0 | 1) => {
    const item = pairItem(value.value, index);
    return typeof item === 'number' ? item : undefined;
  };
  const text = (index: 0 | 1) => {
    const item = pairItem(value.value, index);
    return typeof item === 'string' ? item : '';
  };

  return (
    <>
      <SelectField<ComparisonOperator>
        label={t('segments.builder.operator')}
        value={value.operator}
        options={field.operators}
        optionLabel={labels.operator}
        onChange={(operator) => onChange(withOperator(field, value, operator))}
        error={issueFor(issues, key('operator'))}
        disabled={disabled}
      />
      {shape === 'text' && (
        <TextField
          label={t('segments.builder.value')}
          value={typeof value.value === 'string' ? value.value : ''}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {shape === 'date' && (
        <TextField
          type="date"
          label={t('segments.builder.value')}
          value={typeof value.value === 'string' ? value.value : ''}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {(shape === 'number' || shape === 'days') && (
        <NumberField
          label={shape === 'days' ? t('segments.builder.days') : t('segments.builder.value')}
          value={typeof value.value === 'number' ? value.value : undefined}
          bounds={shape === 'days' ? { min: 1, integer: true } : field.bounds}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {shape === 'text-list' && (
        <TextListField
          label={t('segments.builder.value')}
          hint={t('segments.builder.listHint')}
          value={Array.isArray(value.value) ? value.value : undefined}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {shape === 'choice' && (
        <SelectField
          label={t('segments.builder.value')}
          value={typeof value.value === 'string' ? value.value : ''}
          options={field.values ?? []}
          optionLabel={label}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {shape === 'choice-list' && (
        <ChoiceListField
          legend={t('segments.builder.value')}
          options={field.values ?? []}
          optionLabel={label}
          value={Array.isArray(value.value) ? value.value : undefined}
          onChange={setValue}
          error={error}
          disabled={disabled}
        />
      )}
      {shape === 'number-pair' && (
        <>
          <NumberField
            label={t('segments.builder.from')}
            value={number(0)}
            bounds={field.bounds}
            onChange={(item) => setValue(withPairItem(value.value, 0, item))}
            error={issueFor(issues, key('value.0')) ?? error}
            disabled={disabled}
          />
          <NumberField
            label={t('segments.builder.to')}
            value={number(1)}
            bounds={field.bounds}
            onChange={(item) => setValue(withPairItem(value.value, 1, item))}
            error={issueFor(issues, key('value.1'))}
            disabled={disabled}
          />
        </>
      )}
      {shape === 'date-pair' && (
        <>
          <TextField
            type="date"
            label={t('segments.builder.from')}
            value={text(0)}
            onChange={(item) => setValue(withPairItem(value.value, 0, item))}
            error={issueFor(issues, key('value.0')) ?? error}
            disabled={disabled}
          />
          <TextField
            type="date"
            label={t('segments.builder.to')}
            value={text(1)}
            onChange={(item) => setValue(withPairItem(value.value, 1, item))}
            error={issueFor(issues, key('value.1'))}
            disabled={disabled}
          />
        </>
      )}
    </>
  );
}
