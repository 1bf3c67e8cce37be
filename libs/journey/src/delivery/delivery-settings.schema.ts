import { z } from 'zod';
import { CHANNELS } from '../graph/journey-graph.schema';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 21:00');
const perSecond = z.number().int('must be a whole number').positive('must be more than 0').max(100_000);

/**
 * A workspace's delivery rules, applied before any message is created (workspace.settings.delivery).
 * Defaults follow Japanese practice: no marketing pings between 21:00 and 08:00 local time, and at
 * most two messages a week per channel (three overall), which keeps unsubscribe rates down.
 */
export const DeliverySettingsSchema = z
  .object({
    quietHours: z
      .object({ start: timeOfDay, end: timeOfDay })
      .strict()
      .nullable()
      .default({ start: '21:00', end: '08:00' }),
    /** Channels that quiet hours do not hold back: a printed DM is not a night-time ping. */
    quietHoursExempt: z.array(z.enum(CHANNELS)).default(['dm']),
    frequencyCap: z
      .object({
        windowDays: z.number().int().min(1).max(90).default(7),
        perChannel: z.number().int().min(1).nullable().default(2),
        overall: z.number().int().min(1).nullable().default(3),
      })
      .strict()
      .default({ windowDays: 7, perChannel: 2, overall: 3 }),
    /**
     * An order this many days after a message is that message's conversion (the latest message
     * before the order wins); holdout customers' orders this long after entering count for lift.
     */
    attributionWindowDays: z.number().int().min(1).max(90).default(7),
    /** Events that count as conversions like orders (e.g. `subscription_started`, `store_visit`). */
    conversionEvents: z.array(z.string().min(1).max(200)).max(20).default([]),
    /** Sends per second per channel across all engine processes (absent: unlimited). */
    rateLimits: z.partialRecord(z.enum(CHANNELS), perSecond).default({}),
  })
  .strict();
export type DeliverySettings = z.infer<typeof DeliverySettingsSchema>;
