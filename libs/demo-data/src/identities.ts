import { fmix32 } from './random';

/**
 * Identity values (phone, member number, LINE user id, email tag) as injective functions of the
 * customer index, so two different people never share one by chance: identity resolution must merge
 * exactly the records we linked on purpose. Each uses an affine map i -> (a·i + b) mod m with a
 * coprime to m, a bijection on [0, m), offset by the seed so seeds give different numbers. Products
 * a·i stay below 2^53 for up to MAX_CUSTOMERS.
 */

export const MAX_CUSTOMERS = 10_000_000;

const PHONE_SPACE = 90_000_000; // 8 digits, the first 1-9: 090-1xxx-xxxx … 090-9xxx-xxxx
const PHONE_MULTIPLIER = 7_368_787; // not divisible by 2, 3 or 5
const MEMBER_SPACE = 100_000_000_000; // 11 digits
const MEMBER_MULTIPLIER = 314_159_263; // not divisible by 2 or 5
const TAG_SPACE = 60_466_176; // 36^5: five base-36 characters
const TAG_MULTIPLIER = 25_165_843; // not divisible by 2 or 3

function affine(index: number, multiplier: number, offset: number, modulus: number): number {
  return (index * multiplier + (offset % modulus)) % modulus;
}

/** A per-seed offset; each identity kind gets its own, so their digits do not repeat each other. */
export function seedOffset(seed: number, kind: number, scale = 1): number {
  return fmix32(seed ^ Math.imul(kind, 0x9e3779b1)) * scale;
}

/** National-format mobile number, e.g. '09012345678'. */
export function mobileDigits(seed: number, index: number): string {
  const subscriber = 10_000_000 + affine(index, PHONE_MULTIPLIER, seedOffset(seed, 1), PHONE_SPACE);
  // Roughly the current mix of 090/080/070 numbers.
  const roll = fmix32(index ^ seed ^ 0x1b873593) % 20;
  const prefix = roll < 11 ? '090' : roll < 18 ? '080' : '070';
  return `${prefix}${subscriber}`;
}

/**
 * Loyalty card number: 13 digits starting with 2 (the GS1 prefix reserved for in-store codes, so the
 * card scans at any register) with an EAN-13 check digit.
 */
export function memberNumber(seed: number, index: number): string {
  const body = `2${String(affine(index, MEMBER_MULTIPLIER, seedOffset(seed, 2, 23), MEMBER_SPACE)).padStart(11, '0')}`;
  return body + ean13CheckDigit(body);
}

export function ean13CheckDigit(twelveDigits: string): string {
  let sum = 0;
  for (let position = 0; position < 12; position++) {
    sum += Number(twelveDigits[position]) * (position % 2 === 0 ? 1 : 3);
  }
  return String((10 - (sum % 10)) % 10);
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** 'U' + 32 lowercase hex digits, as LINE's Messaging API issues them; the first 8 are unique per customer. */
export function lineUserId(seed: number, index: number): string {
  const unique = fmix32(index ^ fmix32(seed ^ 0x27d4eb2f));
  const noise1 = fmix32(unique ^ 0x165667b1);
  const noise2 = fmix32(noise1 ^ 0xd3a2646c);
  const noise3 = fmix32(noise2 ^ 0xfd7046c5);
  return `U${hex8(unique)}${hex8(noise1)}${hex8(noise2)}${hex8(noise3)}`;
}

/** Five base-36 characters unique per customer, appended to email local parts. */
export function emailTag(seed: number, index: number): string {
  return affine(index, TAG_MULTIPLIER, seedOffset(seed, 3), TAG_SPACE).toString(36).padStart(5, '0');
}
