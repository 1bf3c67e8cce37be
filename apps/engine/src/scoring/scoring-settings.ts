import { parseCronSchedule } from '@kizuna/shared';
import { z } from 'zod';

/** Responses that count as answering a send (see docs/adr/0012-scoring-jobs.md for why not opens). */
export const ANSWER_KINDS = ['clicked', 'replied', 'postback', 'converted'] as const;

const cron = z
  .string()
  .nullable()
  .superRefine((value, ctx) => {
    const schedule = value === null ? undefined : parseCronSchedule(value, 'UTC');
    if (schedule && !schedule.ok) ctx.addIssue({ code: 'custom', message: schedule.reason });
  });

export const ScoringSettingsSchema = z
  .object({
    /**
     * Refit every model on this cron (workspace timezone); the default runs after the nightly
     * analytics refresh (03:00), whose RFM scores the propensity models read. null: on request only.
     */
    schedule: z
      .object({ cron: cron.default('0 4 * * *') })
      .strict()
      .default({ cron: '0 4 * * *' }),
    propensity: z
      .object({
        /** A send is answered when a click, reply, postback or conversion follows within this many days. */
        labelWindowDays: z.number().int().min(1).max(60).default(7),
        /** Sends older than this are not learnt from (behaviour drifts). */
        lookbackDays: z.number().int().min(7).max(1_095).default(365),
        l2: z.number().min(0).max(1_000).default(1),
        heldOutShare: z.number().gt(0).lt(0.9).default(0.2),
      })
      .strict()
      .default({ labelWindowDays: 7, lookbackDays: 365, l2: 1, heldOutShare: 0.2 }),
    affinity: z
      .object({
        /** Fewest customers who bought both series for a pair to be reported. */
        minPairCustomers: z.number().int().min(1).default(5),
        /** Pairs kept in the fit (the API's top pairs). */
        keepPairs: z.number().int().min(1).max(10_000).default(500),
      })
      .strict()
      .default({ minPairCustomers: 5, keepPairs: 500 }),
    repeatPurchase: z
      .object({
        /** Horizon of the CLV score (expected purchases in it x expected order value; undiscounted). */
        clvHorizonDays: z.number().int().min(30).max(1_825).default(365),
      })
      .strict()
      .default({ clvHorizonDays: 365 }),
  })
  .strict();
export type ScoringSettings = z.infer<typeof ScoringSettingsSchema>;
