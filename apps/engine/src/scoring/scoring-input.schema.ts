import { z } from 'zod';
import { ScoreModelNameSchema } from './score-models';

export const FitParamsSchema = z.object({ model: ScoreModelNameSchema });

export const FitBodySchema = z
  .object({
    /** true: queue the fit and answer 202 at once (large workspaces); default: fit now and answer with it. */
    queue: z.boolean().default(false),
  })
  .strict()
  .default({ queue: false });
export type FitBody = z.infer<typeof FitBodySchema>;

export const ModelsQuerySchema = z.object({
  model: ScoreModelNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ModelsQuery = z.infer<typeof ModelsQuerySchema>;

export const CustomerParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const AffinityQuerySchema = z.object({
  level: z.enum(['series', 'product']).default('series'),
  /** Only the pairs from this series (or SKU): "customers who bought it also bought...". */
  item: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
export type AffinityQuery = z.infer<typeof AffinityQuerySchema>;

/** A scoring job as queued: validated again when it is taken from the queue. */
export const ScoringJobSchema = z.object({
  workspaceId: z.number().int().positive(),
  model: ScoreModelNameSchema,
  requestedAt: z.iso.datetime({ offset: true }),
  reason: z.string(),
});

export const PatternsBodySchema = z
  .object({
    /** The KPI: a second order within N days of the first (binary), or spend over the last N days. */
    kpi: z.discriminatedUnion('kind', [
      z
        .object({ kind: z.literal('second_purchase'), withinDays: z.number().int().min(1).max(730).default(60) })
        .strict(),
      z.object({ kind: z.literal('spend'), windowDays: z.number().int().min(1).max(1_825).default(365) }).strict(),
    ]),
    maxConditions: z.union([z.literal(1), z.literal(2)]).default(2),
    minSupport: z.number().gt(0).lt(1).default(0.02),
    minCustomers: z.number().int().min(1).default(30),
    alpha: z.number().gt(0).lt(1).default(0.05),
    limit: z.number().int().min(1).max(200).default(20),
  })
  .strict();
export type PatternsBody = z.infer<typeof PatternsBodySchema>;
