import type {
  AttributeCondition,
  ConsentCondition,
  IdentityCondition,
  RuleIssue,
  SegmentCondition,
} from '@kizuna/segments';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../ui/field';
import { initialComparison, type ComparedField } from './comparison';
import { ComparisonFields } from './comparison-fields';
import { issueFor } from './rule-issues';
import { useRuleBuilder } from './rule-builder-context';
import { useRuleLabels } from './rule-labels';
import { SelectField, TextField } from './select-field';

interface FieldsProps<C> {
  condition: C;
  onChange: (condition: C) => void;
  issues: readonly RuleIssue[];
}

/** The menu entry for custom attributes; its key is typed in a box of its own. */
const CUSTOM = 'attributes.*';

export function AttributeConditionFields({ condition, onChange, issues }: FieldsProps<AttributeCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { fields, customAttribute } = catalogue.conditions.attribute;
  const { operator, value, ...rest } = condition;
  const isCustom = condition.field.startsWith(customAttribute.prefix);
  const known = fields.find((field) => field.name === condition.field);
  const compared: ComparedField = known ?? { type: 'custom', operators: customAttribute.operators };
  const names = [...fields.map((field) => field.name as string), CUSTOM];
  const fieldLabel = (name: string) =>
    name === CUSTOM
      ? labels.text(customAttribute.labelKey, 'attributes')
      : labels.text(fields.find((field) => field.name === name)?.labelKey ?? '', name);

  return (
    <>
      <SelectField
        label={t('segments.builder.field')}
        value={isCustom ? CUSTOM : condition.field}
        options={names}
        optionLabel={fieldLabel}
        error={issueFor(issues, 'field')}
        disabled={disabled}
        onChange={(name) => {
          if (name === CUSTOM) {
            onChange({
              type: 'attribute',
              field: customAttribute.prefix,
              ...initialComparison({ type: 'custom', operators: customAttribute.operators }),
            });
            return;
          }
          const field = fields.find((candidate) => candidate.name === name);
          if (field) onChange({ type: 'attribute', field: field.name, ...initialComparison(field, operator) });
        }}
      />
      {isCustom && (
        <TextField
          label={t('segments.builder.customKey')}
          value={condition.field.slice(customAttribute.prefix.length)}
          onChange={(key) => onChange({ ...condition, field: `${customAttribute.prefix}${key}` })}
          disabled={disabled}
        />
      )}
      <ComparisonFields
        field={compared}
        value={{ operator, value }}
        issues={issues}
        valueLabel={(option) => labels.enumValue(condition.field, option)}
        onChange={(next) => onChange({ ...rest, ...next })}
      />
    </>
  );
}

export function IdentityConditionFields({ condition, onChange, issues }: FieldsProps<IdentityCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { operators, kinds } = catalogue.conditions.identity;
  return (
    <>
      <SelectField
        label={t('segments.builder.operator')}
        value={condition.operator}
        options={operators}
        optionLabel={labels.operator}
        onChange={(operator) => onChange({ ...condition, operator })}
        disabled={disabled}
      />
      <SelectField
        label={t('segments.builder.kind')}
        value={condition.kind}
        options={kinds}
        optionLabel={(kind) => labels.enumValue('identity', kind)}
        error={issueFor(issues, 'source')}
        // Only external ids have a source; drop it with any other kind so the rule stays valid.
        onChange={(kind) => onChange({ type: 'identity', operator: condition.operator, kind })}
        disabled={disabled}
      />
    </>
  );
}

export function ConsentConditionFields({ condition, onChange }: FieldsProps<ConsentCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { operators, channels, statuses } = catalogue.conditions.consent;
  return (
    <>
      <SelectField
        label={t('segments.builder.channel')}
        value={condition.channel}
        options={channels}
        optionLabel={(channel) => labels.enumValue('consent', channel)}
        onChange={(channel) => onChange({ ...condition, channel })}
        disabled={disabled}
      />
      <SelectField
        label={t('segments.builder.operator')}
        value={condition.operator}
        options={operators}
        optionLabel={labels.operator}
        onChange={(operator) => onChange({ ...condition, operator })}
        disabled={disabled}
      />
      <SelectField
        label={t('segments.builder.status')}
        value={condition.status}
        options={statuses}
        optionLabel={(status) => labels.enumValue('consentState', status)}
        onChange={(status) => onChange({ ...condition, status })}
        disabled={disabled}
      />
    </>
  );
}

export function SegmentConditionFields({ condition, onChange, issues }: FieldsProps<SegmentCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, segments, disabled } = useRuleBuilder();
  const error = issueFor(issues, 'segmentId');
  return (
    <>
      <SelectField
        label={t('segments.builder.operator')}
        value={condition.operator}
        options={catalogue.conditions.segment.operators}
        optionLabel={labels.operator}
        onChange={(operator) => onChange({ ...condition, operator })}
        disabled={disabled}
      />
      <Field label={t('segments.builder.segmentId')} error={error}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={condition.segmentId > 0 ? String(condition.segmentId) : ''}
            disabled={disabled}
            onChange={(event) => onChange({ ...condition, segmentId: Number(event.target.value) || 0 })}
          >
            <option value="">{t('segments.builder.chooseSegment')}</option>
            {condition.segmentId > 0 && !segments.some((segment) => segment.id === condition.segmentId) && (
              <option value={condition.segmentId}>#{condition.segmentId}</option>
            )}
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
