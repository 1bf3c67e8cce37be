import type { WorkspaceRole } from '@kizuna/shared';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { ModalDialog } from '../../ui/modal-dialog';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKeySummary } from './access.api';
import { RoleSelect } from './role-select';
import { OneTimeSecret } from './one-time-secret';

/** The workspace's API keys with their roles: create one (the key is shown once), revoke one. */
export function ApiKeysSection() {
  const { t } = useTranslation();
  const format = useFormatters();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);

  return (
    <Section title={t('access.apiKeys.title')}>
      <p className="muted">{t('access.apiKeys.description')}</p>
      {keys.isPending && <Spinner label={t('access.apiKeys.loading')} />}
      {keys.isError && (
        <ErrorBanner error={keys.error} title={t('access.apiKeys.failed')} onRetry={() => void keys.refetch()} />
      )}
      {revoke.isError && <ErrorBanner error={revoke.error} title={t('access.apiKeys.revokeFailed')} />}
      {keys.data && (
        <Table
          caption={t('access.apiKeys.caption')}
          rows={keys.data.items}
          rowKey={(key) => key.id}
          empty={t('access.apiKeys.empty')}
          columns={[
            { id: 'name', header: t('access.apiKeys.name'), rowHeader: true, cell: (key) => key.name },
            { id: 'prefix', header: t('access.apiKeys.prefix'), cell: (key) => <code>{key.prefix}</code> },
            { id: 'role', header: t('access.apiKeys.role'), cell: (key) => t(`account.roles.${key.role}`) },
            { id: 'createdAt', header: t('access.apiKeys.createdAt'), cell: (key) => format.dateTime(key.createdAt) },
            {
              id: 'lastUsedAt',
              header: t('access.apiKeys.lastUsedAt'),
              cell: (key) => (key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('access.apiKeys.never')),
            },
            {
              id: 'status',
              header: t('access.apiKeys.status'),
              cell: (key) =>
                key.revokedAt ? (
                  <Badge tone="neutral">{t('access.apiKeys.revoked', { at: format.dateTime(key.revokedAt) })}</Badge>
                ) : (
                  <Badge tone="success">{t('access.apiKeys.active')}</Badge>
                ),
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('access.apiKeys.actions')}</span>,
              cell: (key) =>
                key.revokedAt ? null : (
                  <Button
                    variant="secondary"
                    aria-label={t('access.apiKeys.revokeFor', { name: key.name })}
                    onClick={() => {
                      revoke.reset();
                      setRevoking(key);
                    }}
                  >
                    {t('access.apiKeys.revoke')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <ModalDialog
        open={revoking !== null}
        role="alertdialog"
        title={revoking ? t('access.apiKeys.revokeTitle', { name: revoking.name }) : ''}
        onClose={() => setRevoking(null)}
        actions={
          <>
            <Button variant="secondary" onClick={() => setRevoking(null)}>
              {t('access.members.cancel')}
            </Button>
            <Button
              variant="danger"
              busy={revoke.isPending}
              onClick={() => {
                if (revoking) revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) });
              }}
            >
              {t('access.apiKeys.revokeConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('access.apiKeys.revokeBody')}</p>
      </ModalDialog>
      <CreateApiKeyForm />
    </Section>
  );
}

function CreateApiKeyForm() {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  // Narrow by default: an integration that sends events needs no admin rights.
  const [role, setRole] = useState<WorkspaceRole>('marketer');
  const [nameMissing, setNameMissing] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    setNameMissing(trimmed === '');
    if (!trimmed) return;
    create.mutate({ name: trimmed, role }, { onSuccess: () => setName('') });
  }

  const created = create.data;
  return (
    <>
      {created && (
        <OneTimeSecret
          title={t('access.apiKeys.keyTitle', { name: created.name })}
          warning={t('access.apiKeys.keyWarning')}
          label={t('access.apiKeys.key')}
          value={created.key}
          onDone={() => create.reset()}
        />
      )}
      <form className="form" onSubmit={submit} noValidate aria-label={t('access.apiKeys.createTitle')}>
        <h3 className="subheading">{t('access.apiKeys.createTitle')}</h3>
        <Field
          label={t('access.apiKeys.nameLabel')}
          hint={t('access.apiKeys.nameHint')}
          error={nameMissing ? t('access.apiKeys.nameRequired') : null}
        >
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
        <Field label={t('access.apiKeys.role')}>
          {(control) => <RoleSelect {...control} value={role} onChange={setRole} />}
        </Field>
        {create.isError && <ErrorBanner error={create.error} title={t('access.apiKeys.createFailed')} />}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('access.apiKeys.create')}
          </Button>
        </div>
      </form>
    </>
  );
}
