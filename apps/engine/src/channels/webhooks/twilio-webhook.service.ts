import { classifySmsReply, type SmsReplyIntent, type SmsSettings } from '@kizuna/channels';
import type { Pool } from '@kizuna/db';
import { normalisePhone } from '@kizuna/ingest';
import { DomainError, ValidationFailedError, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import twilio from 'twilio';
import type { z } from 'zod';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { ChannelSettingsService } from '../channel-settings.service';
import { ResponseRepository } from '../response.repository';
import { SmsRepository, type SmsMessageRef } from '../sms.repository';
import {
  TwilioInboundMessageSchema,
  TwilioStatusCallbackSchema,
  type TwilioInboundMessage,
  type TwilioStatusCallback,
} from './twilio-webhook.schema';
import { withoutNul } from './without-nul';

/** A webhook request as Twilio signed it: the public URL it called, the signature header, the form fields. */
export interface TwilioWebhook {
  url: string;
  signature: string | undefined;
  params: Record<string, unknown>;
}

interface SignedWorkspace {
  workspaceId: number;
  settings: SmsSettings;
}

/** Twilio error codes in a failed status callback that mean the handset or number cannot get SMS: bounced. */
const BOUNCE_CODES = new Set([
  '30003', // Unreachable destination handset
  '30005', // Unknown destination handset
  '30006', // Landline or unreachable carrier
  '21211', // Invalid 'To' phone number
  '21614', // 'To' number is not a valid mobile number
]);

/**
 * Twilio's webhooks: delivery reports of sent messages and messages customers send in. Every
 * request must carry a valid X-Twilio-Signature from the auth token of a workspace whose settings
 * name the posted AccountSid; anything else is refused before a row is read or written.
 */
@Injectable()
export class TwilioWebhookService {
  private readonly logger = new Logger(TwilioWebhookService.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: ChannelSettingsService,
    private readonly sms: SmsRepository,
    private readonly responses: ResponseRepository,
    private readonly changes: DataChangeNotifier,
  ) {}

  /** A status callback: delivered, or undelivered/failed with Twilio's error code. Other statuses change nothing. */
  async status(webhook: TwilioWebhook): Promise<void> {
    const workspaces = await this.authenticate(webhook);
    const callback = parse(TwilioStatusCallbackSchema, webhook.params);
    const messageId = new URL(webhook.url).searchParams.get('m');
    for (const { workspaceId } of workspaces) {
      const message = await this.sms.messageForStatus(
        workspaceId,
        callback.MessageSid,
        messageId && /^\d{1,18}$/.test(messageId) ? messageId : null,
      );
      if (message) {
        await this.applyStatus(workspaceId, message, callback);
        return;
      }
    }
    this.logger.warn({ status: callback.MessageStatus }, 'status callback for an unknown SMS');
  }

  /**
   * An incoming message: an opt-out keyword revokes SMS consent and counts as the latest message's
   * unsubscribe; an opt-in keyword grants it again; anything else is a reply to the latest message.
   */
  async inbound(webhook: TwilioWebhook): Promise<void> {
    const workspaces = await this.authenticate(webhook);
    const message = parse(TwilioInboundMessageSchema, webhook.params);
    const phone = normalisePhone(message.From);
    if (!phone.ok) return; // A short code or an alphanumeric sender: no customer has it.
    const intent: SmsReplyIntent =
      message.OptOutType === 'STOP'
        ? 'opt-out'
        : message.OptOutType === 'START'
          ? 'opt-in'
          : classifySmsReply(message.Body);
    // One account can serve several workspaces: the one that sends from the number written to, else each.
    const addressed = workspaces.filter((w) => w.settings.public.fromNumber === message.To);
    for (const { workspaceId } of addressed.length ? addressed : workspaces) {
      await this.receive(workspaceId, phone.value, intent, message);
    }
  }

  private async authenticate(webhook: TwilioWebhook): Promise<SignedWorkspace[]> {
    const accountSid = webhook.params.AccountSid;
    const signed: SignedWorkspace[] = [];
    if (webhook.signature && typeof accountSid === 'string') {
      for (const workspaceId of await this.sms.workspacesForAccount(accountSid)) {
        const settings = await this.settings.resolve(workspaceId, 'sms');
        if (
          settings &&
          twilio.validateRequest(settings.secret.authToken, webhook.signature, webhook.url, webhook.params)
        )
          signed.push({ workspaceId, settings });
      }
    }
    if (!signed.length) {
      this.logger.warn({ path: new URL(webhook.url).pathname }, 'Twilio webhook refused: bad or missing signature');
      throw new DomainError('forbidden', 'X-Twilio-Signature is missing or does not match this request');
    }
    return signed;
  }

  private async applyStatus(workspaceId: number, message: SmsMessageRef, callback: TwilioStatusCallback) {
    const status = callback.MessageStatus;
    const at = this.clock.now();
    const base = {
      workspaceId,
      customerId: message.customerId,
      messageId: message.id,
      at,
      dedupeKey: `twilio-status:${message.id}:${callback.MessageSid}:${status}`,
    };
    if (status === 'delivered') {
      await withTransaction(this.pool, async (db) => {
        await this.sms.markDelivered(workspaceId, message.id, at, db);
        await this.responses.record([{ ...base, kind: 'delivered', detail: { status } }], db);
      });
    } else if (status === 'undelivered' || status === 'failed') {
      const errorCode = callback.ErrorCode ?? null;
      const kind = errorCode && BOUNCE_CODES.has(errorCode) ? 'bounced' : 'failed';
      await withTransaction(this.pool, async (db) => {
        await this.sms.markUndelivered(
          workspaceId,
          message.id,
          kind,
          `Twilio ${status} (${errorCode ?? 'no code'})`,
          db,
        );
        await this.responses.record([{ ...base, kind, detail: { status, errorCode } }], db);
      });
    }
  }

  private async receive(workspaceId: number, phone: string, intent: SmsReplyIntent, message: TwilioInboundMessage) {
    const customerId = await this.sms.customerByPhone(workspaceId, phone);
    if (!customerId) return;
    const repliedTo = await this.sms.latestSentTo(workspaceId, customerId, phone);
    const at = this.clock.now();
    const response = {
      workspaceId,
      customerId,
      messageId: repliedTo,
      channel: 'sms',
      at,
      dedupeKey: `twilio-inbound:${message.MessageSid}`,
    };
    const consentChanged = await withTransaction(this.pool, async (db) => {
      if (intent === 'message') {
        await this.responses.record(
          [
            {
              ...response,
              kind: 'replied',
              detail: { text: message.Body.slice(0, 1_600), messageSid: message.MessageSid },
            },
          ],
          db,
        );
        return false;
      }
      const changed = await this.sms.recordConsent(
        workspaceId,
        customerId,
        intent === 'opt-out' ? 'revoked' : 'granted',
        'sms-keyword',
        at,
        db,
      );
      if (intent === 'opt-out')
        await this.responses.record(
          [
            {
              ...response,
              kind: 'unsubscribed',
              detail: { keyword: message.Body.trim(), messageSid: message.MessageSid },
            },
          ],
          db,
        );
      return changed;
    });
    this.logger.log({ workspaceId, customerId, messageId: repliedTo, intent }, 'SMS received');
    if (consentChanged) await this.changes.notify({ kind: 'customers', workspaceId, customerIds: [customerId] });
  }
}

/** Parses a webhook form; errors name the field and the reason, never a value (phone numbers, texts). */
function parse<S extends z.ZodType>(schema: S, params: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(withoutNul(params));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new ValidationFailedError(
    `Invalid Twilio webhook: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    issues,
  );
}
