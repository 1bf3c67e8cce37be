import 'i18next';
import type { Dictionary } from './ja';

// Typed keys: t('home.title') compiles, a misspelt key does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Dictionary };
  }
}
