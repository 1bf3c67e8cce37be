import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import { ChangePasswordForm } from './change-password-form';

/** /account: who is signed in, their role in each workspace, and the change-password form. */
export default function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageHeader title={t('account.page.title')} description={t('account.page.description')} />
      <dl className="details">
        <div>
          <dt>{t('account.page.name')}</dt>
          <dd>{session.user.name}</dd>
        </div>
        <div>
          <dt>{t('account.page.email')}</dt>
          <dd>{session.user.email}</dd>
        </div>
        <div>
          <dt>{t('account.page.role')}</dt>
          <dd>{t(`account.roles.${session.role}`)}</dd>
        </div>
        <div>
          <dt>{t('account.page.personalData')}</dt>
          <dd>
            {session.permissions.includes('personal_data.read')
              ? t('account.page.personalDataGranted')
              : t('account.page.personalDataNotGranted')}
          </dd>
        </div>
      </dl>
      <Section title={t('account.page.workspaces')}>
        <Table
          caption={t('account.page.workspacesCaption')}
          rows={session.workspaces}
          rowKey={(workspace) => workspace.slug}
          columns={[
            {
              id: 'name',
              header: t('account.page.workspaceName'),
              rowHeader: true,
              cell: (workspace) =>
                workspace.slug === session.workspace.slug
                  ? `${workspace.name} ${t('account.page.current')}`
                  : workspace.name,
            },
            { id: 'slug', header: t('account.page.workspaceSlug'), cell: (workspace) => <code>{workspace.slug}</code> },
            {
              id: 'role',
              header: t('account.page.workspaceRole'),
              cell: (workspace) => t(`account.roles.${workspace.role}`),
            },
          ]}
        />
      </Section>
      <ChangePasswordForm email={session.user.email} />
    </>
  );
}
