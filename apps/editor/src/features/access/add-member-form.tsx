import type { WorkspaceRole } from '@kizuna/shared';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import { useAddMember } from './access.api';
import { OneTimeSecret } from './one-time-secret';
import { RoleSelect } from './role-select';

/**
 * Adds a member by email. A new account comes back with a temporary password, shown here once; an
 * address that already has an account (another workspace's member) is only added.
 */
export function AddMemberForm() {
  const { t } = useTranslation();
  const add = useAddMember();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('marketer');
  const [personalData, setPersonalData] = useState(false);
  const [emailMissing, setEmailMissing] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    setEmailMissing(address === '');
    if (!address) return;
    add.mutate(
      { email: address, ...(name.trim() ? { name: name.trim() } : {}), role, personalData },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
          setPersonalData(false);
        },
      },
    );
  }

  const added = add.data;
  return (
    <Section title={t('access.add.title')}>
      {added?.temporaryPassword && (
        <OneTimeSecret
          title={t('access.add.temporaryPasswordTitle', { email: added.member.email })}
          warning={t('access.add.temporaryPasswordWarning')}
          label={t('access.add.temporaryPassword')}
          value={added.temporaryPassword}
          onDone={() => add.reset()}
        />
      )}
      {added && added.temporaryPassword === null && (
        <Notice tone="success" role="status">
          {t('access.add.existingAccount', { email: added.member.email })}
        </Notice>
      )}
      <form className="form" onSubmit={submit} noValidate aria-label={t('access.add.title')}>
        <Field label={t('access.add.email')} error={emailMissing ? t('access.add.emailRequired') : null}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={email}
              maxLength={254}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('access.add.name')} hint={t('access.add.nameHint')} optional={t('ui.optional')}>
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="off"
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('access.add.role')}>
          {(control) => <RoleSelect {...control} value={role} onChange={setRole} />}
        </Field>
        <div className="checkbox">
          <input
            id="add-member-personal-data"
            type="checkbox"
            checked={personalData}
            onChange={(event) => setPersonalData(event.target.checked)}
          />
          <label htmlFor="add-member-personal-data">{t('access.add.personalData')}</label>
        </div>
        {add.isError && <ErrorBanner error={add.error} title={t('access.add.failed')} />}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={add.isPending}>
            {t('access.add.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
