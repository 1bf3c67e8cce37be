import { normaliseIdentifier } from './identifier';

// Deliberately permissive (RFC 5322 allows far more than forms do); it rejects what cannot be an
// address: no @, spaces, no dot in the domain.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

/** Emails are trimmed, NFKC-normalised and lower-cased (the product's identity rule). */
export function normaliseEmail(raw: string): Normalised {
  const value = normaliseIdentifier(raw).toLowerCase();
  if (!EMAIL_SHAPE.test(value)) return { ok: false, reason: `"${raw}" is not an email address` };
  return { ok: true, value };
}
