import type { BadgeTone } from '../../ui/badge';
import { EMPTY_VALUE } from '../../ui/format';

/** What GET /api/v1/customers/:id lists of the engine's work with a customer (apps/engine/src/customers). */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const RESPONSE_KINDS = [
  'delivered',
  'opened',
  'clicked',
  'replied',
  'postback',
  'unsubscribed',
  'bounced',
  'failed',
  'converted',
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const ENROLLMENT_STATES = ['active', 'completed', 'converted', 'goal-missed', 'exited'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

export const MESSAGE_CHANNELS = ['email', 'line', 'sms', 'dm'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export interface CustomerMessage {
  id: string;
  channel: string;
  status: string;
  suppressionReason: string | null;
  templateId: string | null;
  journeyId: number | null;
  journeyName: string | null;
  nodeId: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface CustomerResponse {
  id: string;
  kind: string;
  channel: string | null;
  at: string;
  messageId: string | null;
  journeyId: number | null;
  journeyName: string | null;
  nodeId: string | null;
  url: string | null;
  text: string | null;
  amount: number | null;
  event: string | null;
  via: string | null;
}

export interface CustomerScore {
  model: string;
  value: number;
  version: string;
  computedAt: string;
}

export interface CustomerEnrollment {
  id: string;
  journeyId: number;
  journeyName: string;
  version: number | null;
  state: string;
  nodeId: string;
  enteredAt: string;
  exitedAt: string | null;
  exitReason: string | null;
  wakeAt: string | null;
  convertedGoal: string | null;
  convertedAt: string | null;
  holdoutGroup: string | null;
}

export interface CustomerActivityTotals {
  messages: number;
  responses: number;
  scores: number;
  journeys: number;
}

export interface CustomerActivity {
  messages: CustomerMessage[];
  responses: CustomerResponse[];
  scores: CustomerScore[];
  journeys: CustomerEnrollment[];
  activityTotals: CustomerActivityTotals;
}

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

// The engine may send a value this build does not know yet: it is shown as sent, in a neutral badge.
export const isMessageStatus = (value: string): value is MessageStatus => isOneOf(MESSAGE_STATUSES, value);
export const isResponseKind = (value: string): value is ResponseKind => isOneOf(RESPONSE_KINDS, value);
export const isEnrollmentState = (value: string): value is EnrollmentState => isOneOf(ENROLLMENT_STATES, value);
export const isMessageChannel = (value: string | null): value is MessageChannel => isOneOf(MESSAGE_CHANNELS, value);

const messageTones: Record<MessageStatus, BadgeTone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'info',
  delivered: 'success',
  failed: 'danger',
  bounced: 'danger',
  suppressed: 'warning',
};

export function messageStatusTone(status: string): BadgeTone {
  return isMessageStatus(status) ? messageTones[status] : 'neutral';
}

const responseTones: Record<ResponseKind, BadgeTone> = {
  delivered: 'neutral',
  opened: 'info',
  clicked: 'info',
  replied: 'info',
  postback: 'info',
  unsubscribed: 'warning',
  bounced: 'danger',
  failed: 'danger',
  converted: 'success',
};

export function responseKindTone(kind: string): BadgeTone {
  return isResponseKind(kind) ? responseTones[kind] : 'neutral';
}

const enrollmentTones: Record<EnrollmentState, BadgeTone> = {
  active: 'info',
  completed: 'neutral',
  converted: 'success',
  'goal-missed': 'warning',
  exited: 'neutral',
};

export function enrollmentStateTone(state: string): BadgeTone {
  return isEnrollmentState(state) ? enrollmentTones[state] : 'neutral';
}

/** The four answers marketers count (Braze's and Klaviyo's engagement columns), in funnel order. */
export const ENGAGEMENT_KINDS = ['opened', 'clicked', 'replied', 'converted'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

/** How many of the listed responses are opens, clicks, replies (a LINE postback is a tap, so a click) and conversions. */
export function countEngagement(responses: readonly Pick<CustomerResponse, 'kind'>[]): Record<EngagementKind, number> {
  const counts: Record<EngagementKind, number> = { opened: 0, clicked: 0, replied: 0, converted: 0 };
  for (const { kind } of responses) {
    if (kind === 'postback') counts.clicked += 1;
    else if (isOneOf(ENGAGEMENT_KINDS, kind)) counts[kind] += 1;
  }
  return counts;
}

/** What a response row says besides its kind: the link clicked, the reply, the order amount or event converted. */
export type ResponseDetail =
  | { kind: 'link'; url: string }
  | { kind: 'text'; text: string }
  | { kind: 'amount'; amount: number; via: string | null }
  | { kind: 'event'; event: string; via: string | null };

export function responseDetail(
  response: Pick<CustomerResponse, 'url' | 'text' | 'amount' | 'event' | 'via'>,
): ResponseDetail | null {
  if (response.url) return { kind: 'link', url: response.url };
  if (response.text) return { kind: 'text', text: response.text };
  if (response.amount !== null) return { kind: 'amount', amount: response.amount, via: response.via };
  if (response.event) return { kind: 'event', event: response.event, via: response.via };
  return null;
}

/**
 * Only http(s) links become anchors: a `javascript:` URL recorded from a tracked click must not
 * run in the editor when a marketer follows it.
 */
export function isSafeLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** `{ shown: 50, total: 312 }` when a list was capped, null when it is complete. */
export function cappedList(shown: number, total: number): { shown: number; total: number } | null {
  return total > shown ? { shown, total } : null;
}

/**
 * A model score as read: a probability (0–1) as a percentage with one decimal (0.8125 → 81.3%),
 * any other value (points added by journeys) as a number with up to two decimals.
 */
export function formatScore(value: number, locale: string): string {
  if (!Number.isFinite(value)) return EMPTY_VALUE;
  if (value >= 0 && value <= 1 && !Number.isInteger(value)) {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
