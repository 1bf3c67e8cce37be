/**
 * The segment rule builder for other features (journey branch conditions): the component, the
 * catalogue it renders from, an empty rule to start with, and the one-line summary for labels.
 */
export { useSegmentCatalogue } from './catalogue.api';
export type { SegmentOption } from './rule-builder-context';
export { summariseRule, type RuleSummaryWords } from './rule-summary';
export { emptySegmentRule } from './rule-tree';
export { SegmentRuleBuilder, type SegmentRuleBuilderProps } from './segment-rule-builder';
export { useRuleSummary } from './use-rule-summary';
