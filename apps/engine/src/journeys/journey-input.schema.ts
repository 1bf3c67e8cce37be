import { z } from 'zod';

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

export const CreateJourneyBodySchema = z
  .object({
    name,
    description: z.string().max(2_000).optional(),
    /** The draft graph (libs/journey format); may be incomplete: it is validated when published. */
    graph: z.unknown().optional(),
    /** Start from a scenario template (scenarios/<key>.json) instead of a graph. */
    template: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a template key')
      .optional(),
  })
  .strict()
  .refine((body) => !(body.graph !== undefined && body.template !== undefined), {
    message: 'give either a graph or a template, not both',
    path: ['template'],
  });
export type CreateJourneyBody = z.infer<typeof CreateJourneyBodySchema>;

export const UpdateJourneyBodySchema = z
  .object({ name: name.optional(), description: z.string().max(2_000).optional(), graph: z.unknown().optional() })
  .strict();
export type UpdateJourneyBody = z.infer<typeof UpdateJourneyBodySchema>;

export const ValidateJourneyBodySchema = z.object({ graph: z.unknown().optional() }).strict().default({});

export const MigrateJourneyBodySchema = z
  .object({
    fromVersion: z.number().int().positive().optional(),
    /** Old node id -> node id in the current version, for nodes that were renamed. */
    nodeMap: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .default({});
export type MigrateJourneyBody = z.infer<typeof MigrateJourneyBodySchema>;

export const EnrollmentListQuerySchema = z.object({
  state: z.enum(['active', 'completed', 'converted', 'goal-missed', 'exited']).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
