import { z } from 'zod';
import { UNSAFE_KEYS } from './render-template';

const liquid = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/**
 * Values a template prints when a variable is missing, by path (`customer.givenName` -> "お客"), so
 * a message never says "undefined" or leaves a gap in "様".
 */
const fallbacks = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z_][\w.]*$/, 'must be a variable path')
      .refine((path) => !path.split('.').some((key) => UNSAFE_KEYS.has(key)), {
        message: 'must not name __proto__, constructor or prototype',
      }),
    z.string().max(200),
  )
  .default({});

export const EmailTemplateSchema = z
  .object({
    channel: z.literal('email'),
    subject: liquid(500).min(1, 'is required'),
    html: liquid(200_000).min(1, 'is required'),
    /** The plain-text part; derived from the HTML when absent. */
    text: liquid(100_000).optional(),
    preheader: liquid(300).optional(),
    couponPrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/, 'must be 1-10 capital letters or digits')
      .optional(),
    fallbacks,
  })
  .strict();

const postbackButton = z.object({ label: liquid(20).min(1), data: z.string().min(1).max(300) }).strict();
export const LineTemplateSchema = z
  .object({
    channel: z.literal('line'),
    /** One to five messages, as LINE pushes them (a push carries at most five). */
    messages: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('text'), text: liquid(5_000).min(1, 'is required') }).strict(),
          /** A card with postback buttons (rendered as a Flex bubble); a tap comes back as a postback response. */
          z
            .object({
              type: z.literal('buttons'),
              altText: liquid(400).min(1, 'is required'),
              title: liquid(100).optional(),
              text: liquid(2_000).min(1, 'is required'),
              buttons: z.array(postbackButton).min(1).max(4),
            })
            .strict(),
          /** Any Flex container (Liquid applies to its string values). */
          z
            .object({
              type: z.literal('flex'),
              altText: liquid(400).min(1),
              contents: z.record(z.string(), z.unknown()),
            })
            .strict(),
        ]),
      )
      .min(1, 'needs at least one message')
      .max(5, 'a LINE push carries at most 5 messages'),
    couponPrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/)
      .optional(),
    fallbacks,
  })
  .strict();

export const SmsTemplateSchema = z
  .object({
    channel: z.literal('sms'),
    body: liquid(1_600).min(1, 'is required'),
    couponPrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/)
      .optional(),
    fallbacks,
  })
  .strict();

/** A printed piece: the print vendor holds the creative; the file says which creative and coupon. */
export const DmTemplateSchema = z
  .object({
    channel: z.literal('dm'),
    creativeId: z.string().min(1, 'is required').max(100),
    couponPrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/)
      .optional(),
    /** A free text line printed on the piece (Liquid), e.g. a personal message. */
    message: liquid(500).optional(),
    fallbacks,
  })
  .strict();

export const TemplateContentSchema = z.discriminatedUnion('channel', [
  EmailTemplateSchema,
  LineTemplateSchema,
  SmsTemplateSchema,
  DmTemplateSchema,
]);
export type TemplateContent = z.infer<typeof TemplateContentSchema>;
export type EmailTemplate = z.infer<typeof EmailTemplateSchema>;
export type LineTemplate = z.infer<typeof LineTemplateSchema>;
export type SmsTemplate = z.infer<typeof SmsTemplateSchema>;
export type DmTemplate = z.infer<typeof DmTemplateSchema>;
