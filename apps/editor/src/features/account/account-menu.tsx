import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { signOut } from '../../session/session.api';
import { useSession } from '../../session/session-context';
import { Button } from '../../ui/button';

/** The signed-in user (a link to their account page), their role here, and sign-out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const leave = useMutation({
    mutationFn: signOut,
    // The next person to sign in starts at home, not on the page the last one left open.
    onSuccess: () => void navigate('/', { replace: true }),
  });
  return (
    <div className="account-menu" role="group" aria-label={t('account.menu.label')}>
      <span className="account-menu__who">
        <Link to="/account" className="account-menu__user">
          {session.user.name || session.user.email}
        </Link>
        <span className="account-menu__role">
          {t('account.menu.role', { role: t(`account.roles.${session.role}`) })}
        </span>
      </span>
      <Button variant="ghost" busy={leave.isPending} onClick={() => leave.mutate()}>
        {t('account.menu.signOut')}
      </Button>
      {leave.isError && (
        <p className="account-menu__error" role="alert">
          {t('account.menu.signOutFailed')}: {leave.error.message}
        </p>
      )}
    </div>
  );
}
