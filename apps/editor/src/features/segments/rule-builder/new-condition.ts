import type { Condition, ConditionType, RuleGroup, SegmentCatalogue } from '@kizuna/segments';
import { comparison, initialComparison } from './comparison';

/** The condition types in the order the "add condition" menu lists them: the most used first. */
export const CONDITION_TYPES: readonly ConditionType[] = [
  'attribute',
  'purchase',
  'metric',
  'score',
  'consent',
  'identity',
  'preference',
  'event',
  'segment',
];

/**
 * A new condition of a type, with a field chosen and a value where a sensible one exists. Text the
 * marketer must type (an event name, a series) starts empty, and validation asks for it in place.
 */
export function newCondition(type: ConditionType, catalogue: SegmentCatalogue): Condition {
  const { conditions } = catalogue;
  switch (type) {
    case 'attribute': {
      const field =
        conditions.attribute.fields.find((candidate) => candidate.name === 'prefecture') ??
        conditions.attribute.fields[0];
      return { type, field: field.name, ...initialComparison(field) };
    }
    case 'identity':
      return { type, operator: conditions.identity.operators[0], kind: conditions.identity.kinds[0] };
    case 'consent':
      return {
        type,
        channel: conditions.consent.channels[0],
        operator: conditions.consent.operators[0],
        status: conditions.consent.statuses[0],
      };
    case 'purchase': {
      const measure = conditions.purchase.measures[0];
      return { type, measure: measure.name, ...comparison('gte', 1) };
    }
    case 'metric': {
      const field =
        conditions.metric.fields.find((candidate) => candidate.name === 'rfm_rank') ?? conditions.metric.fields[0];
      return { type, field: field.name, ...initialComparison(field) };
    }
    case 'preference':
      return { type, dimension: conditions.preference.dimensions[0], name: '', ...comparison('gte', 0.5) };
    case 'score':
      return { type, model: 'p_alive', ...comparison('gte', 0.5) };
    case 'event':
      return { type, name: '' };
    case 'segment':
      return { type, operator: conditions.segment.operators[0], segmentId: 0 };
  }
}

export function newGroup(catalogue: SegmentCatalogue, combinator: RuleGroup['combinator'] = 'or'): RuleGroup {
  return { type: 'group', combinator, rules: [newCondition('attribute', catalogue)] };
}
