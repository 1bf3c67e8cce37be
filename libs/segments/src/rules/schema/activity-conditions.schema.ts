import { z } from 'zod';
import { SALES_CHANNELS } from '../catalogue/choices';
import { findField } from '../catalogue/field-definition';
import { EVENT_COUNT, PURCHASE_MEASURES } from '../catalogue/measures';
import { checkComparison, comparisonFields, fieldSubject } from './comparison-check';
import { SEGMENT_RULE_LIMITS } from './limits';
import { PROPERTY_NUMBER_OPERATORS, PROPERTY_TEXT_OPERATORS } from './operators';
import { expecting, ruleText, ruleTextList, timeWindow } from './values.schema';

/** Which order lines a purchase measure counts; every list matches any of its values. */
export const purchaseFilterSchema = z
  .object({
    products: ruleTextList(ruleText).optional(),
    series: ruleTextList(ruleText).optional(),
    categories: ruleTextList(ruleText).optional(),
    tags: ruleTextList(ruleText).optional(),
    channel: z.enum(SALES_CHANNELS).optional(),
    trial: z.boolean({ error: expecting('must be true or false') }).optional(),
  })
  .strict();
export type PurchaseFilter = z.infer<typeof purchaseFilterSchema>;

/** A measure of the customer's purchases, e.g. count >= 2 of series うるおい in the last 90 days. */
export const purchaseConditionSchema = z
  .object({
    type: z.literal('purchase'),
    measure: z.enum(PURCHASE_MEASURES.map((measure) => measure.name)),
    ...comparisonFields,
    window: timeWindow.optional(),
    filter: purchaseFilterSchema.optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const measure = findField(PURCHASE_MEASURES, condition.measure);
    if (measure) checkComparison(ctx, fieldSubject(measure), condition);
  });
export type PurchaseCondition = z.infer<typeof purchaseConditionSchema>;

const propertyNumber = z.number({ error: expecting('must be a number') });

/** A filter on `event.properties`: text equality and substring, or numeric order. */
export const propertyFilterSchema = z.discriminatedUnion('operator', [
  z.object({ key: ruleText, operator: z.enum(PROPERTY_TEXT_OPERATORS), value: ruleText }).strict(),
  z.object({ key: ruleText, operator: z.enum(PROPERTY_NUMBER_OPERATORS), value: propertyNumber }).strict(),
]);
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** Performed event `name` (at least once, or `count` times) within an optional window. */
export const eventConditionSchema = z
  .object({
    type: z.literal('event'),
    name: ruleText,
    count: z.object(comparisonFields).strict().optional(),
    window: timeWindow.optional(),
    properties: z
      .array(propertyFilterSchema, { error: expecting('must be a list') })
      .max(SEGMENT_RULE_LIMITS.maxPropertyFilters, {
        error: `takes at most ${SEGMENT_RULE_LIMITS.maxPropertyFilters} property filters`,
      })
      .optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    if (condition.count) checkComparison(ctx, fieldSubject(EVENT_COUNT), condition.count, ['count']);
  });
export type EventCondition = z.infer<typeof eventConditionSchema>;
