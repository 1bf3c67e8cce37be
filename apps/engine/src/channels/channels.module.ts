import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { ChannelSettingsService } from './channel-settings.service';
import { ChannelTestMessageController } from './channel-test-message.controller';
import { ChannelsController } from './channels.controller';
import { ChannelsProcessor } from './channels.processor';
import { MessageActionsService } from './message-actions.service';
import { MessageLinks } from './message-links';
import { ResponseRepository } from './response.repository';
import { TemplateService } from './template.service';
import { TrackingController } from './tracking.controller';
import { AudienceExportController } from './audience-export.controller';
import { AudienceExportService } from './audience-export.service';
import { AudienceRepository } from './audience.repository';
import { CouponRedemptions } from './coupon-redemptions';
import { DmBatchRepository } from './dm-batch.repository';
import { DmBatchesController } from './dm-batches.controller';
import { DmBatchesService } from './dm-batches.service';
import { PackageInsertRepository } from './package-insert.repository';
import { PackageInsertsController } from './package-inserts.controller';
import { PackageInsertsService } from './package-inserts.service';
import { DmDelivery } from './transports/dm.delivery';
import { RecordCouponRedemptionsUseCase } from './use-cases/record-coupon-redemptions.use-case';
import { CHANNEL_DELIVERIES, type ChannelDelivery } from './transports/channel-delivery';
import { EmailDelivery } from './transports/email.delivery';
import { LineDelivery } from './transports/line.delivery';
import { SmsDelivery } from './transports/sms.delivery';
import { SmsRepository } from './sms.repository';
import { TwilioWebhookController } from './webhooks/twilio-webhook.controller';
import { TwilioWebhookService } from './webhooks/twilio-webhook.service';
import { AttributeConversionsUseCase } from './use-cases/attribute-conversions.use-case';
import { ConversionTriggers } from './conversion-triggers';
import { DispatchOutboxUseCase } from './use-cases/dispatch-outbox.use-case';
import { HandleLineWebhookUseCase } from './use-cases/handle-line-webhook.use-case';
import { LinkLineAccountUseCase } from './use-cases/link-line-account.use-case';
import { LineAccountRepository } from './webhooks/line-account.repository';
import { LineLinkController } from './webhooks/line-link.controller';
import { LineLinkService } from './webhooks/line-link.service';
import { LineWebhookController } from './webhooks/line-webhook.controller';
import { SendMessagesUseCase } from './use-cases/send-messages.use-case';
import { SendTestMessageUseCase } from './use-cases/send-test-message.use-case';

@Module({
  imports: [WorkspaceModule, IdentityModule],
  controllers: [
    ChannelsController,
    TrackingController,
    TwilioWebhookController,
    LineWebhookController,
    LineLinkController,
    DmBatchesController,
    PackageInsertsController,
    AudienceExportController,
    ChannelTestMessageController,
  ],
  providers: [
    ChannelSettingsService,
    TemplateService,
    ResponseRepository,
    MessageLinks,
    MessageActionsService,
    EmailDelivery,
    LineDelivery,
    LineAccountRepository,
    LineLinkService,
    HandleLineWebhookUseCase,
    LinkLineAccountUseCase,
    SmsRepository,
    SmsDelivery,
    TwilioWebhookService,
    DmBatchRepository,
    DmDelivery,
    DmBatchesService,
    PackageInsertRepository,
    PackageInsertsService,
    AudienceRepository,
    AudienceExportService,
    RecordCouponRedemptionsUseCase,
    CouponRedemptions,
    {
      provide: CHANNEL_DELIVERIES,
      inject: [EmailDelivery, SmsDelivery, LineDelivery, DmDelivery],
      useFactory: (email: EmailDelivery, sms: SmsDelivery, line: LineDelivery, dm: DmDelivery): ChannelDelivery[] => [
        email,
        line,
        sms,
        dm,
      ],
    },
    DispatchOutboxUseCase,
    SendMessagesUseCase,
    SendTestMessageUseCase,
    AttributeConversionsUseCase,
    ConversionTriggers,
    ChannelsProcessor,
  ],
  exports: [
    ChannelSettingsService,
    TemplateService,
    ResponseRepository,
    DispatchOutboxUseCase,
    MessageLinks,
    AttributeConversionsUseCase,
  ],
})
export class ChannelsModule {}
