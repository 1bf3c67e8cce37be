import { z } from 'zod';
import { PREFERENCE_DIMENSIONS } from '../catalogue/choices';
import { findField } from '../catalogue/field-definition';
import { PREFERENCE_MEASURES, SCORE_VALUE } from '../catalogue/measures';
import { METRIC_FIELDS } from '../catalogue/metric-fields';
import { checkComparison, comparisonFields, fieldSubject } from './comparison-check';
import { expecting, ruleText } from './values.schema';

/** Fields that also exist per product category (the top categories by sales). */
export const PER_CATEGORY_METRIC_FIELDS: readonly string[] = ['stable_segment'];

/**
 * A figure of the last analytics refresh (RFM, RF cell, decile, rank-down...); with `category`,
 * the customer's stable segment within that product category.
 */
export const metricConditionSchema = z
  .object({
    type: z.literal('metric'),
    field: z.string({ error: expecting('must be text') }),
    category: ruleText.optional(),
    ...comparisonFields,
  })
  .strict()
  .superRefine((condition, ctx) => {
    const field = findField(METRIC_FIELDS, condition.field);
    if (!field) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `unknown field ${JSON.stringify(condition.field)}` });
      return;
    }
    if (condition.category !== undefined && !PER_CATEGORY_METRIC_FIELDS.includes(condition.field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `only ${PER_CATEGORY_METRIC_FIELDS.join(', ')} exists per category`,
      });
    }
    checkComparison(ctx, fieldSubject(field), condition);
  });
export type MetricCondition = z.infer<typeof metricConditionSchema>;

/** Spend on a product tag or series: its share of the customer's spend (default) or yen. */
export const preferenceConditionSchema = z
  .object({
    type: z.literal('preference'),
    dimension: z.enum(PREFERENCE_DIMENSIONS),
    name: ruleText,
    measure: z.enum(PREFERENCE_MEASURES.map((measure) => measure.name)).optional(),
    ...comparisonFields,
  })
  .strict()
  .superRefine((condition, ctx) => {
    const measure = findField(PREFERENCE_MEASURES, condition.measure ?? 'share');
    if (measure) checkComparison(ctx, fieldSubject(measure), condition);
  });
export type PreferenceCondition = z.infer<typeof preferenceConditionSchema>;

/** The latest score of a model (p_alive, propensity_email...) for the customer. */
export const scoreConditionSchema = z
  .object({ type: z.literal('score'), model: ruleText, ...comparisonFields })
  .strict()
  .superRefine((condition, ctx) => checkComparison(ctx, fieldSubject(SCORE_VALUE), condition));
export type ScoreCondition = z.infer<typeof scoreConditionSchema>;
