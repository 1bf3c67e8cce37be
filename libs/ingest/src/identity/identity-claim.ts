import type { CustomerReference } from '../rows/customer-reference';

export type IdentityKind = 'email' | 'phone' | 'line' | 'member' | 'external';

/** One normalised identity a record claims for its customer. */
export interface IdentityClaim {
  kind: IdentityKind;
  /** Source system for `external` ids; '' for workspace-wide kinds. */
  source: string;
  value: string;
}

export function identityKey(claim: IdentityClaim): string {
  return `${claim.kind}\u0000${claim.source}\u0000${claim.value}`;
}

/**
 * The identities a customer reference claims. External ids are only unique within their source
 * system, so they carry the source; emails, phones, LINE ids and member numbers are shared by all.
 */
export function claimsOf(reference: CustomerReference, source: string): IdentityClaim[] {
  const claims: IdentityClaim[] = [];
  if (reference.externalId) claims.push({ kind: 'external', source, value: reference.externalId });
  if (reference.email) claims.push({ kind: 'email', source: '', value: reference.email });
  if (reference.phone) claims.push({ kind: 'phone', source: '', value: reference.phone });
  if (reference.lineUserId) claims.push({ kind: 'line', source: '', value: reference.lineUserId });
  if (reference.memberNo) claims.push({ kind: 'member', source: '', value: reference.memberNo });
  return claims;
}
