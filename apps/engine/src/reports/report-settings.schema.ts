import { z } from 'zod';

const yenPerMessage = z.number().min(0).max(100_000);

/**
 * Report settings, kept in workspace.settings.reports (no schema change): what one message costs
 * per channel, in yen, for the ROI. Defaults are typical Japanese list prices: email close to free,
 * LINE a push message over the free quota, an SMS segment, a printed and posted DM.
 */
export const ReportSettingsSchema = z
  .object({
    unitCosts: z
      .object({
        email: yenPerMessage.default(0.1),
        line: yenPerMessage.default(3),
        sms: yenPerMessage.default(10),
        dm: yenPerMessage.default(90),
      })
      .strict()
      .default({ email: 0.1, line: 3, sms: 10, dm: 90 }),
    /** Confidence of the intervals and level of the tests. */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /** Standard deviation of the always-valid test's mixture over the difference of rates. */
    mixtureSd: z.number().gt(0).max(1).default(0.02),
  })
  .strict();

export type ReportSettings = z.infer<typeof ReportSettingsSchema>;
