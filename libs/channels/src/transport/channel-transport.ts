import type { MessageChannel } from '../message-channel';

/** One message handed to a transport: who receives it and its rendered content for the channel. */
export interface OutgoingMessage<Content> {
  messageId: string;
  /** Stable across retries: providers that accept one (LINE's X-Line-Retry-Key) get it. */
  idempotencyKey: string;
  recipient: string;
  content: Content;
}

/**
 * What became of one message: sent (and, where the provider says so at once, delivered); to be
 * retried (a temporary failure: 4xx SMTP, 429, 5xx from an API, a dropped connection); or failed
 * for good (`bounced` when the address itself was refused).
 */
export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string | null; delivered: boolean }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'failed'; reason: string; bounced: boolean };

/** One provider behind one interface: the dispatcher does not know SMTP from LINE. */
export interface ChannelTransport<Content> {
  readonly channel: MessageChannel;
  /** Sends a batch; the outcomes are in the order of the messages. Never throws for one message's failure. */
  send(messages: readonly OutgoingMessage<Content>[]): Promise<SendOutcome[]>;
  close(): Promise<void>;
}

/** Delay before retry `attempt` (1-based): exponential from `baseMs`, capped, with "equal jitter" (half fixed, half random; AWS Architecture Blog, "Exponential Backoff and Jitter") so retries of a burst spread out. */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
