import { z } from 'zod';

/**
 * The fields Kizuna reads from Twilio's webhook forms (twilio.com/docs/messaging/guides/webhook-request).
 * Loose objects: Twilio adds fields over time (SmsSid, ApiVersion, NumSegments, RawDlrDoneDate...),
 * and an unknown field is no reason to refuse a signed request. (The signature is checked over all
 * the posted fields before this parsing.)
 */
const accountSid = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC + 32 hex digits)');
const messageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a message SID (SM or MM + 32 hex digits)');

/** A message status callback: the StatusCallback of each send. */
export const TwilioStatusCallbackSchema = z.looseObject({
  AccountSid: accountSid,
  MessageSid: messageSid,
  /** queued, sending, sent, delivered, undelivered, failed, read... */
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a Twilio error code')
    .optional(),
});
export type TwilioStatusCallback = z.infer<typeof TwilioStatusCallbackSchema>;

/** An incoming message: the "A message comes in" webhook of the number or messaging service. */
export const TwilioInboundMessageSchema = z.looseObject({
  AccountSid: accountSid,
  MessageSid: messageSid,
  From: z.string().min(1).max(100),
  To: z.string().min(1).max(100),
  Body: z.string().max(10_000).default(''),
  /** Set by Twilio's Advanced Opt-Out when the body matched one of the service's keywords. */
  OptOutType: z.enum(['STOP', 'START', 'HELP']).optional(),
});
export type TwilioInboundMessage = z.infer<typeof TwilioInboundMessageSchema>;
