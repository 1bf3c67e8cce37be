import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { changePassword } from '../../session/session.api';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, type FieldControlProps } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import {
  PASSWORD_MIN_LENGTH,
  passwordChangeProblems,
  type PasswordChange,
  type PasswordProblem,
} from './password-rules';

const EMPTY: PasswordChange = { currentPassword: '', newPassword: '', confirmation: '' };

export function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<PasswordChange>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof PasswordChange, PasswordProblem>>>({});
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => setValues(EMPTY),
  });

  // The engine names the field it refuses (400, issues[].field).
  const refused = isApiError(change.error) ? change.error.issues : [];
  const refusedCurrent = refused.some((issue) => issue.field === 'currentPassword');
  const refusedNew = refused.find((issue) => issue.field === 'newPassword');

  function problemText(problem: PasswordProblem | undefined): string | null {
    if (problem === 'required') return t('account.password.required');
    if (problem === 'tooShort') return t('account.password.tooShort', { min: PASSWORD_MIN_LENGTH });
    if (problem === 'mismatch') return t('account.password.mismatch');
    return null;
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = passwordChangeProblems(values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  }

  const input = (field: keyof PasswordChange, autoComplete: string) => (control: FieldControlProps) => (
    <input
      {...control}
      className="input"
      type="password"
      autoComplete={autoComplete}
      value={values[field]}
      onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
    />
  );

  return (
    <Section title={t('account.password.title')}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('account.password.title')}>
        {/* The account's email, hidden: password managers file the new password under the right account. */}
        <input hidden type="text" autoComplete="username" value={email} readOnly />
        <Field
          label={t('account.password.current')}
          error={problemText(problems.currentPassword) ?? (refusedCurrent ? t('account.password.currentWrong') : null)}
        >
          {input('currentPassword', 'current-password')}
        </Field>
        <Field
          label={t('account.password.new')}
          hint={t('account.password.newHint', { min: PASSWORD_MIN_LENGTH })}
          error={problemText(problems.newPassword) ?? refusedNew?.message ?? null}
        >
          {input('newPassword', 'new-password')}
        </Field>
        <Field label={t('account.password.confirm')} error={problemText(problems.confirmation)}>
          {input('confirmation', 'new-password')}
        </Field>
        {change.isError && refused.length === 0 && (
          <ErrorBanner error={change.error} title={t('account.password.failed')} />
        )}
        {change.isError && refused.length > 0 && (
          <p className="visually-hidden" role="alert">
            {t('account.password.failed')}
          </p>
        )}
        {change.isSuccess && <Notice tone="success" role="status" title={t('account.password.done')} />}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
