import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard; in Node's crypto, so no native dependency) at
 * OWASP's recommended cost: N = 2^17, r = 8, p = 1, about 128 MiB and a few hundred milliseconds
 * per hash. The parameters are stored with each hash, so raising them later re-hashes old
 * passwords at their next sign-in instead of locking anyone out.
 */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export const PASSWORD_MIN_LENGTH = 12;
/** Hashing cost grows with the input; a megabyte "password" is an attack, not a password. */
export const PASSWORD_MAX_LENGTH = 200;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    // Asynchronous: the work runs on libuv's thread pool, not on the event loop serving requests.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return undefined;
  const cost = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (![cost.log2N, cost.r, cost.p].every((n) => Number.isInteger(n) && n > 0) || cost.log2N > 22) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export interface PasswordCheck {
  matches: boolean;
  /** The hash was made at a lower cost than today's: store a new one. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parsed = parseHash(stored);
  if (!parsed) return { matches: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.cost);
  const matches = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const needsRehash =
    parsed.cost.log2N < DEFAULT_COST.log2N || parsed.cost.r < DEFAULT_COST.r || parsed.cost.p < DEFAULT_COST.p;
  return { matches, needsRehash };
}

/**
 * Hashes a password nobody has, so that a sign-in with an unknown email takes as long as one with
 * a wrong password and the answer time does not tell which emails have accounts.
 */
let decoy: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await decoy);
}

/** Printable, 120 bits: for first admins and new members, shown once. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
