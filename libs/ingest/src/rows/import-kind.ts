export const IMPORT_KINDS = ['customers', 'products', 'orders', 'shipments', 'returns', 'events', 'consents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}
