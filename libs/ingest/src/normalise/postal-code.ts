import type { Normalised } from './email';
import { normaliseIdentifier } from './identifier';

/** Japanese postal codes are seven digits, written NNN-NNNN; `〒150-0001` and `1500001` both work. */
export function normalisePostalCode(raw: string): Normalised {
  const digits = normaliseIdentifier(raw)
    .replace(/^〒/, '')
    .replace(/[\s\-‐‑‒–—―−ー]/g, '');
  if (!/^\d{7}$/.test(digits)) return { ok: false, reason: `"${raw}" is not a 7-digit postal code` };
  return { ok: true, value: `${digits.slice(0, 3)}-${digits.slice(3)}` };
}
