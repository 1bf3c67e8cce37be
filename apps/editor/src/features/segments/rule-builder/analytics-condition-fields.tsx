import type { MetricCondition, PreferenceCondition, RuleIssue, ScoreCondition } from '@kizuna/segments';
import { PER_CATEGORY_METRIC_FIELDS } from '@kizuna/segments';
import { useTranslation } from 'react-i18next';
import { initialComparison } from './comparison';
import { ComparisonFields } from './comparison-fields';
import { MeasureFields } from './measure-fields';
import { issueFor } from './rule-issues';
import { useRuleBuilder } from './rule-builder-context';
import { useRuleLabels } from './rule-labels';
import { SelectField, TextField } from './select-field';

interface FieldsProps<C> {
  condition: C;
  onChange: (condition: C) => void;
  issues: readonly RuleIssue[];
}

/** A figure of the last analytics refresh: RFM scores and rank, RF cell, decile, stable segment... */
export function MetricConditionFields({ condition, onChange, issues }: FieldsProps<MetricCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { fields } = catalogue.conditions.metric;
  const field = fields.find((candidate) => candidate.name === condition.field) ?? fields[0];
  const { operator, value, category, ...rest } = condition;
  const perCategory = PER_CATEGORY_METRIC_FIELDS.includes(condition.field);
  return (
    <>
      <SelectField<string>
        label={t('segments.builder.field')}
        value={condition.field}
        options={fields.map((candidate) => candidate.name)}
        optionLabel={(name) => labels.text(fields.find((candidate) => candidate.name === name)?.labelKey ?? '', name)}
        error={issueFor(issues, 'field')}
        disabled={disabled}
        onChange={(name) => {
          const next = fields.find((candidate) => candidate.name === name);
          if (next) onChange({ type: 'metric', field: next.name, ...initialComparison(next, operator) });
        }}
      />
      <ComparisonFields
        field={field}
        value={{ operator, value }}
        issues={issues}
        valueLabel={(option) => labels.enumValue(condition.field, option)}
        onChange={(next) => onChange({ ...rest, ...(category === undefined ? {} : { category }), ...next })}
      />
      {perCategory && (
        <TextField
          label={t('segments.builder.category')}
          value={category ?? ''}
          error={issueFor(issues, 'category')}
          disabled={disabled}
          // An empty box means "over all categories": the key is left out rather than sent empty.
          onChange={(text) =>
            onChange({
              ...rest,
              operator,
              ...(value === undefined ? {} : { value }),
              ...(text ? { category: text } : {}),
            })
          }
        />
      )}
    </>
  );
}

/** Spend on a product tag or series: its share of the customer's spend, or yen. */
export function PreferenceConditionFields({ condition, onChange, issues }: FieldsProps<PreferenceCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { dimensions, measures } = catalogue.conditions.preference;
  const measure = measures.find((candidate) => candidate.name === (condition.measure ?? 'share')) ?? measures[0];
  const { operator, value, ...rest } = condition;
  return (
    <>
      <SelectField
        label={t('segments.builder.dimension')}
        value={condition.dimension}
        options={dimensions}
        optionLabel={(dimension) => labels.enumValue('dimension', dimension)}
        onChange={(dimension) => onChange({ ...condition, dimension })}
        disabled={disabled}
      />
      <TextField
        label={t('segments.builder.name')}
        value={condition.name}
        onChange={(name) => onChange({ ...condition, name })}
        error={issueFor(issues, 'name')}
        disabled={disabled}
      />
      <MeasureFields
        measures={measures}
        measure={measure}
        comparison={{ operator, value }}
        issues={issues}
        onChange={(next) => onChange({ ...rest, ...next })}
      />
    </>
  );
}

/** The latest score of a model (p_alive, propensity_email...). Model names are the workspace's own. */
export function ScoreConditionFields({ condition, onChange, issues }: FieldsProps<ScoreCondition>) {
  const { t } = useTranslation();
  const { catalogue, disabled } = useRuleBuilder();
  const { operator, value, ...rest } = condition;
  return (
    <>
      <TextField
        label={t('segments.builder.model')}
        value={condition.model}
        onChange={(model) => onChange({ ...condition, model })}
        error={issueFor(issues, 'model')}
        disabled={disabled}
      />
      <ComparisonFields
        field={catalogue.conditions.score.value}
        value={{ operator, value }}
        issues={issues}
        onChange={(next) => onChange({ ...rest, ...next })}
      />
    </>
  );
}
