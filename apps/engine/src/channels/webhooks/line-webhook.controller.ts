import { Controller, Headers, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { RateLimited } from '../../infrastructure/http/rate-limits';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../auth/public.decorator';
import { HandleLineWebhookUseCase } from '../use-cases/handle-line-webhook.use-case';

/**
 * LINE's webhook, one URL per workspace (`/webhooks/line/<workspace slug>`, set as the channel's
 * Webhook URL in the LINE Developers console). Public: LINE signs each body with the channel
 * secret (`X-Line-Signature`), checked against the raw bytes before anything is read. 200 tells
 * LINE the events are stored; any other answer makes it redeliver them (when redelivery is on).
 */
@ApiExcludeController()
@Public()
@RateLimited('webhooks')
@Controller('webhooks/line')
export class LineWebhookController {
  constructor(private readonly webhook: HandleLineWebhookUseCase) {}

  @Post(':workspace')
  @HttpCode(200)
  receive(
    @Param('workspace') slug: string,
    @Headers('x-line-signature') signature: string | undefined,
    @Req() request: RawBodyRequest<Request>,
  ): Promise<{ events: number }> {
    return this.webhook.execute(slug, { rawBody: request.rawBody, signature, body: request.body });
  }
}
