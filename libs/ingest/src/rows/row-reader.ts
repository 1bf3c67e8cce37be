import type { CountryCode } from 'libphonenumber-js';
import type { Parsed } from '../values/parsed';
import type { CompiledHeader } from './header';

export interface CellIssue {
  column: string;
  reason: string;
}

export interface ParseContext {
  /** Timezone of date-times written without an offset. */
  timeZone: string;
  /** Country of phone numbers written without a country code. */
  defaultCountry: CountryCode;
}

/**
 * Reads one CSV row by column name and collects every problem in it, so a rejected row reports
 * all its bad cells at once, each with its column and reason.
 */
export class RowReader {
  readonly issues: CellIssue[] = [];

  constructor(
    private readonly header: CompiledHeader,
    private cells: readonly string[],
    readonly context: ParseContext,
  ) {}

  /** Reads another row of the same file: one reader serves a whole file (no object per row). */
  reset(cells: readonly string[]): this {
    this.cells = cells;
    if (this.issues.length) this.issues.length = 0;
    return this;
  }

  has(column: string): boolean {
    return this.header.index.has(column);
  }

  /** The trimmed cell, or '' when the column is absent or the cell empty. */
  text(column: string): string {
    const position = this.header.index.get(column);
    return position === undefined ? '' : (this.cells[position] ?? '').trim();
  }

  /** The cell as written (names and addresses keep their form), or undefined when empty. */
  optionalText(column: string, maxLength = 500): string | undefined {
    const value = this.text(column);
    if (!value) return undefined;
    if (value.length > maxLength) {
      this.issue(column, `is longer than ${maxLength} characters`);
      return undefined;
    }
    return value;
  }

  /** A required free-text cell (a name), kept as written. */
  requiredText(column: string, maxLength = 500): string | undefined {
    if (!this.text(column)) {
      this.issue(column, 'is required');
      return undefined;
    }
    return this.optionalText(column, maxLength);
  }

  required<T>(column: string, parse: (raw: string) => Parsed<T>): T | undefined {
    const raw = this.text(column);
    if (!raw) {
      this.issue(column, 'is required');
      return undefined;
    }
    return this.apply(column, raw, parse);
  }

  optional<T>(column: string, parse: (raw: string) => Parsed<T>): T | undefined {
    const raw = this.text(column);
    return raw ? this.apply(column, raw, parse) : undefined;
  }

  /** Non-empty cells of the open-ended columns with `prefix`, keyed by the rest of their name. */
  withPrefix(prefix: string): [string, string][] {
    const found: [string, string][] = [];
    for (const [name, position] of this.header.index) {
      if (!name.startsWith(prefix)) continue;
      const value = (this.cells[position] ?? '').trim();
      if (value) found.push([name.slice(prefix.length), value]);
    }
    return found;
  }

  issue(column: string, reason: string): void {
    this.issues.push({ column, reason });
  }

  private apply<T>(column: string, raw: string, parse: (raw: string) => Parsed<T>): T | undefined {
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    this.issue(column, parsed.reason);
    return undefined;
  }
}
