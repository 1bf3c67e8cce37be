import type { ParseKeys } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Labels for what the catalogue names at run time: field label keys (`segments.metric.rfm_rank`),
 * operators and closed values. Keys come from data, so they cannot be checked by the compiler; a key
 * missing from the dictionaries falls back to the catalogue's own name instead of showing the key.
 */
export interface RuleLabels {
  text: (key: string, fallback: string) => string;
  operator: (operator: string) => string;
  /** A closed value, e.g. `enumValue('rfm_rank', 'loyal')` → 優良. */
  enumValue: (group: string, value: string) => string;
}

export function useRuleLabels(): RuleLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const text = (key: string, fallback: string) => (i18n.exists(key) ? t(key as ParseKeys) : fallback);
    return {
      text,
      operator: (operator) => text(`segments.operators.${operator}`, operator),
      enumValue: (group, value) => text(`segments.enumValues.${group}.${value}`, value),
    };
    // The language is a dependency: the same `t` answers in the new language after a switch.
  }, [t, i18n, language]);
}
