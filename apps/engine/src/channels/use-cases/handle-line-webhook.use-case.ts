import type { Pool, PoolClient } from '@kizuna/db';
import { normaliseLineUserId } from '@kizuna/ingest';
import { DomainError, ValidationFailedError } from '@kizuna/shared';
import { validateSignature } from '@line/bot-sdk';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { ChannelSettingsService } from '../channel-settings.service';
import { ResponseRepository } from '../response.repository';
import { parsePostbackData } from '../transports/line-messages';
import { LineAccountRepository } from '../webhooks/line-account.repository';
import type {
  LineAccountLinkEvent,
  LineMessageEvent,
  LinePostbackEvent,
  LineWebhookEvent,
} from '../webhooks/line-webhook.schema';
import { parseLineWebhook } from '../webhooks/line-webhook.schema';
import { LinkLineAccountUseCase } from './link-line-account.use-case';

/** One answer for every refusal (unknown workspace, no LINE settings, bad signature): no probing for which. */
export class LineWebhookUnauthenticatedError extends DomainError {
  constructor() {
    super('unauthenticated', 'The X-Line-Signature does not verify for this webhook URL');
  }
}

/** What a webhook delivery brings: the raw bytes LINE signed, the signature, and the parsed body. */
export interface LineWebhookDelivery {
  rawBody: Buffer | undefined;
  signature: string | undefined;
  body: unknown;
}

const REPLY_TEXT_KEPT = 1_000;

/**
 * LINE's webhook for one workspace: verified by its channel secret, validated, then each event in
 * its own transaction. Every write is keyed by the event (consents by LINE's timestamp, responses by
 * webhookEventId, identities by their value), so LINE redelivering an event changes nothing twice.
 */
@Injectable()
export class HandleLineWebhookUseCase {
  private readonly logger = new Logger(HandleLineWebhookUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly settings: ChannelSettingsService,
    private readonly accounts: LineAccountRepository,
    private readonly responses: ResponseRepository,
    private readonly linking: LinkLineAccountUseCase,
    private readonly changes: DataChangeNotifier,
  ) {}

  async execute(slug: string, delivery: LineWebhookDelivery): Promise<{ events: number }> {
    const workspaceId = await this.verify(slug, delivery);
    const parsed = parseLineWebhook(delivery.body);
    if (!parsed.ok) {
      throw new ValidationFailedError(
        `Invalid LINE webhook body: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        parsed.issues,
      );
    }
    const changed = new Set<number>();
    for (const event of parsed.webhook.events) {
      const customers = await withTransaction(this.pool, (tx) => this.handle(tx, workspaceId, event));
      for (const id of customers) changed.add(id);
    }
    if (changed.size) await this.changes.notify({ kind: 'customers', workspaceId, customerIds: [...changed] });
    return { events: parsed.webhook.events.length };
  }

  /** The workspace, if the signature is LINE's: HMAC-SHA256 of the raw body with the channel secret. */
  private async verify(slug: string, delivery: LineWebhookDelivery): Promise<number> {
    const workspaceId = /^[A-Za-z0-9][\w-]{0,99}$/.test(slug) ? await this.accounts.workspaceIdBySlug(slug) : undefined;
    const settings = workspaceId === undefined ? undefined : await this.settings.resolve(workspaceId, 'line');
    const reason =
      workspaceId === undefined
        ? 'unknown workspace'
        : !settings
          ? 'no LINE settings'
          : !delivery.signature || !delivery.rawBody
            ? 'no signature'
            : validateSignature(delivery.rawBody, settings.secret.channelSecret, delivery.signature)
              ? null
              : 'signature mismatch';
    if (reason !== null || workspaceId === undefined) {
      this.logger.warn({ workspace: slug, reason }, 'LINE webhook refused');
      throw new LineWebhookUnauthenticatedError();
    }
    return workspaceId;
  }

  /** Handles one event; returns the customers whose identities or consent changed. */
  private async handle(tx: PoolClient, workspaceId: number, event: LineWebhookEvent): Promise<number[]> {
    if (event.type === 'ignored') return [];
    // Only one-to-one chats concern a customer: group and room events have no consent or reply to record.
    const userId = event.source?.type === 'user' ? event.source.userId : undefined;
    const lineUser = userId === undefined ? undefined : normaliseLineUserId(userId);
    if (!lineUser?.ok) return [];
    const at = new Date(event.timestamp);
    switch (event.type) {
      case 'follow': {
        // A new friend is a customer from now on (LINE-only until linked): the consent needs someone to belong to.
        const customerId = await this.linking.friend(tx, workspaceId, lineUser.value);
        const added = await this.accounts.recordLineConsent(workspaceId, customerId, 'granted', 'line-follow', at, tx);
        return added ? [customerId] : [];
      }
      case 'unfollow': {
        const customerId = await this.accounts.ownerOf(workspaceId, 'line', lineUser.value, tx);
        if (customerId === undefined) return [];
        const added = await this.accounts.recordLineConsent(
          workspaceId,
          customerId,
          'revoked',
          'line-unfollow',
          at,
          tx,
        );
        return added ? [customerId] : [];
      }
      case 'message':
        return this.onMessage(tx, workspaceId, event, lineUser.value, at);
      case 'postback':
        await this.onPostback(tx, workspaceId, event, lineUser.value, at);
        return [];
      case 'accountLink':
        return this.onAccountLink(tx, workspaceId, event, lineUser.value);
    }
  }

  /** A reply to the last LINE message the customer got; a member number or link nonce links the account. */
  private async onMessage(
    tx: PoolClient,
    workspaceId: number,
    event: LineMessageEvent,
    lineUserId: string,
    at: Date,
  ): Promise<number[]> {
    const owner = await this.accounts.ownerOf(workspaceId, 'line', lineUserId, tx);
    const text = event.message.type === 'text' ? (event.message.text ?? '').trim() : '';
    const linked = text ? await this.linking.fromText(tx, workspaceId, lineUserId, owner, text) : undefined;
    const customerId = linked?.customerId ?? owner;
    if (customerId === undefined) return [];
    const answered = await this.accounts.latestLineMessage(workspaceId, customerId, at, tx);
    await this.responses.record(
      [
        {
          workspaceId,
          customerId,
          messageId: answered?.id ?? null,
          kind: 'replied',
          at,
          channel: 'line',
          // A member number or nonce is a credential, not a reply worth keeping.
          detail: linked
            ? { messageType: event.message.type, linkedBy: linked.by }
            : { messageType: event.message.type, ...(text ? { text: text.slice(0, REPLY_TEXT_KEPT) } : {}) },
          dedupeKey: `line:${event.webhookEventId}`,
        },
      ],
      tx,
    );
    return linked && linked.customerId !== owner ? [linked.customerId] : [];
  }

  /** A tap on a postback button: recorded against the message its data names, if that message went to this user. */
  private async onPostback(
    tx: PoolClient,
    workspaceId: number,
    event: LinePostbackEvent,
    lineUserId: string,
    at: Date,
  ): Promise<void> {
    const { data, messageId } = parsePostbackData(event.postback.data);
    const message = messageId ? await this.accounts.lineMessageTo(workspaceId, messageId, lineUserId, tx) : undefined;
    const customerId = (await this.accounts.ownerOf(workspaceId, 'line', lineUserId, tx)) ?? message?.customerId;
    if (customerId === undefined) return;
    await this.responses.record(
      [
        {
          workspaceId,
          customerId,
          messageId: message?.id ?? null,
          kind: 'postback',
          at,
          channel: 'line',
          detail: { data, ...(event.postback.params ? { params: event.postback.params } : {}) },
          dedupeKey: `line:${event.webhookEventId}`,
        },
      ],
      tx,
    );
  }

  /** LINE's account link flow ended: the nonce Kizuna issued for a customer names who this LINE user is. */
  private async onAccountLink(
    tx: PoolClient,
    workspaceId: number,
    event: LineAccountLinkEvent,
    lineUserId: string,
  ): Promise<number[]> {
    if (event.link.result !== 'ok') return [];
    const customerId = await this.linking.byNonce(tx, workspaceId, lineUserId, event.link.nonce);
    return customerId === undefined ? [] : [customerId];
  }
}
