import { normaliseIdentifier } from '../normalise/identifier';

export interface HeaderRules {
  /** Every accepted column name (lower-case). */
  columns: readonly string[];
  /** Columns that must be present. */
  required: readonly string[];
  /** Groups of which at least one column must be present, e.g. the customer reference. */
  oneOf: readonly { label: string; columns: readonly string[] }[];
  /** Prefixes of open-ended columns, e.g. `attr_` for custom attributes. */
  prefixes: readonly string[];
}

export interface CompiledHeader {
  readonly names: readonly string[];
  /** Column name -> position in the row. */
  readonly index: ReadonlyMap<string, number>;
}

export class HeaderMismatchError extends Error {
  constructor(
    readonly kind: string,
    readonly missing: readonly string[],
    readonly unknown: readonly string[],
    readonly duplicate: readonly string[],
    readonly expected: readonly string[],
  ) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    if (unknown.length) parts.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    if (duplicate.length) parts.push(`duplicate column${duplicate.length > 1 ? 's' : ''}: ${duplicate.join(', ')}`);
    super(`The ${kind} file has the wrong columns: ${parts.join('; ')}. Expected columns: ${expected.join(', ')}.`);
    this.name = 'HeaderMismatchError';
  }
}

export function normaliseColumnName(raw: string): string {
  return normaliseIdentifier(raw.replace(/^\ufeff/, ''))
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Checks a header against the rules of its kind; throws naming every missing and unknown column. */
export function compileHeader(kind: string, rawNames: readonly string[], rules: HeaderRules): CompiledHeader {
  const names = rawNames.map(normaliseColumnName);
  const accepted = new Set(rules.columns);
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  names.forEach((name, position) => {
    if (index.has(name)) duplicate.push(name);
    index.set(name, position);
    const known =
      accepted.has(name) || rules.prefixes.some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
    if (!known) unknown.push(rawNames[position] === name ? name : `${name} ("${rawNames[position]}")`);
  });
  const missing = rules.required.filter((column) => !index.has(column));
  for (const group of rules.oneOf) {
    if (!group.columns.some((column) => index.has(column)))
      missing.push(`one of ${group.columns.join('/')} (${group.label})`);
  }
  if (missing.length || unknown.length || duplicate.length) {
    const expected = [...rules.columns, ...rules.prefixes.map((prefix) => `${prefix}<name>`)];
    throw new HeaderMismatchError(kind, missing, unknown, duplicate, expected);
  }
  return { names, index };
}
