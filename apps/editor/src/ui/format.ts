/**
 * Display formats. Yen always in ja-JP currency style; dates and times in the workspace timezone
 * (not the browser's: a marketer in Osaka and one travelling should read the same order time).
 * Intl constructors are slow, so each formatter is built once per option set.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/** Shown for a missing value. */
export const EMPTY_VALUE = '—';

export type UiLanguage = 'ja' | 'en';

const intlLocales: Readonly<Partial<Record<string, string>>> & Record<UiLanguage, string> = {
  ja: 'ja-JP',
  en: 'en-US',
};

export function intlLocale(language: string): string {
  return intlLocales[language] ?? intlLocales.en;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** `1200` → `￥1,200`. Yen has no minor unit, so no decimals. */
export function formatYen(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return EMPTY_VALUE;
  return numberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(amount);
}

export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return numberFormat(locale, {}).format(value);
}

/** A workspace timezone the browser knows, else Asia/Tokyo (an unknown zone would make Intl throw). */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export interface DateFormatOptions {
  locale: string;
  timeZone: string;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant, e.g. `2026-01-05T04:45:00Z` → `2026/01/05 13:45` in Asia/Tokyo. */
export function formatDateTime(
  value: string | Date | null | undefined,
  { locale, timeZone }: DateFormatOptions,
): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' && value ? value : EMPTY_VALUE;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** The calendar day of an instant in the workspace timezone. */
export function formatDate(value: string | Date | null | undefined, { locale, timeZone }: DateFormatOptions): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' && value ? value : EMPTY_VALUE;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

/**
 * A date without a time (a birth date, `1990-04-01`). It names a day, not an instant, so it is
 * formatted in UTC: converting it to a timezone could move it to the previous day.
 */
export function formatCalendarDate(value: string | null | undefined, locale: string): string {
  if (!value) return EMPTY_VALUE;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** `1_300_000` → `1.3 MB`, in SI units (1 kB = 1000 bytes). */
export function formatBytes(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return EMPTY_VALUE;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: byteUnits[unit],
    // CLDR's short form of byte is "byte" whatever the count ("221 byte"); the long one reads right
    // ("221 bytes", "221 バイト"). kB and MB keep their short forms.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export function formatMilliseconds(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY_VALUE;
  return numberFormat(locale, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(ms);
}

/** Whole percent of an upload, 0–100; null when the total is unknown. */
export function percentOf(loaded: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}
