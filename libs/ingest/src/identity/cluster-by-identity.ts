import { identityKey, type IdentityClaim } from './identity-claim';

/**
 * Groups records that share any key, directly or through a chain (A~B by email, B~C by phone puts
 * A, B and C together). Union-find with path halving: near-linear in the number of keys. Returns,
 * per record, the index of its group's first record.
 */
export function clusterByKeys(keysPerRecord: readonly (readonly string[])[]): number[] {
  const parent = keysPerRecord.map((_, index) => index);
  const find = (record: number): number => {
    let current = record;
    while (parent[current] !== current) {
      parent[current] = parent[parent[current]!]!;
      current = parent[current]!;
    }
    return current;
  };
  const firstRecordByKey = new Map<string, number>();
  keysPerRecord.forEach((keys, record) => {
    for (const key of keys) {
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
  return keysPerRecord.map((_, record) => find(record));
}

/** Groups records whose identity claims overlap (see clusterByKeys). */
export function clusterByIdentity(claimsPerRecord: readonly (readonly IdentityClaim[])[]): number[] {
  return clusterByKeys(claimsPerRecord.map((claims) => claims.map(identityKey)));
}
