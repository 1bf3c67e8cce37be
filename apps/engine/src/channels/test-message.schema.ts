import { z } from 'zod';

/** Channels a test message can go through: those with a provider to check (direct mail is a file export). */
export const TEST_MESSAGE_CHANNELS = ['email', 'line', 'sms'] as const;
export type TestMessageChannel = (typeof TEST_MESSAGE_CHANNELS)[number];

export const TestMessageBodySchema = z
  .object({
    to: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(320)
      .describe('email address, LINE user id (U + 32 hex digits) or E.164 phone number, by channel'),
  })
  .strict();
export type TestMessageBody = z.infer<typeof TestMessageBodySchema>;

/** What each channel's recipient must look like; the message says it without echoing the value. */
const RECIPIENTS: Record<TestMessageChannel, z.ZodType<string>> = {
  email: z.email('must be an email address'),
  // The Messaging API pushes to user ids it issued: "U" and 32 lowercase hex digits.
  line: z.string().regex(/^U[0-9a-f]{32}$/, 'must be a LINE user id (U followed by 32 hex digits)'),
  sms: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +819012345678'),
};

export function isTestMessageChannel(channel: string): channel is TestMessageChannel {
  return (TEST_MESSAGE_CHANNELS as readonly string[]).includes(channel);
}

/** Null when `to` is a recipient the channel can send to, else the reason. */
export function recipientIssue(channel: TestMessageChannel, to: string): string | null {
  const parsed = RECIPIENTS[channel].safeParse(to);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'is not a valid recipient');
}
