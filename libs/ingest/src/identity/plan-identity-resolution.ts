import { clusterByKeys } from './cluster-by-identity';
import { identityKey, type IdentityClaim } from './identity-claim';

/** One customer after resolution: the incoming records that are this person, and who they were. */
export interface ResolvedGroup {
  /** Indexes of the incoming records in this group, in input order. */
  records: number[];
  /** Every distinct identity the group's records claim. */
  claims: IdentityClaim[];
  /** Stored customers the claims already belong to, ascending. Empty: a new customer. */
  existingCustomerIds: number[];
  /** The customer that remains: the oldest (lowest id) existing one. Undefined for a new customer. */
  survivorId: number | undefined;
  /** Existing customers to merge into the survivor (all but the survivor). */
  mergedIds: number[];
}

export interface IdentityResolutionPlan {
  groups: ResolvedGroup[];
  /** Group index of each incoming record. */
  groupOfRecord: number[];
}

/**
 * Decides who is who, without I/O. Incoming records that share an identity are one customer; so are
 * records linked through a stored customer that owns any of their identities. Where a group reaches
 * several stored customers, they are one person after all: the oldest survives and the others are
 * merged into it. `owners` maps identityKey(claim) to the stored customer that owns the identity.
 */
export function planIdentityResolution(
  claimsPerRecord: readonly (readonly IdentityClaim[])[],
  owners: ReadonlyMap<string, number>,
): IdentityResolutionPlan {
  const keysPerRecord = claimsPerRecord.map((claims) => {
    const keys = claims.map(identityKey);
    for (const key of [...keys]) {
      const owner = owners.get(key);
      if (owner !== undefined) keys.push(`customer\u0000${owner}`);
    }
    return keys;
  });
  const roots = clusterByKeys(keysPerRecord);
  const groupIndexByRoot = new Map<number, number>();
  const groups: ResolvedGroup[] = [];
  const groupOfRecord = roots.map((root, record) => {
    let index = groupIndexByRoot.get(root);
    if (index === undefined) {
      index = groups.length;
      groupIndexByRoot.set(root, index);
      groups.push({ records: [], claims: [], existingCustomerIds: [], survivorId: undefined, mergedIds: [] });
    }
    groups[index]!.records.push(record);
    return index;
  });
  for (const group of groups) {
    const claimsByKey = new Map<string, IdentityClaim>();
    const existing = new Set<number>();
    for (const record of group.records) {
      for (const claim of claimsPerRecord[record]!) {
        const key = identityKey(claim);
        claimsByKey.set(key, claim);
        const owner = owners.get(key);
        if (owner !== undefined) existing.add(owner);
      }
    }
    group.claims = [...claimsByKey.values()];
    group.existingCustomerIds = [...existing].sort((a, b) => a - b);
    group.survivorId = group.existingCustomerIds[0];
    group.mergedIds = group.existingCustomerIds.slice(1);
  }
  return { groups, groupOfRecord };
}
