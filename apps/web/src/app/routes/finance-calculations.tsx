import { PlusOutlined } from '@ant-design/icons';
import { calculationStatuses, rewardKinds } from '@crm/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { getPoliciesQueryOptions } from '../../features/policies/api/get-policies.ts';
import { today, versionBody, versionOn } from '../../features/policies/components/version-values.ts';
import { getProjectQueryOptions } from '../../features/projects/api/get-project.ts';
import { getProjectsQueryOptions } from '../../features/projects/api/get-projects.ts';
import { useCalculations, type CalculationsFilter } from '../../features/rewards/api/get-calculations.ts';
import { CalculationsTable } from '../../features/rewards/components/calculations-table.tsx';
import { ComputeRewardDrawer, type PolicyOption } from '../../features/rewards/components/compute-reward-drawer.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { CalculationStatus, RewardKind } from '../../lib/types.ts';

function filterFromParams(params: URLSearchParams): CalculationsFilter {
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    status: status && (calculationStatuses as readonly string[]).includes(status) ? (status as CalculationStatus) : undefined,
    kind: kind && (rewardKinds as readonly string[]).includes(kind) ? (kind as RewardKind) : undefined,
  };
}

/** Typing in the project picker searches after a pause, not on every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The compute drawer's choices, composed here from three features: projects (search, then the chosen one's
 * reached milestones) and policies (those paid per project, with the milestones the current version pays at).
 */
function useComputeChoices(open: boolean) {
  const [q, setQ] = useState('');
  const [projectId, setProjectId] = useState<string | null>(null);
  const search = useDebounced(q.trim(), 250);
  const projects = useInfiniteQuery({ ...getProjectsQueryOptions({ q: search || undefined }), enabled: open });
  const project = useQuery({ ...getProjectQueryOptions(projectId ?? ''), enabled: open && !!projectId });
  const policies = useQuery({ ...getPoliciesQueryOptions(), enabled: open });
  const date = today();
  const policyOptions = useMemo<PolicyOption[]>(
    () =>
      (policies.data ?? [])
        .filter((p) => p.kind !== 'service_fee')
        .map((p) => {
          const current = versionOn(p, date);
          const body = current ? versionBody(current) : null;
          return { id: p.id, name: p.name, kind: p.kind, installments: body && body.kind !== 'service_fee' ? body.installments.map((i) => i.milestone) : [] };
        }),
    [policies.data, date],
  );
  return {
    projects: projects.data?.pages[0]?.items ?? [],
    projectsLoading: projects.isFetching,
    onProjectSearch: setQ,
    onProjectChange: setProjectId,
    milestones: projectId && project.data?.id === projectId ? project.data.milestones : null,
    milestonesLoading: !!projectId && project.isFetching,
    policies: policyOptions,
  };
}

/** 奖励核算: every calculation, newest first; finance starts a new one here. */
export default function FinanceCalculationsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const filtered = !!filter.status || !!filter.kind;
  const calculations = useCalculations(filter);
  const rows = calculations.data?.pages.flatMap((page) => page.items) ?? [];
  const [computing, setComputing] = useState(false);
  const choices = useComputeChoices(computing);
  const isFinance = hasRole(user, 'finance');

  const setFilter = (next: CalculationsFilter) => {
    const search = new URLSearchParams();
    if (next.status) search.set('status', next.status);
    if (next.kind) search.set('kind', next.kind);
    setParams(search, { replace: true });
  };
  const newButton = (testId: string) =>
    isFinance ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setComputing(true)} data-testid={testId}>
        {t('finance.calculations.new')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        title={t('finance.calculations.title')}
        subtitle={t('finance.calculations.subtitle')}
        extra={
          <Space>
            <ExportButton path="/reward-calculations/export/list" params={filter} fallbackName="奖励核算" />
            {newButton('calc-new')}
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('finance.col.status')}
            style={{ width: 160 }}
            value={filter.status}
            onChange={(status?: CalculationStatus) => setFilter({ ...filter, status })}
            options={calculationStatuses.map((s) => ({ value: s, label: t(`finance.status.${s}`) }))}
            data-testid="calc-filter-status"
          />
          <Select
            allowClear
            placeholder={t('finance.col.kind')}
            style={{ width: 180 }}
            value={filter.kind}
            onChange={(kind?: RewardKind) => setFilter({ ...filter, kind })}
            options={rewardKinds.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))}
          />
        </Flex>
        {calculations.isError ? (
          <ErrorAlert error={calculations.error} onRetry={() => void calculations.refetch()} />
        ) : calculations.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <CalculationsTable
              calculations={rows}
              loading={calculations.isFetching && !calculations.isFetchingNextPage}
              emptyText={
                <EmptyState
                  testId="calculations-empty"
                  description={
                    filtered ? t('finance.calculations.emptyFiltered') : isFinance ? t('finance.calculations.empty') : t('finance.calculations.emptyReader')
                  }
                  action={filtered ? <Button onClick={() => setFilter({})}>{t('common.reset')}</Button> : newButton('calc-new-empty')}
                />
              }
            />
            <LoadMore
              count={rows.length}
              hasMore={calculations.hasNextPage}
              loading={calculations.isFetchingNextPage}
              onLoadMore={() => void calculations.fetchNextPage()}
            />
          </>
        )}
      </Card>
      {isFinance ? (
        <ComputeRewardDrawer
          open={computing}
          onClose={() => setComputing(false)}
          onComputed={(calculation) => {
            setComputing(false);
            void navigate(`/finance/calculations/${calculation.id}`);
          }}
          {...choices}
        />
      ) : null}
    </>
  );
}
