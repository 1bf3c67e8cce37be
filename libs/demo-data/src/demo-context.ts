import { ValidationFailedError, type FieldIssue } from '@kizuna/shared';
import { HistoryCalendar, parseIsoDate } from './calendar';
import type { DemoOptions } from './demo-table';
import { MAX_CUSTOMERS } from './identities';
import { seedHash } from './random';

export const DEFAULT_SEED = 20261123;
export const DEFAULT_CUSTOMERS = 20_000;
export const DEFAULT_YEARS = 2;
const MAX_YEARS = 20;

/** Validated options plus what every table derives from them once. */
export interface DemoContext {
  /** The 32-bit hash of the user's seed that keys every random stream. */
  readonly seed: number;
  readonly customers: number;
  readonly calendar: HistoryCalendar;
}

export function createDemoContext(options: DemoOptions): DemoContext {
  const seed = options.seed ?? DEFAULT_SEED;
  const customers = options.customers ?? DEFAULT_CUSTOMERS;
  const years = options.years ?? DEFAULT_YEARS;
  const asOfDay = typeof options.asOf === 'string' ? parseIsoDate(options.asOf) : undefined;
  const issues: FieldIssue[] = [];
  if (!Number.isSafeInteger(seed)) issues.push({ field: 'seed', message: 'must be a safe integer' });
  if (!Number.isInteger(customers) || customers < 0 || customers > MAX_CUSTOMERS) {
    // Identity values are bijections of the customer index over fixed ranges (see identities.ts).
    issues.push({ field: 'customers', message: `must be an integer from 0 to ${MAX_CUSTOMERS}` });
  }
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) {
    issues.push({ field: 'years', message: `must be an integer from 1 to ${MAX_YEARS}` });
  }
  if (asOfDay === undefined) issues.push({ field: 'asOf', message: "must be a date written 'YYYY-MM-DD'" });
  if (issues.length > 0 || asOfDay === undefined) {
    throw new ValidationFailedError('invalid demo data options', issues);
  }
  return { seed: seedHash(seed), customers, calendar: new HistoryCalendar(asOfDay, years) };
}
