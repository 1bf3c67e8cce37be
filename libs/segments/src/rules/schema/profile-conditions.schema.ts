import { z } from 'zod';
import {
  CONSENT_CHANNELS,
  CONSENT_OPERATORS,
  CONSENT_STATES,
  IDENTITY_KINDS,
  IDENTITY_OPERATORS,
  MEMBERSHIP_OPERATORS,
} from '../catalogue/choices';
import { CUSTOMER_FIELDS, CUSTOM_ATTRIBUTE_PREFIX } from '../catalogue/customer-fields';
import { findField } from '../catalogue/field-definition';
import { checkComparison, comparisonFields, customAttributeSubject, fieldSubject } from './comparison-check';
import { expecting, ruleText } from './values.schema';

/** A profile field of the customer, or a custom attribute `attributes.<key>`. */
export const attributeConditionSchema = z
  .object({ type: z.literal('attribute'), field: z.string({ error: expecting('must be text') }), ...comparisonFields })
  .strict()
  .superRefine((condition, ctx) => {
    const field = findField(CUSTOMER_FIELDS, condition.field);
    if (field) return checkComparison(ctx, fieldSubject(field), condition);
    if (!condition.field.startsWith(CUSTOM_ATTRIBUTE_PREFIX)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `unknown field ${JSON.stringify(condition.field)}` });
      return;
    }
    const key = ruleText.safeParse(condition.field.slice(CUSTOM_ATTRIBUTE_PREFIX.length));
    if (!key.success) {
      const reason = key.error.issues[0]?.message ?? 'is not a valid key';
      ctx.addIssue({ code: 'custom', path: ['field'], message: `custom attribute key ${reason}` });
      return;
    }
    checkComparison(ctx, customAttributeSubject(condition.field), condition);
  });
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

/** Has (or has not) an identity of a kind; `source` narrows external ids to one system. */
export const identityConditionSchema = z
  .object({
    type: z.literal('identity'),
    operator: z.enum(IDENTITY_OPERATORS),
    kind: z.enum(IDENTITY_KINDS),
    source: ruleText.optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    if (condition.source !== undefined && condition.kind !== 'external') {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'only external identities have a source' });
    }
  });
export type IdentityCondition = z.infer<typeof identityConditionSchema>;

/** The current consent of a channel: the latest recorded decision, `unknown` when there is none. */
export const consentConditionSchema = z
  .object({
    type: z.literal('consent'),
    channel: z.enum(CONSENT_CHANNELS),
    operator: z.enum(CONSENT_OPERATORS),
    status: z.enum(CONSENT_STATES),
  })
  .strict();
export type ConsentCondition = z.infer<typeof consentConditionSchema>;

/** Current membership of another segment of the workspace. */
export const segmentConditionSchema = z
  .object({
    type: z.literal('segment'),
    operator: z.enum(MEMBERSHIP_OPERATORS),
    segmentId: z
      .number({ error: expecting('must be a segment id') })
      .int({ error: 'must be a segment id' })
      .positive({ error: 'must be a segment id' }),
  })
  .strict();
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
