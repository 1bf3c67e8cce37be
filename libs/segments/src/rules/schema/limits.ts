/**
 * Bounds on a rule's size. A rule is compiled into one SQL statement that runs for every customer
 * of a workspace, so a runaway rule (pasted JSON, a buggy client) is refused at validation instead
 * of becoming a query that takes the database down.
 */
export const SEGMENT_RULE_LIMITS = {
  /** Groups nested inside each other, the root group included. */
  maxGroupDepth: 8,
  /** Conditions (rules that are not groups) in the whole rule. */
  maxConditions: 100,
  /** Values of one `in` / `not_in` list or purchase filter. */
  maxListValues: 500,
  /** Property filters of one event condition. */
  maxPropertyFilters: 20,
  /** Characters of one text value, attribute key, event name or property key. */
  maxTextLength: 500,
  /** Days of `lastDays`, `within_last_days`, `more_than_days_ago` (about a century). */
  maxDays: 36_500,
} as const;
