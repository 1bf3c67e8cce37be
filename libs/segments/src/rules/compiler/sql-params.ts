/**
 * Collects the values of a statement and hands out their placeholders. Every value a marketer typed
 * goes through here, so the SQL text never contains one (numbers and dates included).
 */
export class SqlParams {
  private readonly bound: unknown[] = [];

  /** @param firstIndex the number of the first placeholder (`$firstIndex`), after the caller's own. */
  constructor(private readonly firstIndex = 1) {
    if (!Number.isInteger(firstIndex) || firstIndex < 1) {
      throw new RangeError(`the first placeholder must be $1 or later, not $${firstIndex}`);
    }
  }

  /** Binds `value` and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.bound.push(value);
    return `$${this.firstIndex + this.bound.length - 1}`;
  }

  /** The bound values, in placeholder order. */
  get values(): unknown[] {
    return [...this.bound];
  }
}
