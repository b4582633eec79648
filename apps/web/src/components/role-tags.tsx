import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../lib/types.ts';

export const roleColors: Record<Role, string> = {
  staff: 'blue',
  manager: 'purple',
  finance: 'gold',
  admin: 'red',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={roleColors[role]} style={{ marginInlineEnd: 4 }}>
          {t(`role.${role}`)}
        </Tag>
      ))}
    </>
  );
}
