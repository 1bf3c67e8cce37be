import {
  identityKey,
  planIdentityResolution,
  type CustomerProfile,
  type IdentityClaim,
  type IdentityResolutionPlan,
} from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from '@kizuna/db';
import { CustomerMergeRepository, type CustomerMerge } from './customer-merge.repository';
import { IdentityRepository, type NewCustomer, type ProfileUpdate } from './identity.repository';

/** An incoming record's identities, and optionally the profile values it carries. */
export interface CustomerClaims {
  claims: readonly IdentityClaim[];
  profile?: CustomerProfile;
  attributes?: Record<string, unknown>;
}

export interface ResolvedCustomers {
  /** The customer of each incoming record, in input order. */
  customerIds: number[];
  created: number;
  merged: number;
  updated: number;
}

/**
 * How a resolution keeps apart from the others of its workspace (docs/adr/0004):
 * - `workspace`: the workspace identity lock, exclusive, until the transaction ends. Customers and
 *   orders imports, the customers API and LINE links: they write profiles and merge.
 * - `identity`: for batches that only attach rows to customers (the events API, events and consents
 *   imports). No identity lock when every identity is stored (a row lock keeps the customers as read
 *   until commit); the workspace lock shared and a lock per new identity when some are new; the
 *   workspace lock, exclusive, to merge or to write a stored customer's profile.
 */
export type IdentityLocking = 'workspace' | 'identity';

/**
 * New identities a batch locks one by one at most; more take the workspace lock. PostgreSQL's lock
 * table holds max_locks_per_transaction (64 by default) per connection on average, and when it is
 * full every transaction fails ("out of shared memory"); a pool of connections each at this cap fits.
 */
export const MAX_IDENTITY_LOCKS = 64;

/** Row and identity locks taken after it are released by rolling back to it, before waiting for more. */
const SAVEPOINT = 'kizuna_identity_resolution';

/** What the stored identities say about a batch, read at one moment. */
interface Resolution {
  owners: Map<string, number>;
  plan: IdentityResolutionPlan;
  /** Each group's profile values, later records winning for the same field. */
  profiles: { profile: CustomerProfile; attributes: Record<string, unknown> }[];
  /** Claims no stored customer owns. */
  missing: IdentityClaim[];
}

/**
 * Unified ID: finds (or creates) the one customer behind each incoming record, merging stored
 * customers that turn out to be the same person. Runs inside the caller's transaction (READ
 * COMMITTED: what is read after a lock is what the lock holders committed), so the rows that
 * reference these customers commit with them.
 */
@Injectable()
export class ResolveCustomersUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly merges: CustomerMergeRepository,
  ) {}

  async execute(
    tx: PoolClient,
    workspaceId: number,
    records: readonly CustomerClaims[],
    origin: string,
    locking: IdentityLocking = 'workspace',
  ): Promise<ResolvedCustomers> {
    if (!records.length) return { customerIds: [], created: 0, merged: 0, updated: 0 };
    const distinctClaims = new Map<string, IdentityClaim>();
    for (const record of records) for (const claim of record.claims) distinctClaims.set(identityKey(claim), claim);
    const claims = [...distinctClaims.values()];

    let resolution: Resolution | undefined;
    if (locking === 'identity') {
      const read = await this.read(tx, workspaceId, records, claims);
      if (!needsWorkspaceLock(read)) {
        if (!read.missing.length && (await this.holdCustomers(tx, workspaceId, read))) resolution = read;
        else resolution = await this.underIdentityLocks(tx, workspaceId, records, claims, read.missing);
      }
    }
    resolution ??= await this.underWorkspaceLock(tx, workspaceId, records, claims);
    return this.write(tx, workspaceId, records, resolution, origin);
  }

  private async read(
    tx: PoolClient,
    workspaceId: number,
    records: readonly CustomerClaims[],
    claims: readonly IdentityClaim[],
  ): Promise<Resolution> {
    const owners = await this.identities.findOwners(tx, workspaceId, claims);
    const plan = planIdentityResolution(
      records.map((r) => r.claims),
      owners,
    );
    const profiles = plan.groups.map((group) => {
      const profile: CustomerProfile = {};
      const attributes: Record<string, unknown> = {};
      for (const record of group.records) {
        Object.assign(profile, records[record]!.profile);
        Object.assign(attributes, records[record]!.attributes);
      }
      return { profile, attributes };
    });
    return { owners, plan, profiles, missing: claims.filter((claim) => !owners.has(identityKey(claim))) };
  }

  /**
   * Every identity is stored and nothing merges (the usual batch of events): only the customers
   * must stay as read until commit. A merge or an erasure locks its customers FOR UPDATE, which
   * waits for this KEY SHARE lock, or this one waits for it and sees the customer gone (false).
   */
  private async holdCustomers(tx: PoolClient, workspaceId: number, resolution: Resolution): Promise<boolean> {
    const customerIds = resolution.plan.groups.flatMap((group) => group.existingCustomerIds);
    // On failure the row locks go before this transaction waits for an identity lock: the merge
    // holding the workspace lock may be waiting for one of them.
    const held = await keepIfSettled(tx, async () => {
      const active = await this.identities.lockActiveCustomers(tx, workspaceId, customerIds, 'KEY SHARE');
      return active === customerIds.length ? true : undefined;
    });
    return held ?? false;
  }

  /**
   * Some identities are new: the workspace lock shared (no merge, erasure or import meanwhile, so
   * the stored customers read stay as they are) and each new identity's lock, in key order; then
   * read again, since another batch may have created them. If that read needs a merge or finds
   * another identity gone (erased), every lock taken here is released and the workspace lock taken.
   */
  private async underIdentityLocks(
    tx: PoolClient,
    workspaceId: number,
    records: readonly CustomerClaims[],
    claims: readonly IdentityClaim[],
    missing: readonly IdentityClaim[],
  ): Promise<Resolution | undefined> {
    if (missing.length > MAX_IDENTITY_LOCKS) return undefined;
    // On failure every lock taken here goes: a shared lock cannot become exclusive while others
    // share it without deadlocking them.
    return keepIfSettled(tx, async () => {
      await this.identities.lockWorkspace(tx, workspaceId, 'shared');
      await this.identities.lockIdentities(tx, workspaceId, missing);
      const resolution = await this.read(tx, workspaceId, records, claims);
      const locked = new Set(missing.map(identityKey));
      const settled =
        !needsWorkspaceLock(resolution) && resolution.missing.every((claim) => locked.has(identityKey(claim)));
      return settled ? resolution : undefined;
    });
  }

  /**
   * The workspace lock, exclusive: no other resolution stores an identity or changes a customer.
   * Batches holding customers without it (holdCustomers) are waited for by locking the customers
   * to merge FOR UPDATE, in id order, before anything moves.
   */
  private async underWorkspaceLock(
    tx: PoolClient,
    workspaceId: number,
    records: readonly CustomerClaims[],
    claims: readonly IdentityClaim[],
  ): Promise<Resolution> {
    await this.identities.lockWorkspace(tx, workspaceId, 'exclusive');
    const resolution = await this.read(tx, workspaceId, records, claims);
    const mergedIds = resolution.plan.groups.flatMap((group) => group.mergedIds);
    // Identities only belong to active customers and nothing else merges now: all are found.
    if (mergedIds.length) await this.identities.lockActiveCustomers(tx, workspaceId, mergedIds, 'UPDATE');
    return resolution;
  }

  private async write(
    tx: PoolClient,
    workspaceId: number,
    records: readonly CustomerClaims[],
    { owners, plan, profiles }: Resolution,
    origin: string,
  ): Promise<ResolvedCustomers> {
    const newCount = plan.groups.filter((group) => group.survivorId === undefined).length;
    const newIds = await this.identities.allocateCustomerIds(tx, newCount);
    let nextNewId = 0;
    const customerIdOfGroup = plan.groups.map((group) => group.survivorId ?? newIds[nextNewId++]!);

    const newCustomers: NewCustomer[] = [];
    const updates: ProfileUpdate[] = [];
    const merges: CustomerMerge[] = [];
    plan.groups.forEach((group, index) => {
      const customerId = customerIdOfGroup[index]!;
      const { profile, attributes } = profiles[index]!;
      if (group.survivorId === undefined) {
        newCustomers.push({ id: customerId, profile, attributes });
        return;
      }
      for (const mergedId of group.mergedIds) merges.push({ survivorId: customerId, mergedId, linkedBy: group.claims });
      if (hasValues(profiles[index]!)) updates.push({ customerId, profile, attributes });
    });

    await this.identities.insertCustomers(tx, workspaceId, newCustomers);
    await this.merges.merge(tx, workspaceId, merges, origin);
    await this.identities.insertNewIdentities(
      tx,
      workspaceId,
      plan.groups.flatMap((group, index) =>
        group.claims
          .filter((claim) => !owners.has(identityKey(claim)))
          .map((claim) => ({ customerId: customerIdOfGroup[index]!, claim })),
      ),
    );
    const updated = await this.identities.updateProfiles(tx, workspaceId, updates);

    return {
      customerIds: plan.groupOfRecord.map((group) => customerIdOfGroup[group]!),
      created: newCustomers.length,
      merged: merges.length,
      updated,
    };
  }
}

function hasValues({ profile, attributes }: Resolution['profiles'][number]): boolean {
  return Object.keys(profile).length > 0 || Object.keys(attributes).length > 0;
}

/**
 * Merges and profile writes to stored customers stay one at a time per workspace, as before: their
 * UPDATEs reach customers, segments and earlier merges in whatever order the plan takes, so two at
 * once could deadlock. Events neither merge often nor carry profiles.
 */
function needsWorkspaceLock({ plan, profiles }: Resolution): boolean {
  return plan.groups.some(
    (group, index) => group.mergedIds.length > 0 || (group.survivorId !== undefined && hasValues(profiles[index]!)),
  );
}

/**
 * Runs `attempt` in a savepoint: its locks are kept when it settles (a value), and released when it
 * does not (undefined), so the caller can escalate to the workspace lock holding nothing.
 */
async function keepIfSettled<T>(tx: PoolClient, attempt: () => Promise<T | undefined>): Promise<T | undefined> {
  await tx.query(`SAVEPOINT ${SAVEPOINT}`);
  const settled = await attempt();
  await tx.query(
    settled === undefined
      ? `ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`
      : `RELEASE SAVEPOINT ${SAVEPOINT}`,
  );
  return settled;
}
