import { parseCronSchedule } from '@kizuna/shared';
import { z } from 'zod';

/**
 * How a workspace's analyses are cut. Defaults follow the practice of Japanese mail-order (通販)
 * analysis; every threshold is the workspace's to change (PUT /api/v1/analytics/settings).
 */
const ascending = (values: readonly number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

export const RfmSettingsSchema = z
  .object({
    /** Frequency and monetary count orders within this many days before the reference date. */
    windowDays: z.number().int().min(30).max(3_650).default(365),
    /**
     * Score cut points. `quantile`: four cumulative shares of the customers (quintiles by default);
     * `fixed`: four values per dimension (days for recency, orders, yen).
     */
    scoring: z
      .discriminatedUnion('mode', [
        z.object({
          mode: z.literal('quantile'),
          quantiles: z
            .array(z.number().gt(0).lt(1))
            .length(4)
            .refine(ascending, 'must increase')
            .default([0.2, 0.4, 0.6, 0.8]),
        }),
        z.object({
          mode: z.literal('fixed'),
          recencyDays: z.array(z.number().int().min(0)).length(4).refine(ascending, 'must increase'),
          frequency: z.array(z.number().int().min(0)).length(4).refine(ascending, 'must increase'),
          monetary: z.array(z.number().int().min(0)).length(4).refine(ascending, 'must increase'),
        }),
      ])
      .default({ mode: 'quantile', quantiles: [0.2, 0.4, 0.6, 0.8] }),
    /** A frequency or monetary score at or above this is "high" for the four ranks. */
    highFrequencyScore: z.number().int().min(2).max(5).default(4),
    highMonetaryScore: z.number().int().min(2).max(5).default(4),
  })
  .strict();

const StageGroupSchema = z
  .object({ code: z.string().regex(/^[a-z][a-z0-9_]*$/), label: z.string().min(1).max(20) })
  .strict();

export const RfMatrixSettingsSchema = z
  .object({
    /** Rows: months since the last purchase, `<1` ... `<recencyMonths`, then `recencyMonths+`. */
    recencyMonths: z.number().int().min(3).max(36).default(13),
    /** Columns: purchase count 0 (trial or sample only), 1 ... `frequencyCap`+. */
    frequencyCap: z.number().int().min(2).max(20).default(6),
    /** Repeat rate: bought again within this many days after the cohort's reference date. */
    repeatWindowDays: z.number().int().min(7).max(365).default(30),
    /** Sales share counts sales within this many days before the reference date. */
    salesWindowDays: z.number().int().min(30).max(3_650).default(365),
    /** Stage names: a purchase-count group and a recency group make a stage (新規 + 現役 = 新規現役). */
    frequencyGroups: z
      .array(StageGroupSchema.extend({ maxPurchases: z.number().int().min(0).nullable() }))
      .min(1)
      .default([
        { code: 'prospect', label: '見込', maxPurchases: 0 },
        { code: 'new', label: '新規', maxPurchases: 1 },
        { code: 'promising', label: '有望', maxPurchases: 3 },
        { code: 'loyal', label: '優良', maxPurchases: null },
      ]),
    recencyGroups: z
      .array(StageGroupSchema.extend({ maxMonths: z.number().int().min(1).nullable() }))
      .min(1)
      .default([
        { code: 'active', label: '現役', maxMonths: 3 },
        { code: 'dormant', label: '休止', maxMonths: 7 },
        { code: 'lapsed', label: '離脱', maxMonths: null },
      ]),
  })
  .strict();

export const AbcSettingsSchema = z
  .object({
    /** Cumulative sales share up to which products are class A, then B; the rest is C. */
    a: z.number().gt(0).lt(1).default(0.7),
    b: z.number().gt(0).lt(1).default(0.9),
    windowDays: z.number().int().min(30).max(3_650).default(365),
  })
  .strict()
  .refine((abc) => abc.a < abc.b, { message: 'a must be below b', path: ['b'] });

export const StableSegmentSettingsSchema = z
  .object({
    /** Purchases are looked at over this many months: long windows move slowly, so segments hold. */
    lookbackMonths: z.number().int().min(6).max(60).default(24),
    /**
     * Purchasing power is the customer's typical basket: net yen per purchase (returns deducted)
     * at or above which it is "high" / "middle". A basket does not shrink while a customer waits
     * between purchases, as an annual total would.
     */
    highBasket: z.number().int().min(1).default(15_000),
    middleBasket: z.number().int().min(1).default(6_000),
    /** Regular buyers: at least this many purchases, with a median interval of at most this many days. */
    regularMinPurchases: z.number().int().min(2).default(3),
    regularIntervalDays: z.number().int().min(7).default(90),
    /**
     * Hysteresis: a customer keeps their segment until a measure clears the boundary by this share
     * (a basket of 14,900 yen does not flip a core customer to steady and back every refresh).
     */
    margin: z.number().min(0).max(0.5).default(0.15),
    /** Dormant: no purchase for this many times the usual interval, and at least this many days. */
    dormantIntervals: z.number().min(1).max(10).default(3),
    dormantMinDays: z.number().int().min(30).default(365),
  })
  .strict()
  .refine((s) => s.middleBasket < s.highBasket, {
    message: 'middleBasket must be below highBasket',
    path: ['middleBasket'],
  });

export const RankDownSettingsSchema = z
  .object({
    /** A customer is late when the days since their last purchase exceed this percentile of their intervals. */
    percentile: z.number().gt(0).lt(1).default(0.8),
    /** Customers with fewer intervals than this use their stable segment's intervals. */
    minIntervals: z.number().int().min(1).max(20).default(3),
  })
  .strict();

export const AnalyticsScheduleSchema = z
  .object({
    /**
     * Recompute every analysis on this cron (workspace timezone): recency moves every day, so the
     * figures segments read are rewritten nightly. null: only on request and after imports.
     */
    cron: z
      .string()
      .nullable()
      .default('0 3 * * *')
      .superRefine((cron, ctx) => {
        const schedule = cron === null ? undefined : parseCronSchedule(cron, 'UTC');
        if (schedule && !schedule.ok) ctx.addIssue({ code: 'custom', message: schedule.reason });
      }),
    /** Recompute after an import of orders, shipments, returns or products. */
    afterImports: z.boolean().default(true),
  })
  .strict();

export const AnalyticsSettingsSchema = z
  .object({
    schedule: AnalyticsScheduleSchema.default(AnalyticsScheduleSchema.parse({})),
    rfm: RfmSettingsSchema.default(RfmSettingsSchema.parse({})),
    rfMatrix: RfMatrixSettingsSchema.default(RfMatrixSettingsSchema.parse({})),
    abc: AbcSettingsSchema.default(AbcSettingsSchema.parse({})),
    stableSegments: StableSegmentSettingsSchema.default(StableSegmentSettingsSchema.parse({})),
    rankDown: RankDownSettingsSchema.default(RankDownSettingsSchema.parse({})),
  })
  .strict();

export type AnalyticsSettings = z.infer<typeof AnalyticsSettingsSchema>;
export type RfmSettings = z.infer<typeof RfmSettingsSchema>;
export type RfMatrixSettings = z.infer<typeof RfMatrixSettingsSchema>;
export type AbcSettings = z.infer<typeof AbcSettingsSchema>;
export type StableSegmentSettings = z.infer<typeof StableSegmentSettingsSchema>;
export type RankDownSettings = z.infer<typeof RankDownSettingsSchema>;
export type AnalyticsSchedule = z.infer<typeof AnalyticsScheduleSchema>;

export const defaultAnalyticsSettings: AnalyticsSettings = AnalyticsSettingsSchema.parse({});
