import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { usePolicies } from '../../features/policies/api/get-policies.ts';
import { PoliciesTable } from '../../features/policies/components/policies-table.tsx';
import { PolicyFormDrawer } from '../../features/policies/components/policy-form-drawer.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';

/** 奖励政策: every policy with its kind and the version in effect today. */
export default function FinancePoliciesRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const policies = usePolicies();
  const [creating, setCreating] = useState(false);
  const canWrite = hasRole(user, 'admin', 'manager');
  const newButton = (testId: string) =>
    canWrite ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={testId}>
        {t('policies.new')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader title={t('policies.title')} subtitle={t('policies.subtitle')} extra={newButton('policy-new')} />
      <Card>
        {policies.isError ? (
          <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
        ) : policies.isPending ? (
          <LoadingBlock rows={6} />
        ) : (
          <PoliciesTable
            policies={policies.data}
            loading={policies.isFetching}
            emptyText={
              <EmptyState
                testId="policies-empty"
                description={canWrite ? t('policies.empty') : t('policies.emptyReader')}
                action={newButton('policy-new-empty')}
              />
            }
          />
        )}
      </Card>
      <PolicyFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(policy) => {
          setCreating(false);
          void navigate(`/finance/policies/${policy.id}`);
        }}
      />
    </>
  );
}
