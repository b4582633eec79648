import { PlusOutlined } from '@ant-design/icons';
import { agentStatuses } from '@crm/shared';
import { Button, Card, Flex, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useAgents, type AgentsFilter } from '../../features/agents/api/get-agents.ts';
import { AgentFormDrawer } from '../../features/agents/components/agent-form-drawer.tsx';
import { AgentsTable } from '../../features/agents/components/agents-table.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { Agent } from '../../lib/types.ts';

export default function AgentsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  // The header search opens an agent as this list searched for its name (/agents?q=…).
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<AgentsFilter>(() => ({ q: params.get('q') ?? undefined }));
  const agents = useAgents(filter);
  const [editing, setEditing] = useState<{ agent?: Agent } | null>(null);
  const rows = agents.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = !!filter.q || !!filter.status;

  return (
    <>
      <PageHeader
        title={t('agents.title')}
        subtitle={t('agents.subtitle')}
        extra={
          <Space>
            <ExportButton path="/agents/export" params={filter} fallbackName="招商代理" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="agent-new">
              {t('agents.new')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('agents.searchPlaceholder')}
            style={{ width: 280 }}
            defaultValue={filter.q}
            onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
            data-testid="agents-search"
          />
          <Select
            allowClear
            placeholder={t('agents.field.status')}
            style={{ width: 140 }}
            value={filter.status}
            onChange={(status) => setFilter((f) => ({ ...f, status }))}
            options={agentStatuses.map((s) => ({ value: s, label: t(`agentStatus.${s}`) }))}
          />
        </Flex>
        {agents.isError ? (
          <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />
        ) : agents.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <AgentsTable
              agents={rows}
              loading={agents.isFetching && !agents.isFetchingNextPage}
              onEdit={(agent) => setEditing({ agent })}
              emptyText={
                <EmptyState
                  testId="agents-empty"
                  description={filtered ? t('agents.emptyFiltered') : t('agents.empty')}
                  action={
                    filtered ? null : (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                        {t('agents.new')}
                      </Button>
                    )
                  }
                />
              }
            />
            <LoadMore count={rows.length} hasMore={agents.hasNextPage} loading={agents.isFetchingNextPage} onLoadMore={() => void agents.fetchNextPage()} />
          </>
        )}
      </Card>
      <AgentFormDrawer
        open={!!editing}
        agent={editing?.agent}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
        canChangeEligibility={hasRole(user, 'manager', 'finance')}
      />
    </>
  );
}
