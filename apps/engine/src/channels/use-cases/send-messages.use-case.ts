import type { Pool } from '@kizuna/db';
import { retryDelayMs, TemplateContentSchema, type MessageChannel, type TemplateContent } from '@kizuna/channels';
import { groupBy, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { recommendedSeriesSql } from '../cross-sell-recommendation.sql';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import {
  CHANNEL_DELIVERIES,
  type ChannelDelivery,
  type DeliveryItem,
  type DeliveryResult,
  type PostalAddress,
} from '../transports/channel-delivery';
import { ResponseRepository, type NewResponse } from '../response.repository';

/** Tries of a message before it is left failed (a dead letter, retried by hand). */
export const MAX_SEND_ATTEMPTS = 6;
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 3_600_000;

interface ClaimedMessage {
  id: string;
  workspaceId: number;
  customerId: number;
  journeyId: number | null;
  nodeId: string | null;
  channel: MessageChannel;
  templateId: string | null;
  idempotencyKey: string;
  attempts: number;
  couponCode: string | null;
  template: unknown;
  consent: string | null;
  recipient: string | null;
  familyName: string | null;
  givenName: string | null;
  familyNameKana: string | null;
  givenNameKana: string | null;
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  attributes: Record<string, unknown>;
  status: string;
  recommendedSeries: string | null;
  recommendationConfidence: number | null;
  recommendationLift: number | null;
}

/** The identity each channel sends to. */
const RECIPIENT_KIND: Record<MessageChannel, string | null> = { email: 'email', line: 'line', sms: 'phone', dm: null };

/**
 * Sends claimed outbox messages of one channel: reads each with its customer, recipient, current
 * consent and template; renders and sends through the channel's delivery; records the outcome on
 * the message and as a response. Consent is checked again here: a customer who unsubscribed after
 * the step but before the send gets nothing.
 */
@Injectable()
export class SendMessagesUseCase {
  private readonly logger = new Logger(SendMessagesUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHANNEL_DELIVERIES) private readonly deliveries: ChannelDelivery[],
    private readonly responses: ResponseRepository,
  ) {}

  async execute(channel: MessageChannel, messageIds: readonly string[]): Promise<void> {
    const delivery = this.deliveries.find((d) => d.channel === channel);
    if (!delivery) throw new Error(`no delivery for channel ${channel}`);
    const messages = await this.load(channel, messageIds);
    const byWorkspace = groupBy(messages, (message) => message.workspaceId);
    for (const [workspaceId, batch] of byWorkspace) {
      const ready: DeliveryItem[] = [];
      const immediate: DeliveryResult[] = [];
      const suppressed = new Set<string>();
      for (const message of batch) {
        const problem = this.unsendable(message);
        if (problem) {
          // Consent withdrawn between the step and the send: nothing goes, as if suppressed at the step.
          if (problem.suppressed) suppressed.add(message.id);
          immediate.push({
            messageId: message.id,
            outcome: { kind: 'failed', reason: problem.reason, bounced: false },
            rendered: {},
          });
          continue;
        }
        ready.push(this.item(message));
      }
      let results: DeliveryResult[] = [];
      try {
        results = ready.length ? await delivery.deliver(workspaceId, ready) : [];
      } catch (error) {
        // The provider client itself failed (not one message): every message of the batch retries.
        this.logger.error({ err: error, workspaceId, channel }, 'delivery failed');
        results = ready.map((item) => ({
          messageId: item.messageId,
          outcome: { kind: 'retry', reason: (error as Error).message },
          rendered: {},
        }));
      }
      await this.record(batch, [...immediate, ...results], suppressed);
    }
  }

  /** Why a message cannot go at all: no consent any more, no address, no template. */
  private unsendable(message: ClaimedMessage): { reason: string; suppressed?: true } | null {
    if (message.channel !== 'dm' && message.consent !== 'granted') return { reason: 'no-consent', suppressed: true };
    if (message.channel === 'dm' && message.consent === 'revoked') return { reason: 'no-consent', suppressed: true };
    if (!message.template)
      return { reason: `template-missing: no ${message.channel} template "${message.templateId}"` };
    if (message.channel === 'dm' ? !message.postalCode || !message.addressLine1 : !message.recipient)
      return { reason: 'no-recipient' };
    return null;
  }

  private item(message: ClaimedMessage): DeliveryItem {
    const template = TemplateContentSchema.parse(message.template);
    const couponCode = message.couponCode ?? couponFor(template, message.idempotencyKey);
    message.couponCode = couponCode;
    const postalAddress: PostalAddress = {
      postalCode: message.postalCode,
      prefecture: message.prefecture,
      city: message.city,
      addressLine1: message.addressLine1,
      addressLine2: message.addressLine2,
      familyName: message.familyName,
      givenName: message.givenName,
    };
    const fullName = [message.familyName, message.givenName].filter(Boolean).join(' ') || null;
    return {
      messageId: message.id,
      idempotencyKey: message.idempotencyKey,
      workspaceId: message.workspaceId,
      customerId: message.customerId,
      journeyId: message.journeyId,
      nodeId: message.nodeId,
      recipient: message.channel === 'dm' ? `customer:${message.customerId}` : message.recipient!,
      template,
      data: {
        customer: {
          id: message.customerId,
          familyName: message.familyName,
          givenName: message.givenName,
          familyNameKana: message.familyNameKana,
          givenNameKana: message.givenNameKana,
          fullName,
          prefecture: message.prefecture,
          city: message.city,
          attributes: message.attributes,
        },
        coupon: { code: couponCode },
        message: { id: message.id },
        ...(message.recommendedSeries === null
          ? {}
          : {
              recommendation: {
                series: message.recommendedSeries,
                confidence: message.recommendationConfidence!,
                lift: message.recommendationLift!,
              },
            }),
      },
      postalAddress,
      attempt: message.attempts + 1,
    };
  }

  private async load(channel: MessageChannel, ids: readonly string[]): Promise<ClaimedMessage[]> {
    const kind = RECIPIENT_KIND[channel];
    const { rows } = await this.pool.query<ClaimedMessage>(
      `SELECT m.id::text, m.workspace_id AS "workspaceId", m.customer_id AS "customerId", m.journey_id AS "journeyId",
         m.node_id AS "nodeId", m.channel, m.template_id AS "templateId", m.idempotency_key AS "idempotencyKey",
         m.attempts, m.coupon_code AS "couponCode", m.status, t.content AS template,
         (SELECT status::text FROM consent k WHERE k.workspace_id = m.workspace_id AND k.customer_id = m.customer_id
            AND k.channel::text = m.channel ORDER BY recorded_at DESC, id DESC LIMIT 1) AS consent,
         (SELECT value FROM customer_identity i WHERE i.workspace_id = m.workspace_id AND i.customer_id = m.customer_id
            AND i.kind::text = $3 ORDER BY i.id DESC LIMIT 1) AS recipient,
         c.family_name AS "familyName", c.given_name AS "givenName", c.family_name_kana AS "familyNameKana",
         c.given_name_kana AS "givenNameKana", c.postal_code AS "postalCode", c.prefecture, c.city,
         c.address_line1 AS "addressLine1", c.address_line2 AS "addressLine2", c.attributes,
         rec.series AS "recommendedSeries", rec.confidence AS "recommendationConfidence", rec.lift AS "recommendationLift"
       FROM message m
       JOIN customer c ON c.id = m.customer_id
       LEFT JOIN message_template t ON t.workspace_id = m.workspace_id AND t.key = m.template_id AND t.channel = m.channel
       LEFT JOIN LATERAL (${recommendedSeriesSql('m.workspace_id', 'm.customer_id', "t.content::text LIKE '%recommendation%'")}) rec ON true
       WHERE m.id = ANY($1::bigint[]) AND m.channel = $2 AND m.status = 'sending'
       ORDER BY m.id`,
      [ids, channel, kind],
    );
    return rows;
  }

  private async record(
    messages: readonly ClaimedMessage[],
    results: readonly DeliveryResult[],
    suppressed: ReadonlySet<string>,
  ): Promise<void> {
    const now = this.clock.now();
    const byId = new Map(messages.map((m) => [m.id, m]));
    const updates: {
      id: string;
      status: string;
      nextAttemptAt: Date | null;
      providerId: string | null;
      error: string | null;
      rendered: string;
      delivered: boolean;
      dmBatchId: number | null;
    }[] = [];
    const responses: NewResponse[] = [];
    for (const result of results) {
      const message = byId.get(result.messageId);
      if (!message) continue;
      const attempts = message.attempts + 1;
      const rendered = JSON.stringify(result.rendered);
      const outcome = result.outcome;
      const base = { id: message.id, rendered, dmBatchId: result.dmBatchId ?? null };
      if (outcome.kind === 'sent') {
        updates.push({
          ...base,
          status: outcome.delivered ? 'delivered' : 'sent',
          nextAttemptAt: null,
          providerId: outcome.providerMessageId,
          error: null,
          delivered: outcome.delivered,
        });
        if (outcome.delivered) responses.push(this.response(message, 'delivered', now, `delivered:${message.id}`));
      } else if (outcome.kind === 'retry' && attempts < MAX_SEND_ATTEMPTS) {
        const delay = outcome.retryAfterMs ?? retryDelayMs(attempts, RETRY_BASE_MS, RETRY_CAP_MS, Math.random);
        updates.push({
          ...base,
          status: 'queued',
          nextAttemptAt: new Date(now.getTime() + delay),
          providerId: null,
          error: outcome.reason,
          delivered: false,
        });
      } else {
        const reason = outcome.reason;
        if (suppressed.has(message.id)) {
          updates.push({
            ...base,
            status: 'suppressed',
            nextAttemptAt: null,
            providerId: null,
            error: reason,
            delivered: false,
          });
          continue;
        }
        const bounced = outcome.kind === 'failed' && outcome.bounced;
        updates.push({
          ...base,
          status: bounced ? 'bounced' : 'failed',
          nextAttemptAt: null,
          providerId: null,
          error: reason,
          delivered: false,
        });
        responses.push(
          this.response(
            message,
            bounced ? 'bounced' : 'failed',
            now,
            `${bounced ? 'bounced' : 'failed'}:${message.id}:${attempts}`,
            { reason },
          ),
        );
      }
    }
    if (!updates.length) return;
    await this.pool.query(
      // A provider's delivery report can arrive before this write (it sets delivered_at): keep it delivered.
      `UPDATE message m SET status = CASE WHEN u.status = 'sent' AND m.delivered_at IS NOT NULL THEN 'delivered' ELSE u.status END,
         attempts = m.attempts + 1, next_attempt_at = u.next_attempt_at,
         provider_message_id = COALESCE(u.provider_id, m.provider_message_id), rendered = u.rendered,
         last_error = CASE WHEN u.status = 'suppressed' THEN m.last_error ELSE u.error END,
         suppression_reason = CASE WHEN u.status = 'suppressed' THEN u.error ELSE m.suppression_reason END,
         recipient = COALESCE(u.recipient, m.recipient), coupon_code = COALESCE(u.coupon, m.coupon_code),
         sent_at = CASE WHEN u.status IN ('sent', 'delivered') THEN $2::timestamptz ELSE m.sent_at END,
         delivered_at = CASE WHEN u.delivered THEN $2::timestamptz ELSE m.delivered_at END,
         dm_batch_id = COALESCE(u.dm_batch_id, m.dm_batch_id)
       FROM unnest($1::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::jsonb[], $8::boolean[], $9::text[], $10::text[], $11::integer[])
         AS u(id, status, next_attempt_at, provider_id, error, rendered, delivered, recipient, coupon, dm_batch_id)
       WHERE m.id = u.id AND m.status = 'sending'`,
      [
        updates.map((u) => u.id),
        now,
        updates.map((u) => u.status),
        updates.map((u) => u.nextAttemptAt),
        updates.map((u) => u.providerId),
        updates.map((u) => u.error),
        updates.map((u) => u.rendered),
        updates.map((u) => u.delivered),
        updates.map((u) => byId.get(u.id)!.recipient),
        updates.map((u) => byId.get(u.id)!.couponCode),
        updates.map((u) => u.dmBatchId),
      ],
    );
    await this.responses.record(responses);
  }

  private response(
    message: ClaimedMessage,
    kind: NewResponse['kind'],
    at: Date,
    dedupeKey: string,
    detail: Record<string, unknown> = {},
  ): NewResponse {
    return {
      workspaceId: message.workspaceId,
      customerId: message.customerId,
      messageId: message.id,
      kind,
      at,
      dedupeKey,
      detail,
    };
  }
}

/**
 * A coupon code unique to the message and stable across retries: the prefix and ten characters
 * of the hash of its idempotency key (Crockford base32, no I/L/O/U to misread when typed).
 */
export function couponFor(template: TemplateContent, idempotencyKey: string): string | null {
  if (!template.couponPrefix) return null;
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = createHash('sha256').update(idempotencyKey).digest();
  let code = '';
  for (let i = 0; i < 10; i++) code += alphabet.charAt(digest[i]! % 32);
  return `${template.couponPrefix}-${code}`;
}
