import { Alert, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { ExportButton } from '../../features/data-export/components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useLeads, type LeadsFilter } from '../../features/leads/api/get-leads.ts';
import { LeadsFilters } from '../../features/leads/components/leads-filters.tsx';
import { PoolTable } from '../../features/leads/components/pool-table.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { useLeadChoices } from './use-lead-choices.ts';

export default function PoolRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [filter, setFilter] = useState<LeadsFilter>({ pool: true });
  const pool = useLeads(filter);
  const choices = useLeadChoices();
  const [claimError, setClaimError] = useState<{ company: string; message: string } | null>(null);
  const rows = pool.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={t('pool.title')} subtitle={t('pool.subtitle')} extra={<ExportButton path="/leads/export" params={filter} fallbackName="公海" />} />
      {claimError ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setClaimError(null) }}
          style={{ marginBottom: 16 }}
          title={`${t('pool.claimFailed')}${t('app.colon')}${claimError.company}`}
          description={claimError.message}
          data-testid="claim-error"
        />
      ) : null}
      <Card>
        <LeadsFilters value={filter} onChange={(next) => setFilter({ ...next, pool: true })} choices={choices} compact />
        {pool.isError ? (
          <ErrorAlert error={pool.error} onRetry={() => void pool.refetch()} />
        ) : pool.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <PoolTable
              leads={rows}
              loading={pool.isFetching && !pool.isFetchingNextPage}
              emptyText={<EmptyState testId="pool-empty" description={t('pool.empty')} />}
              canClaim={hasRole(user, 'staff')}
              onClaimed={() => setClaimError(null)}
              onClaimFailed={(error, lead) => setClaimError({ company: lead.companyName, message: errorText(error, t) })}
            />
            <LoadMore count={rows.length} hasMore={pool.hasNextPage} loading={pool.isFetchingNextPage} onLoadMore={() => void pool.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
