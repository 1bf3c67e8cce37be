/**
 * Day arithmetic for analytics SQL, in float8: `extract(epoch ...)` returns numeric (PostgreSQL 14+),
 * and numeric arithmetic over millions of orders cost seconds per statement (measured).
 */

/** Days (fractional) from `earlier` to `later`, both timestamptz expressions. */
export function daysBetweenSql(later: string, earlier: string): string {
  return `(date_part('epoch', ${later} - ${earlier}) / 86400)`;
}

/** Whole days from `earlier` to `later`, as int. */
export function wholeDaysBetweenSql(later: string, earlier: string): string {
  return `floor${daysBetweenSql(later, earlier)}::int`;
}

/**
 * Whole months in a number of days, as days / 30.44 (the average month): a month boundary to the
 * day is not what the RF matrix is about, and calendar arithmetic on a million rows costs a second.
 */
export function monthsFromDaysSql(daysExpression: string): string {
  return `floor((${daysExpression}) / 30.436875::float8)::int`;
}
