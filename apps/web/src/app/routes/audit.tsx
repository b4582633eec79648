import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useAudit, type AuditFilter } from '../../features/audit/api/get-audit.ts';
import { AuditTable } from '../../features/audit/components/audit-table.tsx';
import { actionOptions, entityTypeOptions, useAuditLang } from '../../features/audit/labels.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';
import { DATE } from '../../lib/format.ts';
import { isAfterZoneToday } from '../../lib/zone-time.ts';

const KEYS = ['action', 'entityType', 'entityId', 'actorId', 'from', 'to', 'includeAuth'] as const;

export default function AuditRoute() {
  const { t } = useTranslation();
  const lang = useAuditLang();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, v]) => v));
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
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={<ExportButton path="/audit/export" params={filter} fallbackName="审计日志" />}
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="audit-filters">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 170 }}
            placeholder={t('audit.action')}
            value={filter.action}
            onChange={(action?: string) => apply({ ...filter, action })}
            options={actionOptions(lang)}
            data-testid="audit-filter-action"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 130 }}
            placeholder={t('audit.entityType')}
            value={filter.entityType}
            onChange={(entityType?: string) => apply({ ...filter, entityType, entityId: entityType ? filter.entityId : undefined })}
            options={entityTypeOptions(lang)}
            data-testid="audit-filter-type"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 120 }}
            placeholder={t('audit.filterActor')}
            value={filter.actorId}
            onChange={(actorId?: string) => apply({ ...filter, actorId })}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            data-testid="audit-filter-actor"
          />
          <DatePicker.RangePicker
            style={{ width: 240 }}
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            disabledDate={isAfterZoneToday}
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(v) => apply({ ...filter, from: v?.[0]?.format(DATE), to: v?.[1]?.format(DATE) })}
            data-testid="audit-filter-dates"
          />
          <Input.Search
            allowClear
            style={{ width: 190 }}
            placeholder={t('audit.entityId')}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onSearch={(value) => apply({ ...filter, entityId: value.trim() || undefined })}
            data-testid="audit-entity-id"
          />
          <Flex align="center" gap={6}>
            <Switch
              size="small"
              checked={filter.includeAuth === 'true'}
              onChange={(on) => apply({ ...filter, includeAuth: on ? 'true' : undefined })}
              data-testid="audit-include-auth"
            />
            <Typography.Text>{t('audit.includeAuth')}</Typography.Text>
          </Flex>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
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
