import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ChannelSettingsService } from './channel-settings.service';
import { MessageActionsService } from './message-actions.service';
import { TemplateService } from './template.service';
import { Requires } from '../auth/requires.decorator';

const TemplateBodySchema = z.object({ name: z.string().min(1).max(200).optional(), content: z.unknown() }).strict();
const PreviewBodySchema = z.object({ customerId: z.number().int().positive() }).strict();

@ApiTags('Channels')
@ApiBearerAuth()
@Controller('v1')
export class ChannelsController {
  constructor(
    private readonly settings: ChannelSettingsService,
    private readonly templates: TemplateService,
    private readonly messages: MessageActionsService,
  ) {}

  /** Which channels have a provider configured (public parts only: secrets never leave the engine). */
  @Requires('settings.read')
  @Get('channels')
  listSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.settings.list(auth.workspaceId);
  }

  /** `{ public: {...}, secret: {...} }` for email (SMTP URL), line (token, secret) or sms (Twilio). */
  @Requires('settings.manage')
  @Put('channels/:channel')
  putSettings(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Body() body: unknown,
  ) {
    return this.settings.put(auth.workspaceId, channel, body);
  }

  /** Back to the sandbox transport for this channel. */
  @Requires('settings.manage')
  @Delete('channels/:channel')
  @HttpCode(204)
  async deleteSettings(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
  ): Promise<void> {
    await this.settings.remove(auth.workspaceId, channel);
  }

  @Requires('journeys.read')
  @Get('templates')
  listTemplates(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.templates.list(auth.workspaceId);
  }

  @Requires('journeys.read')
  @Get('templates/:channel/:key')
  getTemplate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Param('key') key: string,
  ) {
    return this.templates.get(auth.workspaceId, channel, key);
  }

  /** Creates or replaces a channel's template of this key (Liquid; checked for syntax when saved). */
  @Requires('templates.write')
  @Put('templates/:channel/:key')
  putTemplate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Param('key') key: string,
    @Body({ schema: TemplateBodySchema }) body: z.infer<typeof TemplateBodySchema>,
  ) {
    return this.templates.put(auth.workspaceId, channel, key, body);
  }

  @Requires('templates.write')
  @Delete('templates/:channel/:key')
  @HttpCode(204)
  async deleteTemplate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Param('key') key: string,
  ): Promise<void> {
    await this.templates.remove(auth.workspaceId, channel, key);
  }

  /** The template rendered for one customer, as it would be sent (nothing is sent). */
  @Requires('templates.write')
  @Post('templates/:channel/:key/preview')
  @HttpCode(200)
  previewTemplate(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('channel') channel: string,
    @Param('key') key: string,
    @Body({ schema: PreviewBodySchema }) body: z.infer<typeof PreviewBodySchema>,
  ) {
    return this.messages.preview(auth.workspaceId, channel, key, body.customerId);
  }

  /** A message with its responses (delivery, opens, clicks, replies...). */
  @Requires('personal_data.read')
  @Get('messages/:id')
  getMessage(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id') id: string) {
    return this.messages.get(auth.workspaceId, id);
  }

  /** Dead letters: messages that failed after every retry, with the reason. */
  @Requires('personal_data.read')
  @Get('messages')
  listFailed(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.messages.failed(auth.workspaceId);
  }

  /** Queues a failed message again (after the cause is fixed). */
  @Requires('messages.send')
  @Post('messages/:id/retry')
  @HttpCode(200)
  retry(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id') id: string) {
    return this.messages.retry(auth.workspaceId, id);
  }
}
