import { parseEventName } from '@kizuna/ingest';
import { z } from 'zod';
import { CustomerReferenceSchema } from '../customers/customer-input.schema';
import { ImportSourceSchema } from '../imports/import-upload.schema';

const MAX_PROPERTIES_BYTES = 16_384;

export const EventInputSchema = z
  .object({
    eventId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('unique per source: a retried batch stores each event once'),
    name: z
      .string()
      .trim()
      .transform((value, context) => {
        const parsed = parseEventName(value);
        if (parsed.ok) return parsed.value;
        context.addIssue({ code: 'custom', message: parsed.reason });
        return z.NEVER;
      }),
    occurredAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional()
      .describe('ISO 8601 with offset; default: when received'),
    customer: CustomerReferenceSchema,
    properties: z
      .record(z.string().min(1).max(100), z.unknown())
      .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_PROPERTIES_BYTES, {
        message: `must be at most ${MAX_PROPERTIES_BYTES} bytes of JSON`,
      })
      .default({}),
  })
  .strict();

export const EventBatchSchema = z
  .object({
    source: ImportSourceSchema.default('api').describe('scopes eventId and customer.customerId'),
    events: z.array(EventInputSchema).min(1).max(1_000),
  })
  .strict();

export type EventBatch = z.infer<typeof EventBatchSchema>;
