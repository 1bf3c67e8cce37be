import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { LanguageSwitcher } from '../../i18n/language-switcher';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { useConnect } from './use-connect';

export interface ConnectPageProps {
  /** The engine refused the key that was saved before (revoked, or the database was reset). */
  rejected: boolean;
}

export function ConnectPage({ rejected }: ConnectPageProps) {
  const { t } = useTranslation();
  const connect = useConnect();
  const [apiKey, setApiKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  const [emptyError, setEmptyError] = useState(false);

  const unauthorized = isApiError(connect.error) && connect.error.status === 401;
  const fieldError = emptyError ? t('connect.keyRequired') : unauthorized ? t('connect.keyRefused') : null;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = apiKey.trim();
    setEmptyError(key === '');
    if (key) connect.mutate(key);
  }

  return (
    <div className="connect">
      <header className="connect__top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main className="connect__card" id="main-content">
        <title>{t('app.documentTitle', { page: t('connect.title') })}</title>
        <h1>{t('connect.title')}</h1>
        <p>{t('connect.intro')}</p>
        {rejected && !connect.isSuccess && (
          <Notice tone="warning" role="status" title={t('connect.savedKeyRefusedTitle')}>
            <p>{t('connect.savedKeyRefused')}</p>
          </Notice>
        )}
        <form className="form" onSubmit={submit} noValidate>
          <Field
            label={t('connect.keyLabel')}
            hint={<Trans i18nKey="connect.keyHint" components={{ code: <code /> }} />}
            error={fieldError}
          >
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                type={showKey ? 'text' : 'password'}
                name="apiKey"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                value={apiKey}
                onChange={(event) => setApiKey(event.target.value)}
              />
            )}
          </Field>
          <div className="checkbox">
            <input
              id="connect-show-key"
              type="checkbox"
              checked={showKey}
              onChange={(event) => setShowKey(event.target.checked)}
            />
            <label htmlFor="connect-show-key">{t('connect.showKey')}</label>
          </div>
          {connect.isError && !unauthorized && (
            <ErrorBanner error={connect.error}>
              {isApiError(connect.error) && connect.error.code === 'network_error' && (
                <p>{t('connect.engineUnreachable')}</p>
              )}
            </ErrorBanner>
          )}
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={connect.isPending}>
              {connect.isPending ? t('connect.checking') : t('connect.submit')}
            </Button>
          </div>
        </form>
        <p className="connect__footnote">{t('connect.storageNote')}</p>
      </main>
    </div>
  );
}
