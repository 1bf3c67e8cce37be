import type { PoolClient } from '@kizuna/db';
import { normaliseMemberNo, type IdentityClaim } from '@kizuna/ingest';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ResolveCustomersUseCase } from '../../identity/resolve-customers.use-case';
import { CLOCK } from '../../infrastructure/clock.provider';
import { LineAccountRepository } from '../webhooks/line-account.repository';

/** Link nonces are 32 base64url characters (see LineLinkService); member numbers are shorter. */
const NONCE_SHAPE = /^[A-Za-z0-9_-]{32}$/;
/** A text is tried as a member number only when it is one short token (a reply "1" to a survey is not). */
const MEMBER_NO_SHAPE = /^[0-9A-Za-z]{4,32}$/;

/**
 * Joins a LINE user id to a customer, inside the webhook's transaction and through identity
 * resolution (so the LINE-only record a follow created is merged, never duplicated): by a link
 * nonce (LINE's account link flow: strong), or by a member number typed in the chat (weak).
 */
@Injectable()
export class LinkLineAccountUseCase {
  private readonly logger = new Logger(LinkLineAccountUseCase.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accounts: LineAccountRepository,
    private readonly resolveCustomers: ResolveCustomersUseCase,
  ) {}

  /** A member number or link nonce typed in the chat, if it links the LINE user to a customer. */
  async fromText(
    tx: PoolClient,
    workspaceId: number,
    lineUserId: string,
    owner: number | undefined,
    text: string,
  ): Promise<{ customerId: number; by: 'nonce' | 'member' } | undefined> {
    if (NONCE_SHAPE.test(text)) {
      const customerId = await this.byNonce(tx, workspaceId, lineUserId, text);
      if (customerId !== undefined) return { customerId, by: 'nonce' };
    }
    const memberNo = normaliseMemberNo(text);
    if (!MEMBER_NO_SHAPE.test(memberNo)) return undefined;
    const customerId = await this.byMemberNo(tx, workspaceId, lineUserId, owner, memberNo);
    return customerId === undefined ? undefined : { customerId, by: 'member' };
  }

  /**
   * A member number typed in the chat is a weak proof (anyone may know one), so it only joins a LINE
   * account not yet tied to a known customer to a member with no LINE account yet; it never merges
   * two known customers or takes a member's messages to another LINE account.
   */
  async byMemberNo(
    tx: PoolClient,
    workspaceId: number,
    lineUserId: string,
    owner: number | undefined,
    memberNo: string,
  ): Promise<number | undefined> {
    const member = await this.accounts.ownerOf(workspaceId, 'member', memberNo, tx);
    if (member === undefined) return undefined;
    if (member === owner) return member;
    const ownerIdentities = owner === undefined ? [] : await this.accounts.identities(workspaceId, owner, tx);
    const memberIdentities = await this.accounts.identities(workspaceId, member, tx);
    if (
      ownerIdentities.some((i) => i.kind !== 'line') ||
      memberIdentities.some((i) => i.kind === 'line' && i.value !== lineUserId)
    ) {
      this.logger.warn({ workspaceId, customerId: member }, 'LINE member-number link refused: already linked');
      return undefined;
    }
    return this.link(tx, workspaceId, [{ kind: 'member', source: '', value: memberNo }], lineUserId, 'line-member-no');
  }

  /** A nonce proves both sides (the shop's login and LINE's): the accounts are joined, merging if need be. */
  async byNonce(tx: PoolClient, workspaceId: number, lineUserId: string, nonce: string): Promise<number | undefined> {
    const issuedFor = await this.accounts.consumeLinkNonce(workspaceId, nonce, this.clock.now(), tx);
    const customerId =
      issuedFor === undefined ? undefined : await this.accounts.currentCustomer(workspaceId, issuedFor, tx);
    if (customerId === undefined) return undefined;
    const identities = await this.accounts.identities(workspaceId, customerId, tx);
    if (identities.some((i) => i.kind === 'line' && i.value === lineUserId)) return customerId;
    const anchor = identities[0];
    if (!anchor) {
      this.logger.warn({ workspaceId, customerId }, 'LINE account link skipped: the customer has no identity');
      return undefined;
    }
    return this.link(tx, workspaceId, [anchor], lineUserId, 'line-account-link');
  }

  /** A new friend's customer: the one owning the LINE id, or a new LINE-only record. */
  async friend(tx: PoolClient, workspaceId: number, lineUserId: string): Promise<number> {
    return this.link(tx, workspaceId, [], lineUserId, 'line-follow');
  }

  /**
   * The customer of a LINE user id together with `anchors` (identities of a known customer), through
   * identity resolution: created if new, merged when the LINE id already had a record of its own.
   */
  private async link(
    tx: PoolClient,
    workspaceId: number,
    anchors: readonly IdentityClaim[],
    lineUserId: string,
    origin: string,
  ): Promise<number> {
    const resolved = await this.resolveCustomers.execute(
      tx,
      workspaceId,
      [{ claims: [...anchors, { kind: 'line', source: '', value: lineUserId }] }],
      origin,
    );
    return resolved.customerIds[0]!;
  }
}
