import type { Condition, ConditionType } from '@kizuna/segments';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { EventConditionFields, PurchaseConditionFields } from './activity-condition-fields';
import { MetricConditionFields, PreferenceConditionFields, ScoreConditionFields } from './analytics-condition-fields';
import { CONDITION_TYPES, newCondition } from './new-condition';
import {
  AttributeConditionFields,
  ConsentConditionFields,
  IdentityConditionFields,
  SegmentConditionFields,
} from './profile-condition-fields';
import { useRuleBuilder } from './rule-builder-context';
import { conditionIssues } from './rule-issues';
import { SelectField } from './select-field';

/** Keys the condition forms show next to their controls; issues at other keys are listed below the form. */
const KEYS_SHOWN_IN_PLACE = [
  'field',
  'operator',
  'value',
  'name',
  'model',
  'window',
  'count',
  'filter',
  'category',
  'segmentId',
  'source',
];

export interface ConditionEditorProps {
  condition: Condition;
  /** 1-based, as the marketer reads it ("condition 2"). */
  number: number;
  issuePath: string;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}

export function ConditionEditor({ condition, number, issuePath, onChange, onRemove }: ConditionEditorProps) {
  const { t } = useTranslation();
  const { catalogue, issues: allIssues, disabled, focusPath, clearFocus } = useRuleBuilder();
  const issues = conditionIssues(allIssues, issuePath);
  const other = issues.filter((issue) => !KEYS_SHOWN_IN_PLACE.includes(issue.path.split('.')[0] ?? ''));
  const ref = useRef<HTMLFieldSetElement>(null);

  // A condition just added takes focus, so a keyboard user continues where the new controls are.
  useEffect(() => {
    if (focusPath !== issuePath) return;
    ref.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
    clearFocus();
  }, [focusPath, issuePath, clearFocus]);

  const legend = t('segments.builder.conditionNumber', { number });
  return (
    <fieldset
      className={issues.length ? 'rule-condition rule-condition--invalid' : 'rule-condition'}
      ref={ref}
      data-rule-path={issuePath}
    >
      <legend className="visually-hidden">{legend}</legend>
      <div className="rule-condition__fields">
        <SelectField<ConditionType>
          label={t('segments.builder.conditionType')}
          value={condition.type}
          options={CONDITION_TYPES}
          optionLabel={(type) => t(`segments.conditionTypes.${type}`)}
          onChange={(type) => {
            if (type !== condition.type) onChange(newCondition(type, catalogue));
          }}
          disabled={disabled}
        />
        <ConditionFields condition={condition} onChange={onChange} issues={issues} />
      </div>
      <Button
        variant="ghost"
        className="rule-condition__remove"
        onClick={onRemove}
        disabled={disabled}
        aria-label={t('segments.builder.removeCondition', { number })}
        title={t('segments.builder.removeCondition', { number })}
      >
        <span aria-hidden="true">×</span>
      </Button>
      {other.length > 0 && (
        <ul className="rule-condition__issues">
          {other.map((issue) => (
            <li key={`${issue.path}-${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function ConditionFields({
  condition,
  onChange,
  issues,
}: {
  condition: Condition;
  onChange: (condition: Condition) => void;
  issues: ReturnType<typeof conditionIssues>;
}) {
  switch (condition.type) {
    case 'attribute':
      return <AttributeConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'identity':
      return <IdentityConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'consent':
      return <ConsentConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'purchase':
      return <PurchaseConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'metric':
      return <MetricConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'preference':
      return <PreferenceConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'score':
      return <ScoreConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'event':
      return <EventConditionFields condition={condition} onChange={onChange} issues={issues} />;
    case 'segment':
      return <SegmentConditionFields condition={condition} onChange={onChange} issues={issues} />;
  }
}
