import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../i18n/language-switcher';
import { signIn } from '../../session/session.api';
import type { SignedOutReason } from '../../session/session-store';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { signInFailure } from './sign-in-failure';

export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const { t } = useTranslation();
  const attempt = useMutation({ mutationFn: signIn });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState({ email: false, password: false });

  const failure = attempt.isError ? signInFailure(attempt.error) : null;
  const wrongCredentials = failure === 'wrong-credentials' ? t('account.signIn.wrongCredentials') : null;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = { email: email.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.email || empty.password) return;
    attempt.mutate({ email: email.trim(), password });
  }

  return (
    <div className="sign-in">
      <header className="sign-in__top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main className="sign-in__card" id="main-content">
        <title>{t('app.documentTitle', { page: t('account.signIn.title') })}</title>
        <h1>{t('account.signIn.title')}</h1>
        <p>{t('account.signIn.intro')}</p>
        {reason === 'ended' && attempt.isIdle && (
          <Notice tone="warning" role="status" title={t('account.signIn.endedTitle')}>
            <p>{t('account.signIn.ended')}</p>
          </Notice>
        )}
        {reason === 'signed-out' && attempt.isIdle && (
          <Notice tone="success" role="status" title={t('account.signIn.signedOut')} />
        )}
        <form className="form" onSubmit={submit} noValidate aria-label={t('account.signIn.title')}>
          <Field
            label={t('account.signIn.email')}
            error={missing.email ? t('account.signIn.emailRequired') : wrongCredentials}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                name="email"
                autoComplete="username"
                autoCapitalize="off"
                spellCheck={false}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('account.signIn.password')}
            error={missing.password ? t('account.signIn.passwordRequired') : wrongCredentials}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type={showPassword ? 'text' : 'password'}
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <div className="checkbox">
            <input
              id="sign-in-show-password"
              type="checkbox"
              checked={showPassword}
              onChange={(event) => setShowPassword(event.target.checked)}
            />
            <label htmlFor="sign-in-show-password">{t('account.signIn.showPassword')}</label>
          </div>
          {failure === 'wrong-credentials' && (
            // Both fields carry the message; this repeats it where a screen reader hears it at once.
            <p className="visually-hidden" role="alert">
              {wrongCredentials}
            </p>
          )}
          {failure === 'not-member' && (
            <ErrorBanner error={attempt.error} title={t('account.signIn.notMemberTitle')}>
              <p>{t('account.signIn.notMember')}</p>
            </ErrorBanner>
          )}
          {failure === 'too-many' && (
            <Notice tone="danger" role="alert" title={t('account.signIn.tooManyTitle')}>
              <p>{t('account.signIn.tooMany')}</p>
            </Notice>
          )}
          {(failure === 'unreachable' || failure === 'other') && (
            <ErrorBanner error={attempt.error}>
              {failure === 'unreachable' && <p>{t('account.signIn.engineUnreachable')}</p>}
            </ErrorBanner>
          )}
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={attempt.isPending}>
              {attempt.isPending ? t('account.signIn.submitting') : t('account.signIn.submit')}
            </Button>
          </div>
        </form>
        <p className="sign-in__footnote">
          <Trans i18nKey="account.signIn.help" components={{ code: <code /> }} />
        </p>
      </main>
    </div>
  );
}
