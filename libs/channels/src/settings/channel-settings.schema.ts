import { z } from 'zod';

/**
 * Provider settings per channel, in two parts: `public` is shown by the API (who the sender is),
 * `secret` is stored encrypted and never returned or logged.
 */
export const EmailSettingsSchema = z
  .object({
    public: z
      .object({
        fromAddress: z.email('must be an email address'),
        /** 送信者の氏名又は名称: the sender's name, required in every marketing email (特定電子メール法). */
        senderName: z.string().min(1, 'is required').max(100),
        /** 送信者の住所: the sender's postal address, required in every marketing email. */
        postalAddress: z.string().min(1, 'is required').max(300),
        /** Where replies and complaints go (also required by the act); default: fromAddress. */
        contactAddress: z.string().max(300).optional(),
        /** SMTP connections kept open (nodemailer pool). */
        poolSize: z.number().int().min(1).max(50).default(5),
      })
      .strict(),
    secret: z.object({ smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL') }).strict(),
  })
  .strict();

export const LineSettingsSchema = z
  .object({
    public: z
      .object({ channelId: z.string().max(100).optional(), baseUrl: z.url().optional() })
      .strict()
      .default({}),
    secret: z
      .object({
        channelAccessToken: z.string().min(1, 'is required'),
        channelSecret: z.string().min(1, 'is required'),
      })
      .strict(),
  })
  .strict();

export const SmsSettingsSchema = z
  .object({
    public: z
      .object({
        accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)'),
        fromNumber: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +815012345678')
          .optional(),
        messagingServiceSid: z
          .string()
          .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a messaging service SID')
          .optional(),
        baseUrl: z.url().optional(),
      })
      .strict()
      .refine((p) => p.fromNumber || p.messagingServiceSid, { message: 'needs fromNumber or messagingServiceSid' }),
    secret: z.object({ authToken: z.string().min(1, 'is required') }).strict(),
  })
  .strict();

export const CHANNEL_SETTINGS_SCHEMAS = {
  email: EmailSettingsSchema,
  line: LineSettingsSchema,
  sms: SmsSettingsSchema,
} as const;
export type ConfigurableChannel = keyof typeof CHANNEL_SETTINGS_SCHEMAS;
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;
export type LineSettings = z.infer<typeof LineSettingsSchema>;
export type SmsSettings = z.infer<typeof SmsSettingsSchema>;
export type ChannelSettingsOf<C extends ConfigurableChannel> = z.infer<(typeof CHANNEL_SETTINGS_SCHEMAS)[C]>;
