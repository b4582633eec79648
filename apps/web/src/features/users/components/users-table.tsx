import { EditOutlined, KeyOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { RoleTags } from '../../../components/role-tags.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { User } from '../../../lib/types.ts';
import { useUpdateUser } from '../api/update-user.ts';

type Props = {
  users: User[];
  loading: boolean;
  emptyText: ReactNode;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
};

const isLocked = (user: User) => !!user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());

export function UsersTable({ users, loading, emptyText, onEdit, onResetPassword }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateUser();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const unlock = (user: User) =>
    update.mutate(
      { id: user.id, body: { version: user.version, unlock: true } },
      {
        onSuccess: () => void message.success(t('users.unlocked')),
        onError: (error) => void message.error(errorText(error, t)),
      },
    );

  const columns: ColumnsType<User> = [
    {
      title: t('users.field.displayName'),
      dataIndex: 'displayName',
      width: 200,
      render: (_, user) => (
        <div>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {user.username}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('users.field.roles'), dataIndex: 'roles', width: 260, render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      title: t('users.field.phone'),
      dataIndex: 'phone',
      width: 220,
      render: (_, user) =>
        user.phone || user.email ? (
          <div>
            {user.phone ? <div>{user.phone}</div> : null}
            {user.email ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {user.email}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          dash
        ),
    },
    {
      title: t('users.field.active'),
      dataIndex: 'active',
      width: 190,
      render: (_, user) => (
        <Space size={4} wrap>
          {user.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {isLocked(user) ? (
            <Tooltip title={`${t('users.lockedUntil', { at: formatDateTime(user.lockedUntil) })}. ${t('users.lockedHint')}`}>
              <Tag color="red" icon={<LockOutlined />}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          ) : null}
          {user.mustChangePassword ? (
            <Tooltip title={t('users.mustChangeHint')}>
              <Tag color="orange">{t('users.mustChange')}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('users.field.lastLoginAt'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : dash) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      fixed: 'right',
      render: (_, user) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(user)} data-testid={`user-edit-${user.username}`}>
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<KeyOutlined />} onClick={() => onResetPassword(user)}>
            {t('users.resetPassword')}
          </Button>
          {isLocked(user) ? (
            <Button size="small" icon={<UnlockOutlined />} onClick={() => unlock(user)} loading={update.isPending && update.variables.id === user.id}>
              {t('users.unlock')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={false}
      scroll={{ x: 1320 }}
      locale={{ emptyText }}
      data-testid="users-table"
    />
  );
}
