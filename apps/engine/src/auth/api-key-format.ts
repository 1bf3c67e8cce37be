import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `kz_<prefix>_<secret>`. The prefix is stored in clear to find the key; only a
 * SHA-256 of the secret is stored. A slow KDF is for low-entropy passwords; a 256-bit random secret
 * cannot be guessed, and a fast hash keeps every API request cheap.
 */
export interface GeneratedApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

const KEY_SHAPE = /^kz_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `kz_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = KEY_SHAPE.exec(key.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
