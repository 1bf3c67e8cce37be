import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { ModalDialog } from '../../ui/modal-dialog';
import { Notice } from '../../ui/notice';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { useMembers, useRemoveMember, useUpdateMember, type Member } from './access.api';
import { RoleSelect } from './role-select';

/**
 * The workspace's members: role and personal-data grant changed in place, removal after a
 * confirmation. The engine refuses (409) to remove or demote the last admin and says so.
 */
export function MemberList() {
  const { t } = useTranslation();
  const format = useFormatters();
  const session = useSession();
  const members = useMembers();
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<Member | null>(null);
  const displayName = (member: Member) => member.name || member.email;

  return (
    <Section title={t('access.members.listTitle')}>
      {members.isPending && <Spinner label={t('access.members.loading')} />}
      {members.isError && (
        <ErrorBanner error={members.error} title={t('access.members.failed')} onRetry={() => void members.refetch()} />
      )}
      {update.isError && <ErrorBanner error={update.error} title={t('access.members.updateFailed')} />}
      {remove.isError && <ErrorBanner error={remove.error} title={t('access.members.removeFailed')} />}
      {remove.isSuccess && (
        <Notice tone="success" role="status">
          {t('access.members.removed', { email: remove.data.email })}
        </Notice>
      )}
      {members.data && (
        <Table
          caption={t('access.members.caption')}
          rows={members.data.items}
          rowKey={(member) => member.userId}
          empty={t('access.members.empty')}
          columns={[
            {
              id: 'name',
              header: t('access.members.name'),
              rowHeader: true,
              cell: (member) =>
                member.userId === session.user.id
                  ? `${displayName(member)} ${t('access.members.you')}`
                  : displayName(member),
            },
            { id: 'email', header: t('access.members.email'), cell: (member) => member.email },
            {
              id: 'role',
              header: t('access.members.role'),
              cell: (member) => (
                <RoleSelect
                  className="select select--compact"
                  aria-label={t('access.members.roleFor', { name: displayName(member) })}
                  value={member.role}
                  disabled={update.isPending}
                  onChange={(role) => update.mutate({ userId: member.userId, role })}
                />
              ),
            },
            {
              id: 'personalData',
              header: t('access.members.personalData'),
              // Admins and marketers work with personal data anyway; the grant matters for analysts.
              cell: (member) =>
                member.role === 'analyst' ? (
                  <input
                    type="checkbox"
                    className="table__checkbox"
                    checked={member.personalData}
                    disabled={update.isPending}
                    aria-label={t('access.members.personalDataFor', { name: displayName(member) })}
                    onChange={(event) => update.mutate({ userId: member.userId, personalData: event.target.checked })}
                  />
                ) : (
                  <span className="muted">{t('access.members.includedInRole')}</span>
                ),
            },
            {
              id: 'memberSince',
              header: t('access.members.memberSince'),
              cell: (member) => format.dateTime(member.memberSince),
            },
            {
              id: 'lastSeen',
              header: t('access.members.lastSeen'),
              cell: (member) => (member.lastSeenAt ? format.dateTime(member.lastSeenAt) : t('access.members.never')),
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('access.members.actions')}</span>,
              cell: (member) => (
                <Button
                  variant="secondary"
                  aria-label={t('access.members.removeFor', { name: displayName(member) })}
                  onClick={() => {
                    remove.reset();
                    setRemoving(member);
                  }}
                >
                  {t('access.members.remove')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <ModalDialog
        open={removing !== null}
        role="alertdialog"
        title={removing ? t('access.members.removeTitle', { email: removing.email }) : ''}
        onClose={() => setRemoving(null)}
        actions={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {t('access.members.cancel')}
            </Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                if (removing) remove.mutate(removing.userId, { onSettled: () => setRemoving(null) });
              }}
            >
              {t('access.members.removeConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('access.members.removeBody')}</p>
      </ModalDialog>
    </Section>
  );
}
