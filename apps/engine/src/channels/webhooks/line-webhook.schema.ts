import type { FieldIssue } from '@kizuna/shared';
import { z } from 'zod';
import { withoutNul } from './without-nul';

/**
 * The parts of LINE's webhook body (Messaging API reference, "Webhook event objects"; the
 * `CallbackRequest` of line-openapi's webhook.yml) that Kizuna acts on. Fields it does not read are
 * allowed through, so LINE adding one breaks nothing; event types it does not handle are kept as
 * `ignored` after their common fields are checked.
 */
const common = {
  timestamp: z.number().int().nonnegative(),
  mode: z.enum(['active', 'standby']),
  /** A ULID, the same when LINE redelivers the event. */
  webhookEventId: z.string().min(1).max(100),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }),
  source: z.looseObject({ type: z.string(), userId: z.string().optional() }).optional(),
};

const FollowEventSchema = z.looseObject({ type: z.literal('follow'), ...common });
const UnfollowEventSchema = z.looseObject({ type: z.literal('unfollow'), ...common });
const MessageEventSchema = z.looseObject({
  type: z.literal('message'),
  ...common,
  message: z
    .looseObject({ type: z.string().min(1), id: z.string().min(1), text: z.string().optional() })
    .refine((m) => m.type !== 'text' || typeof m.text === 'string', {
      message: 'a text message needs its text',
      path: ['text'],
    }),
});
const PostbackEventSchema = z.looseObject({
  type: z.literal('postback'),
  ...common,
  postback: z.looseObject({ data: z.string(), params: z.record(z.string(), z.string()).optional() }),
});
const AccountLinkEventSchema = z.looseObject({
  type: z.literal('accountLink'),
  ...common,
  link: z.looseObject({ result: z.enum(['ok', 'failed']), nonce: z.string() }),
});
const OtherEventSchema = z.looseObject({ type: z.string().min(1), ...common });

const EVENT_SCHEMAS = {
  follow: FollowEventSchema,
  unfollow: UnfollowEventSchema,
  message: MessageEventSchema,
  postback: PostbackEventSchema,
  accountLink: AccountLinkEventSchema,
} as const;

export type LineFollowEvent = z.infer<typeof FollowEventSchema>;
export type LineUnfollowEvent = z.infer<typeof UnfollowEventSchema>;
export type LineMessageEvent = z.infer<typeof MessageEventSchema>;
export type LinePostbackEvent = z.infer<typeof PostbackEventSchema>;
export type LineAccountLinkEvent = z.infer<typeof AccountLinkEventSchema>;
export type LineIgnoredEvent = Omit<z.infer<typeof OtherEventSchema>, 'type'> & { type: 'ignored'; lineType: string };
export type LineWebhookEvent =
  LineFollowEvent | LineUnfollowEvent | LineMessageEvent | LinePostbackEvent | LineAccountLinkEvent | LineIgnoredEvent;

export interface LineWebhook {
  /** The bot's user id. */
  destination: string;
  events: LineWebhookEvent[];
}

const EnvelopeSchema = z.looseObject({
  destination: z.string().regex(/^U[0-9a-f]{32}$/, 'must be the bot user id (U + 32 hex digits)'),
  // An empty list is LINE's "verify" call from the console.
  events: z.array(z.looseObject({ type: z.string().min(1) })).max(1_000),
});

export type ParsedLineWebhook = { ok: true; webhook: LineWebhook } | { ok: false; issues: FieldIssue[] };

/** Checks a webhook body; issues name each offending field (`events.2.message.text`). */
export function parseLineWebhook(body: unknown): ParsedLineWebhook {
  const envelope = EnvelopeSchema.safeParse(withoutNul(body));
  if (!envelope.success) return { ok: false, issues: toIssues(envelope.error, []) };
  const events: LineWebhookEvent[] = [];
  const issues: FieldIssue[] = [];
  envelope.data.events.forEach((raw, index) => {
    const known = Object.hasOwn(EVENT_SCHEMAS, raw.type)
      ? EVENT_SCHEMAS[raw.type as keyof typeof EVENT_SCHEMAS]
      : undefined;
    if (known) {
      const parsed = known.safeParse(raw);
      if (parsed.success) events.push(parsed.data);
      else issues.push(...toIssues(parsed.error, ['events', index]));
      return;
    }
    const parsed = OtherEventSchema.safeParse(raw);
    if (parsed.success) events.push({ ...parsed.data, type: 'ignored', lineType: parsed.data.type });
    else issues.push(...toIssues(parsed.error, ['events', index]));
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, webhook: { destination: envelope.data.destination, events } };
}

function toIssues(error: z.ZodError, prefix: readonly (string | number)[]): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
}
