import type { SendOutcome } from '@kizuna/channels';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { createHash } from 'node:crypto';

/** A multicast takes at most 500 user ids (Messaging API reference, "Send multicast message"). */
export const MULTICAST_MAX_RECIPIENTS = 500;

/** Kizuna's namespace for name-based (version 5) UUIDs: fixed, so a key never changes between runs. */
const RETRY_KEY_NAMESPACE = Buffer.from('6f1c2b9e8d7a4c3bb2e1f0a9d8c7b6a5', 'hex');

/**
 * `X-Line-Retry-Key` for a request: a version-5 UUID (RFC 9562 §5.5, SHA-1 of namespace and name)
 * of the message's idempotency key. The same message retried sends the same key, and LINE answers
 * 409 instead of delivering it twice (keys are remembered for 24 hours).
 */
export function lineRetryKey(name: string): string {
  const hash = createHash('sha1').update(RETRY_KEY_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One message to send: who, its stable key, and its rendered LINE messages. */
export interface LineSendItem {
  recipient: string;
  idempotencyKey: string;
  messages: readonly messagingApi.Message[];
}

/** One API request: a push for one message, or a multicast for several with the same content. */
export type LineRequest =
  { kind: 'push'; items: [number]; retryKey: string } | { kind: 'multicast'; items: number[]; retryKey: string };

const USER_ID = /^U[0-9a-f]{32}$/;

/**
 * Groups messages whose rendered content is identical (a template with nothing personal) into
 * multicasts of up to 500 user ids; the rest go one push each. A multicast's retry key is derived
 * from its messages' keys, so the same batch retried is recognised. A recipient twice in one group
 * (two journeys, same text) is pushed the second time: one multicast names each user once. Group
 * and room ids (not `U...`) can only be pushed.
 */
export function planLineRequests(
  items: readonly LineSendItem[],
  maxRecipients = MULTICAST_MAX_RECIPIENTS,
): LineRequest[] {
  const groups = new Map<string, { chunks: number[][]; recipients: Set<string> }>();
  const order: (string | number)[] = [];
  items.forEach((item, index) => {
    if (!USER_ID.test(item.recipient)) {
      order.push(index);
      return;
    }
    const content = JSON.stringify(item.messages);
    let group = groups.get(content);
    if (!group) {
      groups.set(content, (group = { chunks: [[]], recipients: new Set() }));
      order.push(content);
    }
    if (group.recipients.has(item.recipient)) {
      order.push(index);
      return;
    }
    group.recipients.add(item.recipient);
    let last = group.chunks[group.chunks.length - 1]!;
    if (last.length >= maxRecipients) group.chunks.push((last = []));
    last.push(index);
  });

  const requests: LineRequest[] = [];
  for (const entry of order) {
    if (typeof entry === 'number') {
      requests.push(push(items, entry));
      continue;
    }
    for (const chunk of groups.get(entry)!.chunks) {
      if (chunk.length === 1) requests.push(push(items, chunk[0]!));
      else if (chunk.length > 1) {
        const keys = chunk.map((index) => items[index]!.idempotencyKey).sort();
        requests.push({ kind: 'multicast', items: chunk, retryKey: lineRetryKey(`multicast\n${keys.join('\n')}`) });
      }
    }
  }
  return requests;
}

function push(items: readonly LineSendItem[], index: number): LineRequest {
  return { kind: 'push', items: [index], retryKey: lineRetryKey(items[index]!.idempotencyKey) };
}

interface LineErrorBody {
  message?: string;
  details?: { message?: string; property?: string }[];
}

/**
 * What a failed Messaging API call means for the message (status codes from the reference's
 * "Status codes"): 429 (rate limit) and 5xx are temporary, retried after `Retry-After` when given,
 * except the monthly message limit, which no retry this month can pass; 409 means a request with
 * this retry key was already accepted: it was sent. A 400 about `to` refuses the recipient
 * (bounced); other 400s, 401 and 403 are our request or our channel's fault: failed, not the
 * customer's address. No response at all (network, timeout) is retried: the retry key makes a
 * repeat harmless.
 */
export function lineErrorOutcome(error: unknown, now: Date): SendOutcome {
  if (!(error instanceof HTTPFetchError)) {
    return { kind: 'retry', reason: `LINE request failed: ${(error as Error).message}`.slice(0, 500) };
  }
  const body = parseErrorBody(error.body);
  const details = (body.details ?? [])
    .map((d) => [d.property, d.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
  const reason = `LINE ${error.status}: ${body.message ?? error.statusText}${details ? ` (${details})` : ''}`.slice(
    0,
    500,
  );
  const status = error.status;
  if (status === 409) {
    return { kind: 'sent', providerMessageId: error.headers.get('x-line-accepted-request-id'), delivered: true };
  }
  if (status === 429 && /monthly limit/i.test(body.message ?? '')) {
    return { kind: 'failed', reason, bounced: false };
  }
  if (status === 429 || status >= 500) {
    const retryAfter = retryAfterMs(error.headers.get('retry-after'), now);
    return retryAfter === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: retryAfter };
  }
  const aboutRecipient =
    status === 400 &&
    ((body.details ?? []).some((d) => d.property === 'to') ||
      /property, 'to'|not a friend|blocked/i.test(`${body.message ?? ''} ${details}`));
  return { kind: 'failed', reason, bounced: aboutRecipient };
}

function parseErrorBody(text: string): LineErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** `Retry-After` (RFC 9110 §10.2.3): seconds, or an HTTP date. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
