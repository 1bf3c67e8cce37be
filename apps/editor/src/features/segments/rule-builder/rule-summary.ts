import type { Condition, Rule, RuleValue } from '@kizuna/segments';

/** The words a summary is made of, in the UI language (the hook `useRuleSummary` supplies them). */
export interface RuleSummaryWords {
  /** A field of a condition type: `field('metric', 'rfm_rank')` → RFM ランク. */
  field: (type: 'attribute' | 'metric' | 'purchase' | 'preference' | 'event', name: string) => string;
  operator: (operator: string) => string;
  /** A closed value: `value('rfm_rank', 'loyal')` → 優良; the value itself when it has no label. */
  value: (group: string, value: string) => string;
  conditionType: (type: Condition['type']) => string;
  lastDays: (days: number) => string;
  segment: (id: number) => string;
}

function valueText(value: RuleValue | undefined, label: (value: string) => string): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    return value.map((item) => label(String(item))).join(', ');
  }
  return label(String(value));
}

function comparisonText(
  words: RuleSummaryWords,
  operator: string,
  value: RuleValue | undefined,
  label: (value: string) => string = (item) => item,
): string {
  const shown =
    operator === 'between' && Array.isArray(value)
      ? `${label(String(value[0]))} – ${label(String(value[1]))}`
      : valueText(value, label);
  return [words.operator(operator), shown].filter(Boolean).join(' ');
}

function conditionText(condition: Condition, words: RuleSummaryWords): string {
  switch (condition.type) {
    case 'attribute':
    case 'metric': {
      const name = words.field(condition.type, condition.field);
      const category = condition.type === 'metric' && condition.category ? ` [${condition.category}]` : '';
      const label = (value: string) => words.value(condition.field, value);
      return `${name}${category} ${comparisonText(words, condition.operator, condition.value, label)}`;
    }
    case 'purchase': {
      const window = condition.window?.lastDays ? ` (${words.lastDays(condition.window.lastDays)})` : '';
      const filters = Object.entries(condition.filter ?? {})
        .map(([key, value]) => (Array.isArray(value) ? `${key}: ${value.join(', ')}` : `${key}: ${String(value)}`))
        .join('; ');
      return `${words.field('purchase', condition.measure)} ${comparisonText(words, condition.operator, condition.value)}${window}${filters ? ` [${filters}]` : ''}`;
    }
    case 'preference':
      return `${words.value('dimension', condition.dimension)} ${condition.name}: ${words.field('preference', condition.measure ?? 'share')} ${comparisonText(words, condition.operator, condition.value)}`;
    case 'score':
      return `${condition.model} ${comparisonText(words, condition.operator, condition.value)}`;
    case 'event': {
      const count = condition.count
        ? ` ${words.field('event', 'count')} ${comparisonText(words, condition.count.operator, condition.count.value)}`
        : '';
      const window = condition.window?.lastDays ? ` (${words.lastDays(condition.window.lastDays)})` : '';
      return `${words.conditionType('event')} ${condition.name}${count}${window}`;
    }
    case 'identity':
      return `${words.value('identity', condition.kind)} ${words.operator(condition.operator)}`;
    case 'consent':
      return `${words.conditionType('consent')} ${words.value('consent', condition.channel)} ${words.operator(condition.operator)} ${words.value('consentState', condition.status)}`;
    case 'segment':
      return `${words.segment(condition.segmentId)} ${words.operator(condition.operator)}`;
  }
}

/**
 * A rule in one line of the marketer's words: `購入金額（円） 以上 3000 AND (都道府県 等しい 東京都 OR
 * 都道府県 等しい 大阪府)`. Nested groups are parenthesised, NOT groups prefixed; for lists, labels
 * and journey branch edges, where the builder is too big.
 */
export function summariseRule(rule: Rule, words: RuleSummaryWords, nested = false): string {
  if (rule.type !== 'group') return conditionText(rule, words);
  const joiner = rule.combinator === 'and' ? ' AND ' : ' OR ';
  const inner = rule.rules.map((child) => summariseRule(child, words, true)).join(joiner);
  const grouped = nested && rule.rules.length > 1 ? `(${inner})` : inner;
  return rule.negate ? `NOT (${inner})` : grouped;
}
