import { normaliseEmail, normaliseId, normalisePhone } from './import-rules';

/**
 * Identity resolution as docs/import-formats.md describes it, for the specs: two records that share
 * any normalised identity are one customer. A union-find over identity keys.
 */
export class IdentityGraph {
  private readonly parent = new Map<string, string>();

  private find(key: string): string {
    let root = key;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root))
      root = next;
    // Path compression keeps repeated look-ups flat.
    for (let node = key; node !== root;) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  /** Joins all the keys into one customer. */
  link(keys: readonly string[]): void {
    const [first, ...rest] = keys;
    if (first === undefined) return;
    if (!this.parent.has(first)) this.parent.set(first, first);
    for (const key of rest) {
      if (!this.parent.has(key)) this.parent.set(key, key);
      const a = this.find(first);
      const b = this.find(key);
      if (a !== b) this.parent.set(b, a);
    }
  }

  /** The customer a key belongs to, or undefined when no record carries it. */
  customerOf(key: string): string | undefined {
    return this.parent.has(key) ? this.find(key) : undefined;
  }
}

/** The normalised identity keys a row carries (customer_id is scoped to its source system). */
export function identityKeys(source: string, header: readonly string[], row: readonly string[]): string[] {
  const keys: string[] = [];
  header.forEach((column, position) => {
    const value = row[position] ?? '';
    if (value === '') return;
    if (column === 'customer_id') keys.push(`external:${source}:${normaliseId(value)}`);
    if (column === 'email') keys.push(`email:${normaliseEmail(value)}`);
    if (column === 'phone') keys.push(`phone:${normalisePhone(value)}`);
    if (column === 'line_user_id') keys.push(`line:${normaliseId(value)}`);
    if (column === 'member_no') keys.push(`member:${normaliseId(value)}`);
  });
  return keys;
}
