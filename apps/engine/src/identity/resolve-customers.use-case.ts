import { identityKey, planIdentityResolution, type CustomerProfile, type IdentityClaim } from '@kizuna/ingest';
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
 * Unified ID: finds (or creates) the one customer behind each incoming record, merging stored
 * customers that turn out to be the same person. Runs inside the caller's transaction, so the
 * rows that reference these customers commit with them.
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
  ): Promise<ResolvedCustomers> {
    if (!records.length) return { customerIds: [], created: 0, merged: 0, updated: 0 };
    await this.identities.lockWorkspace(tx, workspaceId);

    const distinctClaims = new Map<string, IdentityClaim>();
    for (const record of records) for (const claim of record.claims) distinctClaims.set(identityKey(claim), claim);
    const owners = await this.identities.findOwners(tx, workspaceId, [...distinctClaims.values()]);
    const plan = planIdentityResolution(
      records.map((r) => r.claims),
      owners,
    );

    const newCount = plan.groups.filter((group) => group.survivorId === undefined).length;
    const newIds = await this.identities.allocateCustomerIds(tx, newCount);
    let nextNewId = 0;
    const customerIdOfGroup = plan.groups.map((group) => group.survivorId ?? newIds[nextNewId++]!);

    // Later records in the file win for the same field.
    const profiles = plan.groups.map((group) => {
      const profile: CustomerProfile = {};
      const attributes: Record<string, unknown> = {};
      for (const record of group.records) {
        Object.assign(profile, records[record]!.profile);
        Object.assign(attributes, records[record]!.attributes);
      }
      return { profile, attributes };
    });

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
      if (Object.keys(profile).length || Object.keys(attributes).length)
        updates.push({ customerId, profile, attributes });
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
