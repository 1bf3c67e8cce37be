import { segmentRuleSchema } from '@kizuna/segments';
import { z } from 'zod';

/** The graph format's version: stored with every journey so the engine can read old ones. */
export const JOURNEY_GRAPH_VERSION = 1;

export const TRIGGER_NODE_TYPES = [
  'trigger.segment-entry',
  'trigger.segment-exit',
  'trigger.event',
  'trigger.schedule',
  'trigger.date-relative',
] as const;
export const STEP_NODE_TYPES = [
  'wait',
  'wait-for-event',
  'branch',
  'split',
  'holdout',
  'send',
  'update',
  'goal',
  'exit',
] as const;
export const NODE_TYPES = [...TRIGGER_NODE_TYPES, ...STEP_NODE_TYPES] as const;
export type TriggerNodeType = (typeof TRIGGER_NODE_TYPES)[number];
export type NodeType = (typeof NODE_TYPES)[number];

export const CHANNELS = ['email', 'line', 'sms', 'dm'] as const;
export type Channel = (typeof CHANNELS)[number];
/** "best": the engine picks among consented channels (by response propensity once scored). */
export const SEND_CHANNELS = [...CHANNELS, 'best'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

const nodeId = z
  .string()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, "-" and "_"');

// ---------------------------------------------------------------------------------------------
// Building blocks shared by several node types

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export const durationSchema = z
  .object({
    amount: z.number().int('must be a whole number').positive('must be more than 0').max(100_000),
    unit: z.enum(DURATION_UNITS),
  })
  .strict();
export type Duration = z.infer<typeof durationSchema>;

export const PROPERTY_OPERATORS = ['eq', 'neq', 'in', 'contains', 'gte', 'lte', 'exists'] as const;
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];
/**
 * A condition on an event's properties. `property` is a dot path into the properties; for arrays
 * (an order's lines), a condition holds when any element matches: `lines.sku eq TRIAL-01`.
 */
export const propertyFilterSchema = z
  .object({
    property: z.string().min(1, 'is required').max(200),
    operator: z.enum(PROPERTY_OPERATORS),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
  })
  .strict()
  .superRefine((filter, ctx) => {
    if (filter.operator === 'exists') return;
    if (filter.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required' });
    if (filter.operator === 'in' && !Array.isArray(filter.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a list for "in"' });
    }
    if ((filter.operator === 'gte' || filter.operator === 'lte') && typeof filter.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a number for "${filter.operator}"` });
    }
  });
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

const eventMatchSchema = z
  .object({
    eventName: z.string().min(1, 'is required').max(200),
    filters: z.array(propertyFilterSchema).max(20).default([]),
  })
  .strict();
export type EventMatch = z.infer<typeof eventMatchSchema>;

const segmentId = z.number().int('must be a segment id').positive('must be a segment id');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');
const exitLabel = z.string().max(80).optional();

// ---------------------------------------------------------------------------------------------
// Per-type configuration

export const nodeConfigSchemas = {
  'trigger.segment-entry': z.object({ segmentId }).strict(),
  'trigger.segment-exit': z.object({ segmentId }).strict(),
  'trigger.event': eventMatchSchema,
  /** Enrols the segment's members at each tick of the cron expression (in `timezone`). */
  'trigger.schedule': z
    .object({ cron: z.string().min(1, 'is required'), timezone: z.string().optional(), segmentId })
    .strict(),
  /**
   * N days before (negative) or after a date: a date attribute of the customer (birth date,
   * registration, or a custom date attribute; `yearly` for birthdays and anniversaries), or an
   * event's time (3 days after the trial set was delivered).
   */
  'trigger.date-relative': z
    .discriminatedUnion('source', [
      z
        .object({
          source: z.literal('attribute'),
          attribute: z.string().min(1, 'is required'),
          yearly: z.boolean().default(false),
          offsetDays: z.number().int().min(-366).max(366),
          timeOfDay: timeOfDay.default('10:00'),
        })
        .strict(),
      z
        .object({
          source: z.literal('event'),
          eventName: z.string().min(1, 'is required'),
          filters: z.array(propertyFilterSchema).max(20).default([]),
          offsetDays: z.number().int().min(-366).max(366),
          timeOfDay: timeOfDay.optional(),
        })
        .strict(),
    ])
    .superRefine((config, ctx) => {
      if (config.source === 'event' && config.offsetDays < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['offsetDays'],
          message: 'must be 0 or more for an event: a journey cannot start before the event happened',
        });
      }
    }),
  /** Wait a duration, or until the next given weekday(s) and time of day (workspace timezone). */
  wait: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('duration'), duration: durationSchema }).strict(),
    z
      .object({
        mode: z.literal('until'),
        /** 0 = Sunday ... 6 = Saturday; empty or absent: any day. */
        weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
        time: timeOfDay,
      })
      .strict(),
  ]),
  /** Exits: "happened" when the event comes while waiting, "timeout" when it does not. */
  'wait-for-event': eventMatchSchema.extend({ timeout: durationSchema }).strict(),
  /** Ordered conditions, evaluated for the customer now; the first that holds wins, else "else". */
  branch: z
    .object({
      conditions: z
        .array(
          z.object({ id: nodeId, label: exitLabel, rule: segmentRuleSchema }).strict(),
          'must be a list of conditions',
        )
        .min(1, 'needs at least one condition')
        .max(10),
    })
    .strict(),
  /** Random split by weight (percent); deterministic per customer, so a re-run takes the same arm. */
  split: z
    .object({
      arms: z
        .array(z.object({ id: nodeId, label: exitLabel, weight: z.number().min(0).max(100) }).strict())
        .min(2, 'needs at least two arms')
        .max(10),
    })
    .strict(),
  /** A control group of `controlShare` percent, fixed per customer and journey. Exits: treatment, control. */
  holdout: z.object({ controlShare: z.number().min(1).max(50) }).strict(),
  send: z
    .object({
      channel: z.enum(SEND_CHANNELS),
      templateId: z.string().max(200).optional(),
      /** For "best": the channels to choose from, in order of preference when no score decides. */
      channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    })
    .strict(),
  update: z.discriminatedUnion('action', [
    z
      .object({
        action: z.literal('set-attribute'),
        attribute: z.string().min(1, 'is required').max(100),
        value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
      })
      .strict(),
    z.object({ action: z.literal('add-tag'), tag: z.string().min(1, 'is required').max(100) }).strict(),
    z.object({ action: z.literal('remove-tag'), tag: z.string().min(1, 'is required').max(100) }).strict(),
    z
      .object({
        action: z.literal('adjust-score'),
        score: z.string().min(1, 'is required').max(100),
        by: z.number(),
      })
      .strict(),
  ]),
  /**
   * A conversion: an event (with filters) or a purchase, within `withinDays` of entering the
   * journey. A customer who converts anywhere in the journey exits as converted; one who reaches
   * this node first waits here until they convert or the window closes.
   */
  goal: z
    .object({
      name: z.string().min(1, 'is required').max(100),
      conversion: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('purchase'), minAmount: z.number().int().min(0).optional() }).strict(),
        eventMatchSchema.extend({ kind: z.literal('event') }).strict(),
      ]),
      withinDays: z.number().int().min(1).max(365),
    })
    .strict(),
  exit: z.object({}).strict(),
} satisfies Record<NodeType, z.ZodType>;

export type NodeConfig<T extends NodeType> = z.infer<(typeof nodeConfigSchemas)[T]>;
export type GoalConversion = NodeConfig<'goal'>['conversion'];

// ---------------------------------------------------------------------------------------------
// The graph

/**
 * A node as stored: its config is checked per type by `validateJourney`, not here, so a draft
 * that is still being drawn (a send without a template yet) can be saved and shown with its issues.
 */
export const journeyNodeSchema = z
  .object({
    id: nodeId,
    type: z.enum(NODE_TYPES),
    label: z.string().max(200).optional(),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type JourneyNode = z.infer<typeof journeyNodeSchema>;

/** An edge from a node's exit (`sourceHandle`: "happened", a branch condition id, "else"...). */
export const journeyEdgeSchema = z
  .object({
    id: z.string().min(1).max(130),
    source: nodeId,
    sourceHandle: z.string().max(64).optional(),
    target: nodeId,
  })
  .strict();
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;

export const REENTRY_MODES = ['once', 'one-at-a-time', 'after-cooldown'] as const;
export const reentrySchema = z
  .object({
    mode: z.enum(REENTRY_MODES).default('one-at-a-time'),
    cooldownDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type Reentry = z.infer<typeof reentrySchema>;

export const journeyGraphSchema = z
  .object({
    version: z.literal(JOURNEY_GRAPH_VERSION, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `unsupported version ${JSON.stringify(issue.input)} (this engine reads version ${JOURNEY_GRAPH_VERSION})`,
    }),
    reentry: reentrySchema.default({ mode: 'one-at-a-time' }),
    nodes: z.array(journeyNodeSchema).max(500, 'a journey may have at most 500 nodes'),
    edges: z.array(journeyEdgeSchema).max(2000, 'a journey may have at most 2000 edges'),
  })
  .strict();
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;
export type JourneyGraphInput = z.input<typeof journeyGraphSchema>;

/**
 * A segment a template needs. Template graphs refer to it by `ref` in place of a segment id; using
 * the template finds the workspace's segment of that name, or creates it from `definition`.
 */
export const templateSegmentSchema = z
  .object({
    ref: z.number().int().positive(),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).default(''),
    definition: segmentRuleSchema,
  })
  .strict();
export type TemplateSegment = z.infer<typeof templateSegmentSchema>;

/** A scenario template in scenarios/: a named graph with a description for the template picker. */
export const journeyTemplateSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/, 'must be kebab-case'),
    name: z.string().min(1),
    nameJa: z.string().min(1),
    description: z.string().min(1),
    descriptionJa: z.string().min(1),
    segments: z.array(templateSegmentSchema).default([]),
    graph: journeyGraphSchema,
  })
  .strict();
export type JourneyTemplate = z.infer<typeof journeyTemplateSchema>;
