import type { UiLanguage } from '../ui/format';

export const SUPPORTED_LANGUAGES = ['ja', 'en'] as const satisfies readonly UiLanguage[];

export const LANGUAGE_STORAGE_KEY = 'kizuna.language';

export function isSupportedLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: the one the user picked in the switcher, else Japanese when the browser
 * asks for any Japanese variant (`ja`, `ja-JP`), else English.
 */
export function detectLanguage(
  stored: string | null | undefined,
  navigatorLanguage: string | null | undefined,
): UiLanguage {
  if (isSupportedLanguage(stored)) return stored;
  return navigatorLanguage?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
