import type { LineSettings, SendOutcome } from '@kizuna/channels';
import { type Clock } from '@kizuna/shared';
import { messagingApi } from '@line/bot-sdk';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { ChannelSettingsService } from '../channel-settings.service';
import type { ChannelDelivery, DeliveryItem, DeliveryResult } from './channel-delivery';
import { renderLineMessages } from './line-messages';
import { lineErrorOutcome, planLineRequests, type LineRequest, type LineSendItem } from './line-sending';

/** Requests in flight at once per batch: well under LINE's per-second limits for push (2,000) and multicast (200). */
const CONCURRENT_REQUESTS = 8;
/** The SDK's fetch has no timeout: a call that hangs longer is given up and retried (the retry key makes that safe). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * LINE through the Messaging API (`@line/bot-sdk`): each message rendered for its customer; those
 * whose messages come out identical go as multicasts of up to 500, the rest as pushes, every request
 * with an `X-Line-Retry-Key` derived from the messages' idempotency keys so a retry is never
 * delivered twice. Without settings, the sandbox: rendered, recorded, counted as delivered.
 */
@Injectable()
export class LineDelivery implements ChannelDelivery {
  readonly channel = 'line';
  private readonly logger = new Logger(LineDelivery.name);

  constructor(
    private readonly settings: ChannelSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deliver(workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]> {
    const settings = await this.settings.resolve(workspaceId, 'line');
    const results: DeliveryResult[] = [];
    const sendable: (LineSendItem & { result: DeliveryResult; attempt: number })[] = [];
    for (const item of items) {
      const result: DeliveryResult = {
        messageId: item.messageId,
        outcome: { kind: 'sent', providerMessageId: `sandbox-${item.messageId}`, delivered: true },
        rendered: {},
      };
      results.push(result);
      if (item.template.channel !== 'line') {
        result.outcome = { kind: 'failed', reason: `not a LINE template (${item.template.channel})`, bounced: false };
        continue;
      }
      let messages: messagingApi.Message[];
      try {
        messages = renderLineMessages(item.template, item.data, item.messageId);
      } catch (error) {
        // Rendering again gives the same result: the template needs fixing, not a retry.
        result.outcome = { kind: 'failed', reason: `template: ${(error as Error).message}`, bounced: false };
        continue;
      }
      result.rendered = { to: item.recipient, messages };
      if (!settings) {
        result.rendered.sandbox = true;
        continue;
      }
      sendable.push({
        recipient: item.recipient,
        idempotencyKey: item.idempotencyKey,
        messages,
        result,
        attempt: item.attempt,
      });
    }
    if (settings && sendable.length) await this.send(workspaceId, settings, sendable);
    return results;
  }

  private async send(
    workspaceId: number,
    settings: LineSettings,
    sendable: readonly (LineSendItem & { result: DeliveryResult; attempt: number })[],
  ): Promise<void> {
    const client = new messagingApi.MessagingApiClient({
      channelAccessToken: settings.secret.channelAccessToken,
      ...(settings.public.baseUrl ? { baseURL: settings.public.baseUrl } : {}),
    });
    const requests = planLineRequests(sendable);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const outcome = await this.request(client, request, sendable);
        for (const index of request.items) {
          const { result, attempt } = sendable[index]!;
          result.outcome = request.kind === 'multicast' ? keepTogether(outcome, attempt) : outcome;
          result.rendered.via = request.kind;
          if (request.kind === 'multicast') result.rendered.multicastSize = request.items.length;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_REQUESTS, requests.length) }, worker));
    const multicasts = requests.filter((r) => r.kind === 'multicast');
    this.logger.debug(
      {
        workspaceId,
        messages: sendable.length,
        pushes: requests.length - multicasts.length,
        multicasts: multicasts.length,
      },
      'LINE batch sent',
    );
  }

  private async request(
    client: messagingApi.MessagingApiClient,
    request: LineRequest,
    sendable: readonly LineSendItem[],
  ): Promise<SendOutcome> {
    const first = sendable[request.items[0]]!;
    // LINE has no delivery receipts: an accepted request is in the chat (a blocked friend's too, but
    // blocking sends an unfollow event, which revokes consent), so accepted counts as delivered.
    try {
      if (request.kind === 'push') {
        const { body } = await withTimeout(
          client.pushMessageWithHttpInfo({ to: first.recipient, messages: [...first.messages] }, request.retryKey),
        );
        const ids = body.sentMessages.map((m) => m.id).join(',');
        return { kind: 'sent', providerMessageId: ids || null, delivered: true };
      }
      const { httpResponse } = await withTimeout(
        client.multicastWithHttpInfo(
          { to: request.items.map((index) => sendable[index]!.recipient), messages: [...first.messages] },
          request.retryKey,
        ),
      );
      // A multicast returns no message ids: the request id identifies it in LINE's logs.
      return { kind: 'sent', providerMessageId: httpResponse.headers.get('x-line-request-id'), delivered: true };
    } catch (error) {
      return lineErrorOutcome(error, this.clock.now());
    }
  }
}

/**
 * A multicast's messages retried together: the same delay for all (no per-message jitter), so
 * they come back in one batch, regroup under the same retry key, and LINE recognises a repeat.
 */
function keepTogether(outcome: SendOutcome, attempt: number): SendOutcome {
  if (outcome.kind !== 'retry' || outcome.retryAfterMs !== undefined) return outcome;
  return { ...outcome, retryAfterMs: Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1)) };
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
