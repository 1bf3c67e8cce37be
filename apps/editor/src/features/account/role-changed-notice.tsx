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
  const grant = `${session.role}/${String(session.personalData)}`;
  const shown = useRef(grant);
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    if (shown.current === grant) return;
    shown.current = grant;
    setChanged(true);
  }, [grant]);

  if (!changed) return null;
  return (
    <Notice
      tone="info"
      role="status"
      title={t('account.roleChanged.title', { role: t(`account.roles.${session.role}`) })}
    >
      <p>{t('account.roleChanged.body')}</p>
      <p>
        <Button variant="ghost" onClick={() => setChanged(false)}>
          {t('account.roleChanged.dismiss')}
        </Button>
      </p>
    </Notice>
  );
}
