import { Module } from '@nestjs/common';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { ChannelSettingsService } from './channel-settings.service';
import { ChannelsController } from './channels.controller';
import { ChannelsProcessor } from './channels.processor';
import { MessageActionsService } from './message-actions.service';
import { MessageLinks } from './message-links';
import { ResponseRepository } from './response.repository';
import { TemplateService } from './template.service';
import { TrackingController } from './tracking.controller';
import { CHANNEL_DELIVERIES, type ChannelDelivery } from './transports/channel-delivery';
import { EmailDelivery } from './transports/email.delivery';
import { SandboxDelivery } from './transports/sandbox.delivery';
import { AttributeConversionsUseCase } from './use-cases/attribute-conversions.use-case';
import { ConversionTriggers } from './conversion-triggers';
import { DispatchOutboxUseCase } from './use-cases/dispatch-outbox.use-case';
import { SendMessagesUseCase } from './use-cases/send-messages.use-case';

@Module({
  imports: [WorkspaceModule],
  controllers: [ChannelsController, TrackingController],
  providers: [
    ChannelSettingsService,
    TemplateService,
    ResponseRepository,
    MessageLinks,
    MessageActionsService,
    EmailDelivery,
    {
      provide: CHANNEL_DELIVERIES,
      inject: [EmailDelivery],
      useFactory: (email: EmailDelivery): ChannelDelivery[] => [
        email,
        new SandboxDelivery('line'),
        new SandboxDelivery('sms'),
        new SandboxDelivery('dm'),
      ],
    },
    DispatchOutboxUseCase,
    SendMessagesUseCase,
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
