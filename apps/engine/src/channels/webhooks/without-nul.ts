/**
 * A provider's webhook body with every U+0000 replaced by U+FFFD. PostgreSQL text and jsonb cannot
 * store U+0000 (SQLSTATE 22021 / 22P05): a reply holding it failed as a 500, which LINE and Twilio
 * redeliver again and again. Signatures are checked on the raw request before this.
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '\ufffd') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [withoutNul(key) as string, withoutNul(item)]),
    );
  }
  return value;
}
