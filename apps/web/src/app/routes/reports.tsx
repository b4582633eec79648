import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useDownloadReport } from '../../features/reports/api/download-report.ts';
import { useReport, type ReportQuery } from '../../features/reports/api/get-report.ts';
import { ReportView } from '../../features/reports/components/report-view.tsx';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { currentPeriod } from '../../lib/zone-time.ts';
import { ApprovalTimesCard, OverdueApprovalsCard } from '../../features/approvals/approval-times.tsx';
import { periodRange } from '@crm/shared';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

/**
 * 报表 (policy 三(一) 月调度、季汇报): the monthly dispatch and the quarterly report, on screen as the office's
 * spreadsheet reads, for all zones or one, with the .xlsx to file. Tab, period and zone live in the URL.
 */
export default function ReportsRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const kind: ReportQuery['kind'] = params.get('tab') === 'quarterly' ? 'quarterly' : 'monthly';
  const periodParam = params.get('period') ?? '';
  const period =
    kind === 'monthly' ? (MONTH.test(periodParam) ? periodParam : currentPeriod('month')) : QUARTER.test(periodParam) ? periodParam : currentPeriod('quarter');
  const zoneId = params.get('zone') ?? undefined;
  const query: ReportQuery = { kind, period, zoneId };
  const report = useReport(query);
  const zones = useZones();
  const download = useDownloadReport({
    mutationConfig: {
      onSuccess: ({ filename }) => void message.success(t('reports.downloaded', { filename })),
      onError: (error) => void message.error(errorText(error, t)),
    },
  });

  const change = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
    setParams(merged, { replace: true });
  };

  let body;
  if (report.isError) body = <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  else if (report.isPending) body = <LoadingBlock rows={14} />;
  else
    body = (
      <div style={{ opacity: report.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }}>
        <ReportView report={report.data} />
      </div>
    );

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        subtitle={t('reports.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={download.isPending}
            disabled={!report.data}
            onClick={() => download.mutate(query)}
            data-testid="report-download"
          >
            {t('reports.download')}
          </Button>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={kind}
          onChange={(key) => change({ tab: key, period: null })}
          items={[
            { key: 'monthly', label: t('reports.tab.monthly') },
            { key: 'quarterly', label: t('reports.tab.quarterly') },
          ]}
          data-testid="report-tabs"
        />
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{kind === 'monthly' ? t('reports.month') : t('reports.quarter')}</Typography.Text>
          <PeriodPicker
            value={period}
            kinds={[kind === 'monthly' ? 'month' : 'quarter']}
            onChange={(next) => change({ period: next })}
            testId="report-period"
          />
          <Typography.Text type="secondary">{t('reports.zone')}</Typography.Text>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('reports.allZones')}
            value={zoneId}
            loading={zones.isPending}
            onChange={(value: string | undefined) => change({ zone: value ?? null })}
            options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))}
            data-testid="report-zone"
          />
        </Flex>
        {body}
      </Card>
      <Card title={t('approvals.timesTitle', { period })} style={{ marginTop: 16 }} data-testid="approval-times-card">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('approvals.timesHint')}
        </Typography.Paragraph>
        <ApprovalTimesCard from={periodRange(period).from} to={periodRange(period).to} />
      </Card>
      <Card title={t('approvals.overdueTitle')} style={{ marginTop: 16 }}>
        <OverdueApprovalsCard />
      </Card>
    </>
  );
}
