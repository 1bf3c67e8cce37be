import type { CustomerProfile } from '@kizuna/ingest';

/** Profile fields and their columns, with the SQL type their values are sent as. One list for inserts, updates and merges. */
export const PROFILE_COLUMNS = [
  { field: 'familyName', column: 'family_name', type: 'text' },
  { field: 'givenName', column: 'given_name', type: 'text' },
  { field: 'familyNameKana', column: 'family_name_kana', type: 'text' },
  { field: 'givenNameKana', column: 'given_name_kana', type: 'text' },
  { field: 'gender', column: 'gender', type: 'text' },
  { field: 'birthDate', column: 'birth_date', type: 'date' },
  { field: 'postalCode', column: 'postal_code', type: 'text' },
  { field: 'prefecture', column: 'prefecture', type: 'text' },
  { field: 'city', column: 'city', type: 'text' },
  { field: 'addressLine1', column: 'address_line1', type: 'text' },
  { field: 'addressLine2', column: 'address_line2', type: 'text' },
  { field: 'registeredAt', column: 'registered_at', type: 'timestamptz' },
] as const satisfies readonly { field: keyof CustomerProfile; column: string; type: string }[];

/** A profile value as sent to PostgreSQL (null: no value given). */
export function profileValue(profile: CustomerProfile | undefined, field: keyof CustomerProfile): string | Date | null {
  const value = profile?.[field];
  return value === undefined ? null : value;
}
