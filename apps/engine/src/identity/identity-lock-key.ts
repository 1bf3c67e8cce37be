import { identityKey, type IdentityClaim } from '@kizuna/ingest';
import { createHash } from 'node:crypto';

/**
 * The advisory lock key of one identity in one workspace: the first 64 bits of SHA-256 over the
 * workspace and the normalised identity. PostgreSQL keeps one-bigint keys apart from the (int, int)
 * keys every other lock of the engine uses (pg_locks.objsubid 1 and 2), so these never meet the
 * workspace identity lock; two identities sharing a key (odds 2^-64 a pair) only wait for each
 * other. Engines of two versions run side by side during a deploy, so the key must not change.
 */
export function identityLockKey(workspaceId: number, claim: IdentityClaim): bigint {
  return createHash('sha256')
    .update(`kizuna:identity\u0000${workspaceId}\u0000${identityKey(claim)}`)
    .digest()
    .readBigInt64BE(0);
}

/** The distinct keys of `claims`, ascending: every locker takes them in this order, so none deadlock. */
export function identityLockKeys(workspaceId: number, claims: readonly IdentityClaim[]): bigint[] {
  const keys = new Set(claims.map((claim) => identityLockKey(workspaceId, claim)));
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
