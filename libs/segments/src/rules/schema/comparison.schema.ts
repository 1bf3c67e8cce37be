import { z } from 'zod';
import { calendarDate, dayCount, expecting, ruleText, ruleTextList } from './values.schema';

/**
 * The typed shape of `{ operator, value }` per field type. Validation parses a condition's operator
 * and value with the schema of its field; the compiler parses again to get the typed value (cheap:
 * rules are small), so there is one definition of what each operator takes.
 */
const noValue = z.undefined({ error: 'this operator takes no value' }).optional();

/** `between` takes `[from, to]` with from <= to (inclusive at both ends). */
function orderedPair<T extends string | number>(item: z.ZodType<T>) {
  return z
    .tuple([item, item], { error: expecting('between needs two values [from, to]') })
    .superRefine(([from, to], ctx) => {
      if (from > to) {
        ctx.addIssue({
          code: 'custom',
          message: `between needs two ordered values (got ${JSON.stringify(from)}, then ${JSON.stringify(to)})`,
        });
      }
    });
}

export function textComparisonSchema(item: z.ZodType<string> = ruleText) {
  return z.discriminatedUnion('operator', [
    z.object({ operator: z.enum(['eq', 'neq', 'contains', 'starts_with']), value: item }).strict(),
    z.object({ operator: z.enum(['in', 'not_in']), value: ruleTextList(item) }).strict(),
    z.object({ operator: z.enum(['is_set', 'is_not_set']), value: noValue }).strict(),
  ]);
}
export type TextComparison = z.infer<ReturnType<typeof textComparisonSchema>>;

/** An enum's values: text comparisons whose values must be among the allowed ones. */
export function enumComparisonSchema(values: readonly string[]) {
  const allowed = z.string({ error: expecting('must be text') }).refine((value) => values.includes(value), {
    error: (issue) => `${JSON.stringify(issue.input)} is not one of: ${values.join(', ')}`,
  });
  return textComparisonSchema(allowed);
}

export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

function boundedNumber({ min, max, integer }: NumberBounds): z.ZodType<number> {
  let schema = z.number({ error: expecting('must be a number') });
  if (integer) schema = schema.int({ error: 'must be a whole number' });
  const range =
    min !== undefined && max !== undefined
      ? `must be between ${min} and ${max}`
      : min !== undefined
        ? `must be ${min} or more`
        : `must be ${max} or less`;
  if (min !== undefined) schema = schema.min(min, { error: range });
  if (max !== undefined) schema = schema.max(max, { error: range });
  return schema;
}

export function numberComparisonSchema(bounds: NumberBounds = {}) {
  const item = boundedNumber(bounds);
  return z.discriminatedUnion('operator', [
    z.object({ operator: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']), value: item }).strict(),
    z.object({ operator: z.literal('between'), value: orderedPair(item) }).strict(),
    z.object({ operator: z.enum(['is_set', 'is_not_set']), value: noValue }).strict(),
  ]);
}
export type NumberComparison = z.infer<ReturnType<typeof numberComparisonSchema>>;

export const dateComparisonSchema = z.discriminatedUnion('operator', [
  z.object({ operator: z.enum(['before', 'after', 'on']), value: calendarDate }).strict(),
  z.object({ operator: z.literal('between'), value: orderedPair(calendarDate) }).strict(),
  z.object({ operator: z.enum(['within_last_days', 'more_than_days_ago']), value: dayCount }).strict(),
  z.object({ operator: z.enum(['is_set', 'is_not_set']), value: noValue }).strict(),
]);
export type DateComparison = z.infer<typeof dateComparisonSchema>;

export const booleanComparisonSchema = z.object({ operator: z.enum(['is_true', 'is_false']), value: noValue }).strict();
export type BooleanComparison = z.infer<typeof booleanComparisonSchema>;

/** `attributes.<key>`: text operators compare the JSON value as text, order operators as a number. */
export const customAttributeComparisonSchema = z.discriminatedUnion('operator', [
  ...textComparisonSchema().options,
  z.object({ operator: z.enum(['gt', 'gte', 'lt', 'lte']), value: boundedNumber({}) }).strict(),
  z.object({ operator: z.literal('between'), value: orderedPair(boundedNumber({})) }).strict(),
]);
export type CustomAttributeComparison = z.infer<typeof customAttributeComparisonSchema>;
