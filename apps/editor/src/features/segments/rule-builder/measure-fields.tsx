import type { RuleIssue } from '@kizuna/segments';
import { useTranslation } from 'react-i18next';
import { initialComparison, type ComparedField, type Comparison } from './comparison';
import { ComparisonFields } from './comparison-fields';
import { useRuleBuilder } from './rule-builder-context';
import { useRuleLabels } from './rule-labels';
import { SelectField } from './select-field';

export interface Measure<N extends string = string> extends ComparedField {
  name: N;
  labelKey?: string;
}

/**
 * The measure menu of a purchase or preference condition and its comparison: choosing another
 * measure keeps the operator where the new measure allows it and resets the value to its type.
 */
export function MeasureFields<N extends string>({
  measures,
  measure,
  comparison,
  issues,
  onChange,
}: {
  measures: readonly Measure<N>[];
  measure: Measure<N>;
  comparison: Comparison;
  issues: readonly RuleIssue[];
  onChange: (next: Comparison & { measure: N }) => void;
}) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { disabled } = useRuleBuilder();
  return (
    <>
      <SelectField<N>
        label={t('segments.builder.measure')}
        value={measure.name}
        options={measures.map((candidate) => candidate.name)}
        optionLabel={(name) => labels.text(measures.find((candidate) => candidate.name === name)?.labelKey ?? '', name)}
        disabled={disabled}
        onChange={(name) => {
          const next = measures.find((candidate) => candidate.name === name);
          if (next) onChange({ measure: next.name, ...initialComparison(next, comparison.operator) });
        }}
      />
      <ComparisonFields
        field={measure}
        value={comparison}
        issues={issues}
        onChange={(next) => onChange({ measure: measure.name, ...next })}
      />
    </>
  );
}
