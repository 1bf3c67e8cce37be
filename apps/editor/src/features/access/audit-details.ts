/**
 * An audit entry's details as short lines a person reads: `field: value`, a change as
 * `field: before → after`, lists joined. The engine never puts a secret or a customer's personal
 * data in details (secrets appear only as "changed"), so they are shown as they are.
 */
export function describeDetails(details: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(details).map(([field, value]) => `${field}: ${describeValue(value)}`);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && 'from' in record && 'to' in record) {
      return `${describeValue(record['from'])} → ${describeValue(record['to'])}`;
    }
    return keys.map((key) => `${key}=${describeValue(record[key])}`).join(', ');
  }
  return JSON.stringify(value);
}

/** `channel.settings.update` → `channel_settings_update`, the key of its label in the dictionaries. */
export function auditActionKey(action: string): string {
  return action.replace(/\./g, '_');
}
