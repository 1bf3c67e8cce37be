import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { TestMessageBodySchema, type TestMessageBody } from './test-message.schema';
import { SendTestMessageUseCase } from './use-cases/send-test-message.use-case';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Channels')
@ApiBearerAuth()
@Controller('v1/channels')
export class ChannelTestMessageController {
  constructor(private readonly sendTestMessage: SendTestMessageUseCase) {}

  /**
   * Sends a fixed test message to `to` through the channel's configured provider (email, line, sms):
   * 200 when the provider accepted it, 409 when the channel is not configured, 422 with the
   * provider's reason when it refused.
   */
  @Requires('messages.send')
  @Post(':channel/test-message')
  @HttpCode(200)
  send(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Body({ schema: TestMessageBodySchema }) body: TestMessageBody,
  ) {
    return this.sendTestMessage.execute(auth.workspaceId, channel, body.to);
  }
}
