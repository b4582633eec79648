import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useExportCalculations } from '../../features/rewards/api/export-calculations.ts';
import { useCalculations } from '../../features/rewards/api/get-calculations.ts';
import { PaymentsTable } from '../../features/rewards/components/payments-table.tsx';

/** 支付记录: paid calculations with date, voucher and payees; the accounting export (.xlsx). */
export default function FinancePaymentsRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const paid = useCalculations({ status: 'paid' });
  const rows = paid.data?.pages.flatMap((page) => page.items) ?? [];
  const exporter = useExportCalculations({
    mutationConfig: {
      onSuccess: ({ filename }) => void message.success(t('finance.payments.exported', { filename })),
      onError: (error) => void message.error(errorText(error, t)),
    },
  });

  return (
    <>
      <PageHeader
        title={t('finance.payments.title')}
        subtitle={t('finance.payments.subtitle')}
        extra={
          <Button type="primary" icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()} data-testid="payments-export">
            {t('finance.payments.export')}
          </Button>
        }
      />
      <Card>
        {paid.isError ? (
          <ErrorAlert error={paid.error} onRetry={() => void paid.refetch()} />
        ) : paid.isPending ? (
          <LoadingBlock rows={6} />
        ) : (
          <>
            <PaymentsTable
              calculations={rows}
              loading={paid.isFetching && !paid.isFetchingNextPage}
              emptyText={<EmptyState testId="payments-empty" description={t('finance.payments.empty')} />}
            />
            <LoadMore count={rows.length} hasMore={paid.hasNextPage} loading={paid.isFetchingNextPage} onLoadMore={() => void paid.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
