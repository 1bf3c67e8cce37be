import { AnalysisGroupSchema } from '@kizuna/segments';
import { z } from 'zod';

const name = z.string().trim().min(1).max(200);
const description = z.string().max(2_000);
/** Cron in the workspace's timezone, or null for no schedule (on demand and on data changes only). */
const refreshCron = z
  .string()
  .max(100)
  .nullable()
  .describe('5-field cron in the workspace timezone; null: no schedule');

export const CreateSegmentBodySchema = z
  .object({
    name,
    description: description.default(''),
    /** The rule language of libs/segments (validated separately, to report every issue at its path). */
    definition: z.unknown(),
    refreshCron: refreshCron.optional(),
  })
  .strict();
export type CreateSegmentBody = z.infer<typeof CreateSegmentBodySchema>;

export const UpdateSegmentBodySchema = z
  .object({
    name: name.optional(),
    description: description.optional(),
    definition: z.unknown().optional(),
    refreshCron: refreshCron.optional(),
  })
  .strict();
export type UpdateSegmentBody = z.infer<typeof UpdateSegmentBodySchema>;

export const PreviewSegmentBodySchema = z
  .object({
    definition: z.unknown(),
    sampleSize: z.number().int().min(0).max(100).default(20),
    referenceTime: z.iso.datetime({ offset: true }).optional().describe('evaluate as of this instant (default: now)'),
  })
  .strict();
export type PreviewSegmentBody = z.infer<typeof PreviewSegmentBodySchema>;

export const SegmentFromAnalysisBodySchema = z
  .object({
    group: AnalysisGroupSchema,
    name: name.optional().describe('default: the group as the analysis labels it, e.g. "RFM 優良"'),
    description: description.optional(),
    refreshCron: refreshCron.optional(),
  })
  .strict();
export type SegmentFromAnalysisBody = z.infer<typeof SegmentFromAnalysisBodySchema>;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  after: z.coerce.number().int().min(0).default(0).describe('the last id of the previous page'),
});
