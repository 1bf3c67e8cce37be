import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../ui/format';
import { en } from './en';
import { ja } from './ja';
import { detectLanguage, LANGUAGE_STORAGE_KEY } from './languages';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: detectLanguage(storedLanguage(), navigator.language),
  fallbackLng: 'en',
  supportedLngs: ['ja', 'en'],
  // React escapes on render already.
  interpolation: { escapeValue: false },
  // Resources are bundled, so initialisation is synchronous and the first render is translated.
  initAsync: false,
});

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export function changeLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage disabled: the choice lasts for this tab.
  }
  void i18n.changeLanguage(language);
}
