import { ReloadOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useAudit, type AuditFilter } from '../../features/audit/api/get-audit.ts';
import { AuditTable } from '../../features/audit/components/audit-table.tsx';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';

const entityTypes = ['lead', 'activity', 'agent', 'user', 'zone', 'industry'];

export default function AuditRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = {
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    actorId: params.get('actorId') ?? undefined,
  };
  const [entityType, setEntityType] = useState(filter.entityType ?? '');
  const [entityId, setEntityId] = useState(filter.entityId ?? '');
  const audit = useAudit(filter);
  const users = useUserDirectory();
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (next: AuditFilter) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <AutoComplete
            allowClear
            style={{ width: 180 }}
            placeholder={t('audit.entityType')}
            value={entityType}
            options={entityTypes.map((value) => ({ value }))}
            onChange={(value: string) => setEntityType(value ?? '')}
            onSelect={(value: string) => apply({ ...filter, entityType: value })}
          />
          <Input.Search
            allowClear
            style={{ width: 340 }}
            placeholder={t('audit.entityId')}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onSearch={(value) => apply({ ...filter, entityType: entityType.trim() || undefined, entityId: value.trim() || undefined })}
            data-testid="audit-entity-id"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            placeholder={t('audit.filterActor')}
            value={filter.actorId}
            onChange={(actorId) => apply({ ...filter, actorId })}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setEntityType('');
              setEntityId('');
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        {audit.isError ? (
          <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />
        ) : audit.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <AuditTable
              entries={rows}
              loading={audit.isFetching && !audit.isFetchingNextPage}
              emptyText={<EmptyState testId="audit-empty" description={t('audit.empty')} />}
              onFilterEntity={(type, id) => {
                setEntityType(type);
                setEntityId(id);
                apply({ ...filter, entityType: type, entityId: id });
              }}
            />
            <LoadMore count={rows.length} hasMore={audit.hasNextPage} loading={audit.isFetchingNextPage} onLoadMore={() => void audit.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
