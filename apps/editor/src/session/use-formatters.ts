import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatBytes,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatMilliseconds,
  formatNumber,
  formatYen,
  intlLocale,
  resolveTimeZone,
} from '../ui/format';
import { useOptionalWorkspace } from './workspace-context';

export interface Formatters {
  locale: string;
  timeZone: string;
  yen: (amount: number | null | undefined) => string;
  number: (value: number | null | undefined) => string;
  bytes: (value: number | null | undefined) => string;
  milliseconds: (value: number | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
  date: (value: string | null | undefined) => string;
  calendarDate: (value: string | null | undefined) => string;
}

/** The format helpers bound to the UI language and the workspace timezone (Asia/Tokyo until it is known). */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const workspace = useOptionalWorkspace();
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const timeZone = resolveTimeZone(workspace?.timezone);
  return useMemo(
    () => ({
      locale,
      timeZone,
      yen: formatYen,
      number: (value) => formatNumber(value, locale),
      bytes: (value) => formatBytes(value, locale),
      milliseconds: (value) => formatMilliseconds(value, locale),
      dateTime: (value) => formatDateTime(value, { locale, timeZone }),
      date: (value) => formatDate(value, { locale, timeZone }),
      calendarDate: (value) => formatCalendarDate(value, locale),
    }),
    [locale, timeZone],
  );
}
