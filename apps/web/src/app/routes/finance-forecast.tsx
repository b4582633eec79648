import { Card, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { usePolicies } from '../../features/policies/api/get-policies.ts';
import { useForecast } from '../../features/rewards/api/get-forecast.ts';
import { ForecastTable, ForecastTotals } from '../../features/rewards/components/forecast.tsx';
import { formatDate } from '../../lib/format.ts';

/** 奖励预测: the reward liability of signed projects and leads in negotiation, if they land. */
export default function FinanceForecastRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const policyId = params.get('policyId') ?? undefined;
  const forecast = useForecast({ policyId });
  const policies = usePolicies();

  return (
    <>
      <PageHeader
        title={t('finance.forecast.title')}
        subtitle={forecast.data ? t('finance.forecast.subtitleAsOf', { date: formatDate(forecast.data.asOf) }) : t('finance.forecast.subtitle')}
        extra={
          <Select
            allowClear
            placeholder={t('finance.forecast.allPolicies')}
            style={{ width: 260 }}
            value={policyId}
            onChange={(id?: string) => setParams(id ? { policyId: id } : {}, { replace: true })}
            options={(policies.data ?? []).filter((p) => p.kind !== 'service_fee').map((p) => ({ value: p.id, label: p.name }))}
            data-testid="forecast-policy"
          />
        }
      />
      {forecast.isError ? (
        <ErrorAlert error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : forecast.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <>
          <ForecastTotals forecast={forecast.data} />
          <Card>
            <Flex justify="space-between" style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('finance.forecast.hint')}</Typography.Text>
            </Flex>
            <ForecastTable rows={forecast.data.rows} emptyText={<EmptyState testId="forecast-empty" description={t('finance.forecast.empty')} />} />
          </Card>
        </>
      )}
    </>
  );
}
