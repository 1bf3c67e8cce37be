const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` calendar date, or null when the text is not one (month 13,
 * 30 February...). Purchases are counted per calendar day, so whole day numbers are all the models need.
 */
export function calendarDayFromIso(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** The `YYYY-MM-DD` of a day number from calendarDayFromIso. */
export function isoFromCalendarDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
