import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { LineAccountRepository } from './line-account.repository';

/** How long a link nonce stays valid: the customer goes from the shop's login to LINE and back. */
export const LINE_LINK_NONCE_TTL_MS = 10 * 60_000;

/**
 * Nonces for LINE's account link flow (Messaging API, "Linking user accounts"): after the customer
 * logs in on the shop's site, the site asks for a nonce and sends the customer to
 * `https://access.line.me/dialog/bot/accountLink?linkToken=...&nonce=...`; LINE's accountLink event
 * brings the nonce back with the LINE user id, and the webhook links the two.
 */
@Injectable()
export class LineLinkService {
  constructor(
    private readonly accounts: LineAccountRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createNonce(workspaceId: number, customerId: number): Promise<{ nonce: string; expiresAt: Date }> {
    const current = await this.accounts.currentCustomer(workspaceId, customerId);
    if (current === undefined) throw new NotFoundError('customer', customerId);
    // 192 random bits, base64url: LINE asks for at least 128 bits, 10-255 characters.
    const nonce = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + LINE_LINK_NONCE_TTL_MS);
    await this.accounts.createLinkNonce(workspaceId, current, nonce, expiresAt, now);
    return { nonce, expiresAt };
  }
}
