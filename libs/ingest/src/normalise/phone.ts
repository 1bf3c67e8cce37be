import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Normalised } from './email';
import { normaliseIdentifier } from './identifier';

const cache = new Map<string, Normalised>();
const CACHE_LIMIT = 100_000;

/**
 * Phones are stored in E.164 (+819012345678). Numbers without a country code are read as Japanese
 * (the default country, configurable). Validation uses libphonenumber's full metadata, so
 * `090-1234-567` (one digit short) is rejected rather than stored as a wrong identity.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'JP'): Normalised {
  const key = `${defaultCountry}|${raw}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const text = normaliseIdentifier(raw);
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  const result: Normalised =
    parsed && parsed.isValid()
      ? { ok: true, value: parsed.number }
      : { ok: false, reason: `"${raw}" is not a valid phone number` };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}
