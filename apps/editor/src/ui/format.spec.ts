import {
  DEFAULT_TIME_ZONE,
  EMPTY_VALUE,
  formatBytes,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatMilliseconds,
  formatNumber,
  formatYen,
  intlLocale,
  percentOf,
  resolveTimeZone,
} from './format';

const tokyo = { locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

describe('formatYen', () => {
  it('formats in ja-JP currency style without decimals', () => {
    expect(formatYen(1200)).toBe('￥1,200');
    expect(formatYen(0)).toBe('￥0');
    expect(formatYen(-500)).toBe('-￥500');
    expect(formatYen(12345678)).toBe('￥12,345,678');
  });

  it('shows the empty mark for a missing amount', () => {
    expect(formatYen(null)).toBe(EMPTY_VALUE);
    expect(formatYen(undefined)).toBe(EMPTY_VALUE);
    expect(formatYen(Number.NaN)).toBe(EMPTY_VALUE);
  });
});

describe('formatDateTime', () => {
  it('shows an instant in the workspace timezone, not the machine one', () => {
    expect(formatDateTime('2026-01-05T04:45:00Z', tokyo)).toBe('2026/01/05 13:45');
    expect(formatDateTime('2026-01-05T04:45:00Z', { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe(
      'Jan 5, 2026, 1:45 PM',
    );
    expect(formatDateTime('2026-01-05T04:45:00Z', { locale: 'ja-JP', timeZone: 'UTC' })).toBe('2026/01/05 4:45');
  });

  it('crosses the date line into the next day in Tokyo', () => {
    expect(formatDate('2025-12-31T15:30:00Z', tokyo)).toBe('2026/01/01');
  });

  it('keeps an unparseable value visible and marks a missing one', () => {
    expect(formatDateTime('not a date', tokyo)).toBe('not a date');
    expect(formatDateTime(null, tokyo)).toBe(EMPTY_VALUE);
    expect(formatDate('', tokyo)).toBe(EMPTY_VALUE);
  });
});

describe('formatCalendarDate', () => {
  it('formats a date without shifting it by a timezone', () => {
    expect(formatCalendarDate('1990-04-01', 'ja-JP')).toBe('1990/04/01');
    expect(formatCalendarDate('1990-04-01', 'en-US')).toBe('Apr 1, 1990');
  });

  it('passes through a value that is not a date', () => {
    expect(formatCalendarDate('unknown', 'ja-JP')).toBe('unknown');
    expect(formatCalendarDate(null, 'ja-JP')).toBe(EMPTY_VALUE);
  });
});

describe('resolveTimeZone', () => {
  it('keeps a valid zone and falls back to Asia/Tokyo', () => {
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBe(DEFAULT_TIME_ZONE);
    expect(resolveTimeZone(null)).toBe('Asia/Tokyo');
  });
});

describe('numbers and sizes', () => {
  it('formats counts by locale', () => {
    expect(formatNumber(1234567, 'ja-JP')).toBe('1,234,567');
    expect(formatNumber(null, 'ja-JP')).toBe(EMPTY_VALUE);
  });

  it('formats file sizes in SI units', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 bytes');
    expect(formatBytes(1, 'en-US')).toBe('1 byte');
    expect(formatBytes(221, 'ja-JP')).toBe('221 バイト');
    expect(formatBytes(12_300, 'en-US')).toBe('12.3 kB');
    expect(formatBytes(1_250_000, 'ja-JP')).toBe('1.3 MB');
    expect(formatBytes(-1, 'ja-JP')).toBe(EMPTY_VALUE);
  });

  it('formats latency in milliseconds', () => {
    expect(formatMilliseconds(12.4, 'en-US')).toBe('12 ms');
  });

  it('gives whole upload percentages only when the total is known', () => {
    expect(percentOf(512, 2048)).toBe(25);
    expect(percentOf(2048, 2048)).toBe(100);
    expect(percentOf(10, null)).toBeNull();
    expect(percentOf(10, 0)).toBeNull();
  });
});

describe('intlLocale', () => {
  it('maps UI languages to Intl locales', () => {
    expect(intlLocale('ja')).toBe('ja-JP');
    expect(intlLocale('en')).toBe('en-US');
    expect(intlLocale('fr')).toBe('en-US');
  });
});
