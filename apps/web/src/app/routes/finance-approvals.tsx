import { Card, Flex, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useCalculations } from '../../features/rewards/api/get-calculations.ts';
import { ActionErrorAlert } from '../../features/rewards/components/calculation-actions.tsx';
import { CalculationsTable } from '../../features/rewards/components/calculations-table.tsx';
import { ApproveButton, RejectButton } from '../../features/rewards/components/decision-buttons.tsx';
import { useUser } from '../../lib/auth.ts';
import type { Calculation } from '../../lib/types.ts';

/** 审批队列 (managers): submitted calculations with amount, project and maker, approved or rejected inline. */
export default function FinanceApprovalsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const queue = useCalculations({ status: 'submitted' });
  const rows = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const [error, setError] = useState<unknown>(null);

  const actions = {
    title: t('common.actions'),
    key: 'actions',
    width: 220,
    render: (_: unknown, c: Calculation) => (
      <Flex gap={8} wrap align="center">
        <ApproveButton calculation={c} size="small" onError={setError} onDone={() => setError(null)} />
        <RejectButton calculation={c} size="small" onError={setError} onDone={() => setError(null)} />
        {c.makerId === user.id ? (
          <Tooltip title={t('finance.approvals.ownHint')}>
            <Tag color="orange">{t('finance.approvals.own')}</Tag>
          </Tooltip>
        ) : null}
      </Flex>
    ),
  };

  return (
    <>
      <PageHeader title={t('finance.approvals.title')} subtitle={t('finance.approvals.subtitle')} />
      <ActionErrorAlert
        error={error}
        onClose={() => setError(null)}
        onReload={() => {
          setError(null);
          void queue.refetch();
        }}
      />
      <Card>
        {queue.isError ? (
          <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} />
        ) : queue.isPending ? (
          <LoadingBlock rows={6} />
        ) : (
          <>
            <CalculationsTable
              calculations={rows}
              loading={queue.isFetching && !queue.isFetchingNextPage}
              hideStatus
              extraColumns={[actions]}
              testId="approvals-table"
              emptyText={<EmptyState testId="approvals-empty" description={t('finance.approvals.empty')} />}
            />
            <LoadMore count={rows.length} hasMore={queue.hasNextPage} loading={queue.isFetchingNextPage} onLoadMore={() => void queue.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
