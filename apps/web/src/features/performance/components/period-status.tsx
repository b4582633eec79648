import { LockOutlined } from '@ant-design/icons';
import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Ranking, Restatement } from '../../../lib/types.ts';
import { compareActual, isMoneyMetric, MetricValue, formatScore } from './metric.tsx';

/** 已结账（上报委员会）: who closed the period and when; the figures shown are the ones reported. */
export function ClosedBanner({ ranking }: { ranking: Ranking }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      icon={<LockOutlined />}
      data-testid="closed-banner"
      title={t('performance.closed.title')}
      description={
        <>
          <div>{t('performance.closed.by', { name: ranking.closedByName ?? '—', at: formatDateTime(ranking.closedAt) })}</div>
          <div style={{ marginTop: 4 }}>{t('performance.closed.frozen')}</div>
        </>
      }
      style={{ height: '100%' }}
    />
  );
}

function Value({ restatement, value }: { restatement: Restatement; value: number | string }) {
  return restatement.metric === 'score' ? <span>{formatScore(Number(value))}</span> : <MetricValue metric={restatement.metric} value={value} />;
}

/** 更正: figures that changed after the period was reported, beside (never instead of) the reported ones. */
export function RestatementsCard({ restatements }: { restatements: Restatement[] }) {
  const { t } = useTranslation();
  const metricName = (metric: string) =>
    metric === 'score'
      ? t('performance.col.score')
      : isMoneyMetric(metric)
        ? t('performance.withUnit', { label: t(`performance.metric.${metric as 'new_leads'}`), unit: t('performance.wanUnit') })
        : t(`performance.metric.${metric as 'new_leads'}`);
  return (
    <Card size="small" title={t('performance.restatements.title')} style={{ height: '100%' }}>
      <Table<Restatement>
        rowKey={(r) => `${r.staffId}-${r.metric}`}
        size="small"
        pagination={false}
        dataSource={restatements}
        data-testid="restatements-table"
        locale={{ emptyText: <EmptyState description={t('performance.restatements.empty')} /> }}
        columns={[
          { title: t('performance.col.staff'), dataIndex: 'staffName', width: 96 },
          { title: t('performance.restatements.metric'), dataIndex: 'metric', render: (_, r) => metricName(r.metric) },
          {
            title: t('performance.restatements.reported'),
            dataIndex: 'reported',
            align: 'right',
            render: (_, r) => <Value restatement={r} value={r.reported} />,
          },
          {
            title: t('performance.restatements.current'),
            dataIndex: 'current',
            align: 'right',
            render: (_, r) => (
              <Typography.Text type={compareActual(r.current, r.reported) > 0 ? 'success' : 'danger'}>
                <Value restatement={r} value={r.current} />
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('performance.restatements.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
