import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useAgentChoices } from '../../features/agents/api/get-agents.ts';
import { useCalculations } from '../../features/rewards/api/get-calculations.ts';
import { useServiceFeeContracts } from '../../features/rewards/api/get-service-fee-contracts.ts';
import { CalculationsTable } from '../../features/rewards/components/calculations-table.tsx';
import { ComputeServiceFeeModal } from '../../features/rewards/components/compute-service-fee-modal.tsx';
import { ServiceFeeContractDrawer } from '../../features/rewards/components/service-fee-contract-drawer.tsx';
import { ServiceFeeContractsTable } from '../../features/rewards/components/service-fee-contracts-table.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { ServiceFeeContract } from '../../lib/types.ts';

/** 服务费合同 (购买招商服务): contracts with agents, and the fee of a period computed like any reward. */
export default function FinanceServiceFeesRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const contracts = useServiceFeeContracts();
  const calculations = useCalculations({ kind: 'service_fee' });
  const calculationRows = calculations.data?.pages.flatMap((page) => page.items) ?? [];
  const [creating, setCreating] = useState(false);
  const [computing, setComputing] = useState<ServiceFeeContract | null>(null);
  const canWrite = hasRole(user, 'finance', 'manager');
  const isFinance = hasRole(user, 'finance');
  // Agents belong to their own feature: fetched here and handed to the contract form.
  const agents = useAgentChoices();

  const newButton = (testId: string) =>
    canWrite ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={testId}>
        {t('finance.serviceFees.new')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader title={t('finance.serviceFees.title')} subtitle={t('finance.serviceFees.subtitle')} extra={newButton('contract-new')} />
      <Card title={t('finance.serviceFees.contracts')} style={{ marginBottom: 16 }}>
        {contracts.isError ? (
          <ErrorAlert error={contracts.error} onRetry={() => void contracts.refetch()} />
        ) : contracts.isPending ? (
          <LoadingBlock rows={4} />
        ) : (
          <ServiceFeeContractsTable
            contracts={contracts.data}
            loading={contracts.isFetching}
            emptyText={<EmptyState testId="contracts-empty" description={t('finance.serviceFees.empty')} action={newButton('contract-new-empty')} />}
            renderAction={
              isFinance
                ? (contract) => (
                    <Button size="small" icon={<CalculatorOutlined />} onClick={() => setComputing(contract)} data-testid={`contract-compute-${contract.id}`}>
                      {t('finance.serviceFees.compute')}
                    </Button>
                  )
                : undefined
            }
          />
        )}
      </Card>
      <Card title={t('finance.serviceFees.calculations')}>
        {calculations.isError ? (
          <ErrorAlert error={calculations.error} onRetry={() => void calculations.refetch()} />
        ) : calculations.isPending ? (
          <LoadingBlock rows={4} />
        ) : (
          <>
            <CalculationsTable
              calculations={calculationRows}
              loading={calculations.isFetching && !calculations.isFetchingNextPage}
              testId="fee-calculations-table"
              emptyText={<EmptyState description={t('finance.serviceFees.calculationsEmpty')} />}
            />
            <LoadMore
              count={calculationRows.length}
              hasMore={calculations.hasNextPage}
              loading={calculations.isFetchingNextPage}
              onLoadMore={() => void calculations.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <ServiceFeeContractDrawer open={creating} agents={agents.data ?? []} onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />
      <ComputeServiceFeeModal
        contract={computing}
        onClose={() => setComputing(null)}
        onComputed={(calculation) => {
          setComputing(null);
          void navigate(`/finance/calculations/${calculation.id}`);
        }}
      />
    </>
  );
}
