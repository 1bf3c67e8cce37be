import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context';
import { Button } from '../../ui/button';
import { Notice } from '../../ui/notice';

/**
 * Says so when the session's role or personal-data grant changed while the page was open (an admin
 * changed it; the editor learnt it after a 403 or when the tab came back into view). Pages follow
 * the new role at once: a button or a form the old role had may have gone, and this tells why.
 */
export function RoleChangedNotice() {
  const { t } = useTranslation();
  const session = useSession();
  const shown = useRef({ role: session.role, personalData: session.personalData });
  const [changed, setChanged] = useState<'role' | 'personalData' | null>(null);

  useEffect(() => {
    const before = shown.current;
    if (before.role === session.role && before.personalData === session.personalData) return;
    shown.current = { role: session.role, personalData: session.personalData };
    setChanged(before.role !== session.role ? 'role' : 'personalData');
  }, [session.role, session.personalData]);

  if (!changed) return null;
  const title =
    changed === 'role'
      ? t('account.roleChanged.title', { role: t(`account.roles.${session.role}`) })
      : t(session.personalData ? 'account.roleChanged.personalDataGranted' : 'account.roleChanged.personalDataRevoked');
  return (
    <Notice tone="info" role="status" title={title}>
      <p>{t('account.roleChanged.body')}</p>
      <p>
        <Button variant="ghost" onClick={() => setChanged(null)}>
          {t('account.roleChanged.dismiss')}
        </Button>
      </p>
    </Notice>
  );
}
