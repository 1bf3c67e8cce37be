import { z } from 'zod';
import { GROUP_COMBINATORS, type GroupCombinator } from '../catalogue/choices';
import { eventConditionSchema, purchaseConditionSchema } from './activity-conditions.schema';
import { metricConditionSchema, preferenceConditionSchema, scoreConditionSchema } from './analytics-conditions.schema';
import {
  attributeConditionSchema,
  consentConditionSchema,
  identityConditionSchema,
  segmentConditionSchema,
} from './profile-conditions.schema';
import { discriminatorValue } from './issue-messages';
import { expecting } from './values.schema';

export const SEGMENT_RULE_VERSION = 1;

const conditionSchemas = [
  attributeConditionSchema,
  identityConditionSchema,
  consentConditionSchema,
  purchaseConditionSchema,
  metricConditionSchema,
  preferenceConditionSchema,
  scoreConditionSchema,
  eventConditionSchema,
  segmentConditionSchema,
] as const;

export type Condition = z.infer<(typeof conditionSchemas)[number]>;
export type ConditionType = Condition['type'];

/** AND / OR over rules; `negate` makes it NOT (AND ...) / NOT (OR ...). */
export interface RuleGroup {
  type: 'group';
  combinator: GroupCombinator;
  negate?: boolean;
  rules: Rule[];
}
export type Rule = RuleGroup | Condition;

const RULE_TYPES = ['group', ...conditionSchemas.map((schema) => schema.shape.type.value)];

export const ruleGroupSchema = z
  .object({
    type: z.literal('group'),
    combinator: z.enum(GROUP_COMBINATORS),
    negate: z.boolean({ error: expecting('must be true or false') }).optional(),
    rules: z.array(
      z.lazy(() => ruleSchema),
      { error: expecting('must be a list of rules') },
    ),
  })
  .strict()
  .superRefine((group, ctx) => {
    if (group.rules.length === 0) ctx.addIssue({ code: 'custom', message: 'a group needs at least one rule' });
  });

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('type', [ruleGroupSchema, ...conditionSchemas], {
    error: (issue) => {
      const type = discriminatorValue(issue.input, 'type');
      if (typeof issue.input !== 'object' || issue.input === null) return 'must be a rule (an object)';
      return type === undefined
        ? 'is required'
        : `unknown rule type ${JSON.stringify(type)} (expected one of: ${RULE_TYPES.join(', ')})`;
    },
  }),
);

/** A segment's definition as stored in `segment.definition`: versioned so the language can evolve. */
export const segmentRuleSchema = z
  .object({
    version: z.literal(SEGMENT_RULE_VERSION, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `unsupported version ${JSON.stringify(issue.input)} (this engine reads version ${SEGMENT_RULE_VERSION})`,
    }),
    root: ruleGroupSchema,
  })
  .strict();
export type SegmentRule = z.infer<typeof segmentRuleSchema>;
