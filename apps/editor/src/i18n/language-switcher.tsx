import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from './i18n';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from './languages';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('layout.language')}</label>
      <select
        id={id}
        className="select select--compact"
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          if (isSupportedLanguage(event.target.value)) changeLanguage(event.target.value);
        }}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          // Each language is named in itself, so a user who cannot read the current one still finds theirs.
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
