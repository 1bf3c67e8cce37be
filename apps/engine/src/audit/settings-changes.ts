/** One changed setting: its value before and after, or only `changed` for a secret. */
export type SettingChange = { field: string; from: unknown; to: unknown } | { field: string; changed: true };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isPlainObject(value) && (prefix === '' || Object.keys(value).length > 0)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix !== '') {
    into.set(prefix, value);
  }
  return into;
}

/**
 * The fields (dotted paths) that differ between two settings objects, sorted by name. Fields under
 * a secret path (`secret` matches `secret.password` too) are reported as changed, never with values.
 */
export function settingsChanges(before: unknown, after: unknown, secretPaths: readonly string[] = []): SettingChange[] {
  const old = flatten(before ?? {}, '', new Map());
  const next = flatten(after ?? {}, '', new Map());
  const isSecret = (field: string) => secretPaths.some((path) => field === path || field.startsWith(`${path}.`));
  const fields = [...new Set([...old.keys(), ...next.keys()])].sort();
  const changes: SettingChange[] = [];
  for (const field of fields) {
    const from = old.get(field);
    const to = next.get(field);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push(isSecret(field) ? { field, changed: true } : { field, from: from ?? null, to: to ?? null });
  }
  return changes;
}
