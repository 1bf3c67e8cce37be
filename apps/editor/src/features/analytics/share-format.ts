import { EMPTY_VALUE } from '../../ui/format';

const formats = new Map<string, Intl.NumberFormat>();

/** A share 0..1 as a percent with one decimal (`0.1234` → `12.3%`); the engine rounds shares to 4 decimals. */
export function formatShare(share: number | null | undefined, locale: string): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return EMPTY_VALUE;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    formats.set(locale, format);
  }
  return format.format(share);
}
