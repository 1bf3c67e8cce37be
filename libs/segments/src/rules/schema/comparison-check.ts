import { z } from 'zod';
import type { FieldDefinition } from '../catalogue/field-definition';
import {
  booleanComparisonSchema,
  customAttributeComparisonSchema,
  dateComparisonSchema,
  enumComparisonSchema,
  numberComparisonSchema,
  textComparisonSchema,
} from './comparison.schema';
import { ruleErrorMap } from './issue-messages';
import {
  COMPARISON_OPERATORS,
  CUSTOM_ATTRIBUTE_OPERATORS,
  FIELD_TYPE_WORDS,
  type ComparisonOperator,
} from './operators';
import { ruleValue, type RuleValue } from './values.schema';

/** A condition's `{ operator, value }` as stored, before its field says what they must be. */
export interface RawComparison {
  operator: ComparisonOperator;
  value?: RuleValue;
}

/** What a comparison is made against: which operators apply and what their values must be. */
export interface ComparisonSubject {
  description: string;
  operators: readonly ComparisonOperator[];
  schema: z.ZodType;
}

export function fieldComparisonSchema(field: FieldDefinition): z.ZodType {
  switch (field.type) {
    case 'string':
      return textComparisonSchema();
    case 'enum':
      return enumComparisonSchema(field.values ?? []);
    case 'number':
      return numberComparisonSchema(field.bounds);
    case 'date':
      return dateComparisonSchema;
    case 'boolean':
      return booleanComparisonSchema;
  }
}

const subjects = new WeakMap<FieldDefinition, ComparisonSubject>();

export function fieldSubject(field: FieldDefinition): ComparisonSubject {
  let subject = subjects.get(field);
  if (!subject) {
    subject = {
      description: `${FIELD_TYPE_WORDS[field.type]} field "${field.name}"`,
      operators: field.operators,
      schema: fieldComparisonSchema(field),
    };
    subjects.set(field, subject);
  }
  return subject;
}

export function customAttributeSubject(field: string): ComparisonSubject {
  return {
    description: `custom attribute "${field}"`,
    operators: CUSTOM_ATTRIBUTE_OPERATORS,
    schema: customAttributeComparisonSchema,
  };
}

/** Adds an issue per problem of `comparison` against `subject`, under `at` (the comparison's path). */
export function checkComparison(
  ctx: z.RefinementCtx,
  subject: ComparisonSubject,
  comparison: RawComparison,
  at: readonly PropertyKey[] = [],
): void {
  const { operator, value } = comparison;
  if (!subject.operators.includes(operator)) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'operator'],
      message: `operator "${operator}" does not apply to ${subject.description}`,
    });
    return;
  }
  const parsed = subject.schema.safeParse({ operator, value }, { error: ruleErrorMap });
  for (const issue of parsed.error?.issues ?? []) {
    ctx.addIssue({ code: 'custom', path: [...at, ...issue.path], message: issue.message });
  }
}

/** The `operator` and `value` keys of a condition; their meaning is checked against the field. */
export const comparisonFields = {
  operator: z.enum(COMPARISON_OPERATORS, {
    error: (issue) => (issue.input === undefined ? 'is required' : `unknown operator ${JSON.stringify(issue.input)}`),
  }),
  value: ruleValue.optional(),
};
