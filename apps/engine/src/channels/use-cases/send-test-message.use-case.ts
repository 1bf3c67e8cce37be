import type { EmailTemplate, LineTemplate, SmsTemplate, TemplateContent } from '@kizuna/channels';
import { ConflictError, DomainError, ValidationFailedError } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChannelSettingsService } from '../channel-settings.service';
import {
  isTestMessageChannel,
  recipientIssue,
  TEST_MESSAGE_CHANNELS,
  type TestMessageChannel,
} from '../test-message.schema';
import { CHANNEL_DELIVERIES, type ChannelDelivery, type DeliveryItem } from '../transports/channel-delivery';

export interface TestMessageResult {
  channel: TestMessageChannel;
  to: string;
  /** The provider's id of the message (SMTP Message-ID, Twilio SID...), when it gives one. */
  providerMessageId: string | null;
  /** False when the provider only accepted it and reports delivery later (SMS). */
  delivered: boolean;
}

const TEXT_JA = 'これは Kizuna からのテストメッセージです。チャネル設定は正しく動作しています。';
const TEXT_EN = 'This is a test message from Kizuna: the channel settings work.';

const TEMPLATES: Record<TestMessageChannel, TemplateContent> = {
  email: {
    channel: 'email',
    subject: 'Kizuna テストメッセージ / test message',
    html: `<p>${TEXT_JA}</p><p>${TEXT_EN}</p>`,
    text: `${TEXT_JA}\n\n${TEXT_EN}`,
    fallbacks: {},
  } satisfies EmailTemplate,
  line: {
    channel: 'line',
    messages: [{ type: 'text', text: `${TEXT_JA}\n${TEXT_EN}` }],
    fallbacks: {},
  } satisfies LineTemplate,
  sms: { channel: 'sms', body: `Kizuna: ${TEXT_JA}`, fallbacks: {} } satisfies SmsTemplate,
};

/**
 * Sends one fixed message to an address the marketer typed, through the workspace's configured
 * provider and the same transport journeys use, so a wrong SMTP URL, token or sender number shows
 * up now rather than on the first campaign. Nothing is recorded: the recipient need not be a
 * customer, and the message is not part of any journey's statistics.
 */
@Injectable()
export class SendTestMessageUseCase {
  private readonly logger = new Logger(SendTestMessageUseCase.name);

  constructor(
    private readonly settings: ChannelSettingsService,
    @Inject(CHANNEL_DELIVERIES) private readonly deliveries: readonly ChannelDelivery[],
  ) {}

  async execute(workspaceId: number, channel: string, to: string): Promise<TestMessageResult> {
    if (!isTestMessageChannel(channel)) {
      throw new ValidationFailedError(`A test message cannot be sent through "${channel}"`, [
        { field: 'channel', message: `must be one of ${TEST_MESSAGE_CHANNELS.join(', ')}` },
      ]);
    }
    const issue = recipientIssue(channel, to);
    if (issue) throw new ValidationFailedError(`Invalid recipient: to ${issue}`, [{ field: 'to', message: issue }]);
    // Without settings the transport would use its sandbox and report success: that tests nothing.
    if (!(await this.settings.resolve(workspaceId, channel))) {
      throw new ConflictError(`The ${channel} channel is not configured: save its settings first`, { channel });
    }
    const delivery = this.deliveries.find((candidate) => candidate.channel === channel);
    if (!delivery) throw new ConflictError(`No transport for the ${channel} channel`, { channel });

    const messageId = `test-${randomUUID()}`;
    const item: DeliveryItem = {
      messageId,
      idempotencyKey: messageId,
      workspaceId,
      // Not a customer: no consent is checked or recorded for a test the marketer sends to themself.
      customerId: 0,
      journeyId: null,
      nodeId: null,
      recipient: to,
      template: TEMPLATES[channel],
      data: {
        customer: {
          id: 0,
          familyName: null,
          givenName: null,
          familyNameKana: null,
          givenNameKana: null,
          fullName: null,
          prefecture: null,
          city: null,
          attributes: {},
        },
        coupon: { code: null },
        message: { id: messageId },
      },
      postalAddress: {
        postalCode: null,
        prefecture: null,
        city: null,
        addressLine1: null,
        addressLine2: null,
        familyName: null,
        givenName: null,
      },
      attempt: 1,
    };
    const [result] = await delivery.deliver(workspaceId, [item]);
    const outcome = result?.outcome;
    this.logger.log({ workspaceId, channel, outcome: outcome?.kind }, 'test message');
    if (outcome?.kind === 'sent') {
      return { channel, to, providerMessageId: outcome.providerMessageId, delivered: outcome.delivered };
    }
    const reason = outcome ? outcome.reason : 'the transport returned no result';
    throw new DomainError('unprocessable', `The ${channel} provider did not accept the test message: ${reason}`, {
      channel,
      reason,
    });
  }
}
