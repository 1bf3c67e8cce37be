import type { Permission } from '@kizuna/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../ui/notice';
import { PageHeader } from '../ui/page-header';
import { useSession } from './session-context';

/**
 * A page the role may not use says so instead of loading into the engine's 403 (a link kept from
 * another role, or typed). The menu already hides it.
 */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.permissions.includes(permission)) return children;
  const role = t(`account.roles.${session.role}`);
  return (
    <>
      <PageHeader title={t('ui.forbidden.title')} />
      <Notice tone="warning" role="alert" title={t('ui.forbidden.title')}>
        <p>{t('ui.forbidden.body', { role, workspace: session.workspace.slug, permission })}</p>
      </Notice>
    </>
  );
}
