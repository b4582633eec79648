import { PlusOutlined } from '@ant-design/icons';
import { roles } from '@crm/shared';
import { Button, Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportAllButton } from '../../features/data-export/components/export-all-button.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useUsers, type UsersFilter } from '../../features/users/api/get-users.ts';
import { ResetPasswordModal } from '../../features/users/components/reset-password-modal.tsx';
import { UserFormModal } from '../../features/users/components/user-form-modal.tsx';
import { UsersTable } from '../../features/users/components/users-table.tsx';
import type { User } from '../../lib/types.ts';

export default function UsersRoute() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<UsersFilter>({});
  const users = useUsers(filter);
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Flex gap={8}>
            <ExportAllButton />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="user-new">
              {t('users.new')}
            </Button>
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
          />
          <Select
            allowClear
            placeholder={t('users.field.roles')}
            style={{ width: 160 }}
            value={filter.role}
            onChange={(role) => setFilter((f) => ({ ...f, role }))}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Flex>
        {users.isError ? (
          <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        ) : users.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <UsersTable
              users={rows}
              loading={users.isFetching && !users.isFetchingNextPage}
              emptyText={<EmptyState description={t('users.empty')} />}
              onEdit={(user) => setEditing({ user })}
              onResetPassword={setResetting}
            />
            <LoadMore count={rows.length} hasMore={users.hasNextPage} loading={users.isFetchingNextPage} onLoadMore={() => void users.fetchNextPage()} />
          </>
        )}
      </Card>
      <UserFormModal open={!!editing} user={editing?.user} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
