import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page-header';
import { AddMemberForm } from './add-member-form';
import { ApiKeysSection } from './api-keys-section';
import { MemberList } from './member-list';

/** /settings/members (admins): the workspace's members and roles, and its API keys. */
export default function MembersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        eyebrow={t('nav.settings')}
        title={t('access.members.title')}
        description={t('access.members.description')}
      />
      <p className="muted">{t('access.members.roleHelp')}</p>
      <MemberList />
      <AddMemberForm />
      <ApiKeysSection />
    </>
  );
}
