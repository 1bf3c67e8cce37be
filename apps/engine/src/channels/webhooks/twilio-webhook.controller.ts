import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RateLimited } from '../../infrastructure/http/rate-limits';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/public.decorator';
import { MessageLinks } from '../message-links';
import { TwilioWebhookService, type TwilioWebhook } from './twilio-webhook.service';

/**
 * Twilio's webhooks (public: no API key; each request is checked against X-Twilio-Signature).
 * Set `https://<KIZUNA_PUBLIC_URL>/webhooks/twilio/inbound` as the number's (or messaging
 * service's) "A message comes in" URL; status callbacks are named in every send.
 */
@ApiExcludeController()
@Public()
@RateLimited('webhooks')
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  constructor(
    private readonly webhooks: TwilioWebhookService,
    private readonly links: MessageLinks,
  ) {}

  @Post('status')
  @HttpCode(200)
  async status(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.webhooks.status(this.webhook(request));
    emptyTwiml(response);
  }

  @Post('inbound')
  @HttpCode(200)
  async inbound(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.webhooks.inbound(this.webhook(request));
    emptyTwiml(response);
  }

  private webhook(request: Request): TwilioWebhook {
    const body: unknown = request.body;
    return {
      // Twilio signs the URL it called; behind a proxy that is the public URL, not what Host says.
      url: `${this.links.baseUrl}${request.originalUrl}`,
      signature: request.header('x-twilio-signature'),
      params: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
    };
  }
}

/** No automatic reply: Twilio sends nothing back for an empty <Response/>. */
function emptyTwiml(response: Response): void {
  response.status(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
}
