import type { SegmentCatalogue, SegmentRule } from '@kizuna/segments';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleLabels } from './rule-labels';
import { summariseRule, type RuleSummaryWords } from './rule-summary';

/** Summarises rules in the UI language, field names from the catalogue's label keys. */
export function useRuleSummary(catalogue: SegmentCatalogue, segmentNames: ReadonlyMap<number, string> = new Map()) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  return useMemo(() => {
    const { attribute, metric, purchase, preference, event } = catalogue.conditions;
    const fieldsOf = {
      attribute: attribute.fields,
      metric: metric.fields,
      purchase: purchase.measures,
      preference: preference.measures,
      event: [event.count],
    } as const;
    const words: RuleSummaryWords = {
      field: (type, name) => {
        const field = (fieldsOf[type] as readonly { name: string; labelKey: string }[]).find(
          (candidate) => candidate.name === name,
        );
        return field ? labels.text(field.labelKey, name) : name;
      },
      operator: labels.operator,
      value: labels.enumValue,
      conditionType: (type) => t(`segments.conditionTypes.${type}`),
      lastDays: (days) => t('segments.summary.lastDays', { days }),
      segment: (id) => segmentNames.get(id) ?? `#${id}`,
    };
    return (rule: SegmentRule) => summariseRule(rule.root, words);
  }, [catalogue, labels, t, segmentNames]);
}
