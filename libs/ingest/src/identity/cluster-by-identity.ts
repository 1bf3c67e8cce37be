import { identityKey, type IdentityClaim } from './identity-claim';

/**
 * Groups records that share any identity, directly or through a chain (A~B by email, B~C by phone
 * puts A, B and C together). Union-find with path halving: near-linear in the number of claims.
 * Returns, per record, the index of its group's first record.
 */
export function clusterByIdentity(claimsPerRecord: readonly (readonly IdentityClaim[])[]): number[] {
  const parent = claimsPerRecord.map((_, index) => index);
  const find = (record: number): number => {
    let current = record;
    while (parent[current] !== current) {
      parent[current] = parent[parent[current]!]!;
      current = parent[current]!;
    }
    return current;
  };
  const firstRecordByKey = new Map<string, number>();
  claimsPerRecord.forEach((claims, record) => {
    for (const claim of claims) {
      const key = identityKey(claim);
      const other = firstRecordByKey.get(key);
      if (other === undefined) {
        firstRecordByKey.set(key, record);
        continue;
      }
      const a = find(record);
      const b = find(other);
      // The lower index becomes the root, so a group is named by its first record.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  return claimsPerRecord.map((_, record) => find(record));
}
