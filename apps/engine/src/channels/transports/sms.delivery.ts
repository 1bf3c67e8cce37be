import {
  renderTemplate,
  smsSegments,
  SMS_MAX_SEGMENTS,
  withFallbacks,
  type SendOutcome,
  type SmsSettings,
  type SmsTemplate,
} from '@kizuna/channels';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import twilio from 'twilio';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { ChannelSettingsService } from '../channel-settings.service';
import { MessageLinks } from '../message-links';
import { SmsRepository } from '../sms.repository';
import type { ChannelDelivery, DeliveryItem, DeliveryResult } from './channel-delivery';
import { RebasedRequestClient } from './twilio-request-client';

/** Replaces the SDK's HTTP client (tests answer with Twilio's error bodies through it). */
export const TWILIO_HTTP_CLIENT = Symbol('TWILIO_HTTP_CLIENT');

/** Requests in flight per batch: Twilio answers 429 (20429) past an account's API concurrency. */
const CONCURRENCY = 10;
const TIMEOUT_MS = 15_000;

/** What the SDK throws: RestException / TwilioServiceException (status + Twilio code), or a network error. */
export interface TwilioError {
  status?: number;
  code?: number | string;
  message?: string;
}

/** Twilio error codes (twilio.com/docs/api/errors) that say the number itself cannot get SMS: bounced. */
const UNREACHABLE_NUMBER = new Set([
  21211, // Invalid 'To' phone number
  21614, // 'To' number is not a valid mobile number
]);
/** 21610: the recipient replied STOP to this sender; Twilio refuses until they send START. */
export const TWILIO_UNSUBSCRIBED = 21610;

/**
 * SMS through Twilio's Programmable Messaging API (the official SDK), one client per workspace and
 * settings. Twilio accepts a message (`queued`) and reports delivery later to the status callback,
 * so a send is `sent`, not delivered. Bodies are rendered with Liquid and counted in segments
 * (GSM-7 or UCS-2) before sending; over 10 segments is refused rather than billed.
 */
@Injectable()
export class SmsDelivery implements ChannelDelivery {
  readonly channel = 'sms';
  private readonly logger = new Logger(SmsDelivery.name);
  private readonly clients = new Map<number, { fingerprint: string; client: twilio.Twilio }>();

  constructor(
    private readonly settings: ChannelSettingsService,
    private readonly links: MessageLinks,
    private readonly sms: SmsRepository,
    private readonly changes: DataChangeNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TWILIO_HTTP_CLIENT) private readonly httpClient?: twilio.RequestClient,
  ) {}

  async deliver(workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]> {
    const settings = await this.settings.resolve(workspaceId, 'sms');
    const client = settings ? this.client(workspaceId, settings) : undefined;
    return mapLimited(items, CONCURRENCY, async (item): Promise<DeliveryResult> => {
      const template = item.template as SmsTemplate;
      const body = renderTemplate(template.body, withFallbacks(item.data, template.fallbacks));
      const { encoding, segments } = smsSegments(body);
      const rendered = { to: item.recipient, body, encoding, segments };
      const refused = (reason: string): DeliveryResult => ({
        messageId: item.messageId,
        outcome: { kind: 'failed', reason, bounced: false },
        rendered,
      });
      if (segments === 0) return refused('empty-body: the template rendered no text');
      if (segments > SMS_MAX_SEGMENTS)
        return refused(`too-long: ${segments} ${encoding} segments, at most ${SMS_MAX_SEGMENTS} are sent`);
      if (!client || !settings) {
        return {
          messageId: item.messageId,
          outcome: { kind: 'sent', providerMessageId: `sandbox-${item.messageId}`, delivered: true },
          rendered: { ...rendered, sandbox: true },
        };
      }
      return { messageId: item.messageId, outcome: await this.send(client, settings, item, body), rendered };
    });
  }

  private async send(client: twilio.Twilio, settings: SmsSettings, item: DeliveryItem, body: string) {
    const sender = settings.public.messagingServiceSid
      ? { messagingServiceSid: settings.public.messagingServiceSid }
      : { from: settings.public.fromNumber! };
    try {
      const message = await client.messages.create({
        to: item.recipient,
        body,
        ...sender,
        // The message id in the callback URL (signed by Twilio with the rest of it) finds the message by key.
        statusCallback: `${this.links.baseUrl}/webhooks/twilio/status?m=${item.messageId}`,
      });
      return { kind: 'sent', providerMessageId: message.sid, delivered: false } satisfies SendOutcome;
    } catch (error) {
      const failure = error as TwilioError;
      const outcome = twilioOutcome(failure);
      this.logger.warn(
        { workspaceId: item.workspaceId, messageId: item.messageId, status: failure.status, code: failure.code },
        `SMS not sent: ${outcome.kind}`,
      );
      if (failure.code === TWILIO_UNSUBSCRIBED) await this.revokeConsent(item);
      return outcome;
    }
  }

  /** Twilio already blocks the number (it replied STOP to Twilio): the customer's SMS consent says so too. */
  private async revokeConsent(item: DeliveryItem): Promise<void> {
    const changed = await this.sms.recordConsent(
      item.workspaceId,
      item.customerId,
      'revoked',
      'twilio-21610',
      this.clock.now(),
    );
    if (changed)
      await this.changes.notify({ kind: 'customers', workspaceId: item.workspaceId, customerIds: [item.customerId] });
  }

  private client(workspaceId: number, settings: SmsSettings): twilio.Twilio {
    const fingerprint = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    const existing = this.clients.get(workspaceId);
    if (existing?.fingerprint === fingerprint) return existing.client;
    const { baseUrl } = settings.public;
    // A mock of the API (Prism) or a proxy instead of https://api.twilio.com.
    const httpClient = baseUrl
      ? new RebasedRequestClient(baseUrl, { timeout: TIMEOUT_MS }, this.httpClient)
      : this.httpClient;
    const client = twilio(settings.public.accountSid, settings.secret.authToken, {
      timeout: TIMEOUT_MS,
      ...(httpClient ? { httpClient } : {}),
    });
    this.clients.set(workspaceId, { fingerprint, client });
    return client;
  }
}

/**
 * A Twilio failure as an outcome: the number refused (21211, 21614) is bounced; an unsubscribed
 * number (21610) failed for good; bad credentials (401, 20003) are ours, kept for a retry after
 * the settings are fixed; 429, 5xx and network errors are retried; any other 4xx is a request that
 * would fail the same way again.
 */
export function twilioOutcome(error: TwilioError): SendOutcome {
  const code = typeof error.code === 'number' ? error.code : undefined;
  const status = error.status;
  const reason = `Twilio ${[status, code ?? error.code].filter((part) => part !== undefined).join('/') || 'error'}: ${
    error.message ?? 'no message'
  }`.slice(0, 500);
  if (code !== undefined && UNREACHABLE_NUMBER.has(code)) return { kind: 'failed', reason, bounced: true };
  if (code === TWILIO_UNSUBSCRIBED) return { kind: 'failed', reason, bounced: false };
  if (status === 401 || code === 20003)
    return { kind: 'retry', reason: `Twilio authentication failed: ${reason}`, retryAfterMs: 300_000 };
  if (status === undefined || status === 429 || status >= 500) return { kind: 'retry', reason };
  return { kind: 'failed', reason, bounced: false };
}

/** `Promise.all` over `items` with at most `limit` calls in flight; results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
