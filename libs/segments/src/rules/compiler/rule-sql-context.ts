import type { SqlParams } from './sql-params';

const DAY_MS = 86_400_000;

/** SQL types the compiler casts parameters to (constants, never input). */
export type SqlType =
  | 'text'
  | 'text[]'
  | 'integer'
  | 'integer[]'
  | 'bigint'
  | 'double precision'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'identity_kind'
  | 'consent_channel'
  | 'consent_status'
  | 'sales_channel';

/**
 * Whom a statement evaluates: every customer of the workspace (a refresh, a preview) or a few given
 * ones (a journey branch, the customers a batch of events concerned). The matches are the same
 * either way; only the SQL differs, where the fastest plans differ (purchase.sql.ts).
 */
export type RuleScope = 'workspace' | 'customers';

/**
 * What every condition compiler shares: the parameters, the caller's workspace placeholder, the
 * scope, and time. Relative windows are measured from the reference time, bound as a parameter (never
 * `now()`), so a preview, a refresh and a journey simulation at the same reference time agree.
 */
export class RuleSqlContext {
  private referencePlaceholder: string | undefined;
  private zonePlaceholder: string | undefined;

  constructor(
    private readonly params: SqlParams,
    /** The placeholder the caller bound the workspace id to. */
    readonly workspace: string,
    private readonly referenceTime: Date,
    private readonly timeZone: string,
    readonly scope: RuleScope = 'customers',
  ) {}

  /** Binds a value with an explicit type: PostgreSQL never has to guess (`->> $n` has two meanings). */
  bind(value: unknown, type: SqlType): string {
    return `${this.params.add(value)}::${type}`;
  }

  /** The reference time, bound once per statement. */
  get reference(): string {
    this.referencePlaceholder ??= this.bind(this.referenceTime.toISOString(), 'timestamptz');
    return this.referencePlaceholder;
  }

  /** The workspace timezone, bound once per statement: calendar days are the workspace's days. */
  get zone(): string {
    this.zonePlaceholder ??= this.bind(this.timeZone, 'text');
    return this.zonePlaceholder;
  }

  /** The instant `days` × 24 hours before the reference time. */
  daysBeforeReference(days: number): string {
    return this.bind(new Date(this.referenceTime.getTime() - days * DAY_MS).toISOString(), 'timestamptz');
  }

  /** The first instant of a calendar day (a `::date` placeholder) in the workspace timezone. */
  dayStart(date: string): string {
    return `(${date}::timestamp AT TIME ZONE ${this.zone})`;
  }

  /** The first instant of the day after a calendar day: the exclusive end of that day. */
  dayEnd(date: string): string {
    return `((${date} + 1)::timestamp AT TIME ZONE ${this.zone})`;
  }

  /** The calendar day, in the workspace timezone, of an instant placeholder. */
  localDate(instant: string): string {
    return `(${instant} AT TIME ZONE ${this.zone})::date`;
  }
}
