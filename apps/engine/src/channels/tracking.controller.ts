import { verifyLink, type LinkClaims } from '@kizuna/channels';
import { RateLimited } from '../infrastructure/http/rate-limits';
import type { Pool } from '@kizuna/db';
import { type Clock } from '@kizuna/shared';
import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { CLOCK } from '../infrastructure/clock.provider';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { SecretBox } from '../infrastructure/secrets/secret-box';
import { ResponseRepository } from './response.repository';

/** A transparent 1x1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

interface TrackedMessage {
  workspaceId: number;
  customerId: number;
  channel: string;
}

/**
 * The links in customers' messages (public: no API key; each link is signed for its message and
 * purpose). Opens and clicks are recorded once per message (and per destination); unsubscribing
 * revokes the channel's consent at once.
 */
@ApiExcludeController()
@Public()
@RateLimited('tracking')
@Controller('t')
export class TrackingController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly responses: ResponseRepository,
    private readonly changes: DataChangeNotifier,
  ) {}

  @Get('o/:token')
  async open(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = this.claims(token, 'open');
    const message = claims && (await this.message(claims));
    if (claims && message) {
      await this.responses.record([
        {
          ...this.base(message, claims),
          kind: 'opened',
          at: this.clock.now(),
          dedupeKey: `opened:${claims.messageId}`,
        },
      ]);
    }
    // The pixel either way: a mail client shows no broken image for a stale link.
    response.status(200).setHeader('Cache-Control', 'no-store').type('image/gif').send(PIXEL);
  }

  @Get('c/:token')
  async click(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = this.claims(token, 'click');
    const message = claims && (await this.message(claims));
    if (!claims?.url || !message || !/^https?:\/\//.test(claims.url)) {
      response.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    await this.responses.record([
      {
        ...this.base(message, claims),
        kind: 'clicked',
        at: this.clock.now(),
        detail: { url: claims.url },
        dedupeKey: `clicked:${claims.messageId}:${claims.url}`,
      },
    ]);
    response.redirect(302, claims.url);
  }

  /** The unsubscribe page: a button, so that mail scanners following links unsubscribe no one. */
  @Get('u/:token')
  async unsubscribePage(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = this.claims(token, 'unsubscribe');
    if (!claims || !(await this.message(claims))) {
      response.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    response
      .status(200)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
          `<title>配信停止</title><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">` +
          `<h1>配信停止</h1><p>今後このお知らせを受け取らないようにします。</p>` +
          `<form method="post"><button type="submit" style="font-size:1.1rem;padding:.6rem 1.2rem">配信を停止する</button></form></body></html>`,
      );
  }

  /** RFC 8058 one-click (the mail client POSTs `List-Unsubscribe=One-Click`) and the page's button. */
  @Post('u/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = this.claims(token, 'unsubscribe');
    const message = claims && (await this.message(claims));
    if (!claims || !message) {
      response.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    const now = this.clock.now();
    if (['email', 'line', 'sms', 'dm'].includes(message.channel)) {
      await this.pool.query(
        `INSERT INTO consent (workspace_id, customer_id, channel, status, source, recorded_at)
         VALUES ($1, $2, $3::consent_channel, 'revoked', 'unsubscribe-link', $4) ON CONFLICT DO NOTHING`,
        [message.workspaceId, message.customerId, message.channel, now],
      );
    }
    await this.responses.record([
      { ...this.base(message, claims), kind: 'unsubscribed', at: now, dedupeKey: `unsubscribed:${claims.messageId}` },
    ]);
    await this.changes.notify({
      kind: 'customers',
      workspaceId: message.workspaceId,
      customerIds: [message.customerId],
    });
    response
      .status(200)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="ja"><meta charset="utf-8"><title>配信停止</title>` +
          `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto"><h1>配信を停止しました</h1></body></html>`,
      );
  }

  private claims(token: string, purpose: LinkClaims['purpose']): LinkClaims | null {
    const claims = verifyLink(token, this.secrets.linkKey);
    return claims?.purpose === purpose && /^\d{1,18}$/.test(claims.messageId) ? claims : null;
  }

  private async message(claims: LinkClaims): Promise<TrackedMessage | undefined> {
    const { rows } = await this.pool.query<TrackedMessage>(
      `SELECT workspace_id AS "workspaceId", customer_id AS "customerId", channel FROM message WHERE workspace_id = $1 AND id = $2`,
      [claims.workspaceId, claims.messageId],
    );
    return rows[0];
  }

  private base(message: TrackedMessage, claims: LinkClaims) {
    return { workspaceId: message.workspaceId, customerId: message.customerId, messageId: claims.messageId };
  }
}
