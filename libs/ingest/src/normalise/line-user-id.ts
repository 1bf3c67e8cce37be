import type { Normalised } from './email';
import { normaliseIdentifier } from './identifier';

/** LINE user ids are `U` followed by 32 lowercase hex digits (Messaging API, "Get profile"). */
export function normaliseLineUserId(raw: string): Normalised {
  const value = normaliseIdentifier(raw);
  if (!/^U[0-9a-f]{32}$/.test(value))
    return { ok: false, reason: `"${raw}" is not a LINE user id (U + 32 hex digits)` };
  return { ok: true, value };
}
