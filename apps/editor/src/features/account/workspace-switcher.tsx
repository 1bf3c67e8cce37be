import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { switchWorkspace } from '../../session/session.api';
import { useSession } from '../../session/session-context';
import { useWorkspace } from '../../session/workspace-context';
import { MAIN_CONTENT_ID } from '../../ui/app-layout';

/**
 * The workspace's name in the top bar; a choice of workspace when the account belongs to several.
 * A switch starts at home: the page open now showed the other workspace's data.
 */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const session = useSession();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const id = useId();
  const change = useMutation({
    mutationFn: (slug: string) => switchWorkspace(slug, () => navigate('/')),
    // The pages remount (this select with them): focus goes to the new page, as after a navigation.
    onSuccess: () => requestAnimationFrame(() => document.getElementById(MAIN_CONTENT_ID)?.focus()),
  });

  if (session.workspaces.length < 2) return <span className="top-bar__context">{workspace.name}</span>;
  return (
    <div className="workspace-switcher">
      <label htmlFor={id}>{t('account.workspace.label')}</label>
      <select
        id={id}
        className="select select--compact"
        value={workspace.slug}
        disabled={change.isPending}
        onChange={(event) => change.mutate(event.target.value)}
      >
        {session.workspaces.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.name}
          </option>
        ))}
      </select>
      {change.isError && (
        <p className="account-menu__error" role="alert">
          {t('account.workspace.switchFailed')}: {change.error.message}
        </p>
      )}
    </div>
  );
}
