import { SEGMENT_RULE_LIMITS } from '../schema/limits';
import {
  CUSTOM_ATTRIBUTE_OPERATORS,
  OPERATORS_BY_TYPE,
  PROPERTY_NUMBER_OPERATORS,
  PROPERTY_TEXT_OPERATORS,
} from '../schema/operators';
import {
  CONSENT_CHANNELS,
  CONSENT_OPERATORS,
  CONSENT_STATES,
  GROUP_COMBINATORS,
  IDENTITY_KINDS,
  IDENTITY_OPERATORS,
  MEMBERSHIP_OPERATORS,
  PREFERENCE_DIMENSIONS,
  SALES_CHANNELS,
} from './choices';
import { CUSTOMER_FIELDS, CUSTOM_ATTRIBUTE_PREFIX } from './customer-fields';
import { EVENT_COUNT, PREFERENCE_MEASURES, PURCHASE_MEASURES, SCORE_VALUE } from './measures';
import { METRIC_FIELDS } from './metric-fields';

/**
 * Everything the editor's rule builder renders from: per condition type its fields (name, type,
 * label key, operators, enum values, numeric bounds) and its closed choices. Plain data, so it can
 * also be served as JSON. Label keys resolve in the UI dictionaries (`segments.<condition>.<name>`).
 */
export const SEGMENT_CATALOGUE = {
  version: 1,
  combinators: GROUP_COMBINATORS,
  operatorsByType: OPERATORS_BY_TYPE,
  limits: SEGMENT_RULE_LIMITS,
  conditions: {
    attribute: {
      labelKey: 'segments.attribute',
      fields: CUSTOMER_FIELDS,
      customAttribute: {
        prefix: CUSTOM_ATTRIBUTE_PREFIX,
        labelKey: 'segments.attribute.custom',
        operators: CUSTOM_ATTRIBUTE_OPERATORS,
      },
    },
    identity: { labelKey: 'segments.identity', operators: IDENTITY_OPERATORS, kinds: IDENTITY_KINDS },
    consent: {
      labelKey: 'segments.consent',
      operators: CONSENT_OPERATORS,
      channels: CONSENT_CHANNELS,
      statuses: CONSENT_STATES,
    },
    purchase: {
      labelKey: 'segments.purchase',
      measures: PURCHASE_MEASURES,
      filters: {
        products: 'text[]',
        series: 'text[]',
        categories: 'text[]',
        tags: 'text[]',
        channel: SALES_CHANNELS,
        trial: 'boolean',
      },
    },
    metric: { labelKey: 'segments.metric', fields: METRIC_FIELDS },
    preference: {
      labelKey: 'segments.preference',
      dimensions: PREFERENCE_DIMENSIONS,
      measures: PREFERENCE_MEASURES,
    },
    score: { labelKey: 'segments.score', value: SCORE_VALUE },
    event: {
      labelKey: 'segments.event',
      count: EVENT_COUNT,
      propertyOperators: { text: PROPERTY_TEXT_OPERATORS, number: PROPERTY_NUMBER_OPERATORS },
    },
    segment: { labelKey: 'segments.segment', operators: MEMBERSHIP_OPERATORS },
  },
} as const;

export type SegmentCatalogue = typeof SEGMENT_CATALOGUE;
