import type { WorkspaceRole } from '@kizuna/shared';
import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { isRole, ROLES } from './access.api';

export type RoleSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: WorkspaceRole;
  onChange: (role: WorkspaceRole) => void;
};

/** The three roles, named in the UI language; for members and API keys alike. */
export function RoleSelect({ value, onChange, className = 'select', ...select }: RoleSelectProps) {
  const { t } = useTranslation();
  return (
    <select
      {...select}
      className={className}
      value={value}
      onChange={(event) => {
        if (isRole(event.target.value)) onChange(event.target.value);
      }}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`account.roles.${role}`)}
        </option>
      ))}
    </select>
  );
}
