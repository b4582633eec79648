import { Alert, Drawer, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { fenToWanText, formatBp, formatDate, formatFen } from '../../../lib/format.ts';
import type { DrillItem, PerformanceMetric } from '../../../lib/types.ts';
import { useDrill } from '../api/get-drill.ts';

export type DrillTarget = { staffId: string; staffName: string; metric: PerformanceMetric };

type Props = {
  period: string;
  periodText: string;
  schemeId: string;
  /** A closed period's figures are as reported; the records here are as they are now. */
  closed: boolean;
  /** null: closed. */
  target: DrillTarget | null;
  /** The scheme's metrics, to move between them without closing the drawer. */
  metrics: PerformanceMetric[];
  onMetricChange: (metric: PerformanceMetric) => void;
  onClose: () => void;
};

const typeColor: Record<DrillItem['type'], string> = { lead: 'blue', activity: 'cyan', project: 'green' };

/** Where a record lives: a lead or a visit opens its lead, a credited project its project page. */
function RecordLink({ item }: { item: DrillItem }) {
  if (item.type === 'project' && item.projectId) return <Link to={`/projects/${item.projectId}`}>{item.title}</Link>;
  if (item.leadId) return <Link to={`/leads/${item.leadId}`}>{item.title}</Link>;
  return <span>{item.title}</span>;
}

/** 明细: the leads, visits or credited projects behind one figure, each linked to its page. */
export function DrillDrawer({ period, periodText, schemeId, closed, target, metrics, onMetricChange, onClose }: Props) {
  const { t } = useTranslation();
  const drill = useDrill(target ? { period, schemeId, staffId: target.staffId, metric: target.metric } : null);
  const items = drill.data ?? [];
  const hasShares = items.some((item) => item.shareBp !== null);
  const hasAmounts = items.some((item) => item.amountFen !== null || item.pendingAmountFen !== null);

  let body;
  if (drill.isError) body = <ErrorAlert error={drill.error} onRetry={() => void drill.refetch()} />;
  else if (drill.isPending) body = <LoadingBlock rows={6} />;
  else
    body = (
      <Table<DrillItem>
        rowKey="id"
        size="small"
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={items}
        loading={drill.isFetching}
        locale={{ emptyText: <EmptyState description={t('performance.drill.empty')} /> }}
        data-testid="drill-table"
        columns={[
          {
            title: t('performance.drill.type'),
            dataIndex: 'type',
            width: 72,
            render: (_, item) => <Tag color={typeColor[item.type]}>{t(`performance.drill.kind.${item.type}`)}</Tag>,
          },
          { title: t('performance.drill.title'), dataIndex: 'title', render: (_, item) => <RecordLink item={item} /> },
          { title: t('performance.drill.date'), dataIndex: 'date', width: 104, render: (_, item) => formatDate(item.date) },
          ...(hasShares
            ? [
                {
                  title: t('performance.drill.share'),
                  dataIndex: 'shareBp',
                  width: 88,
                  align: 'right' as const,
                  render: (_: unknown, item: DrillItem) => (item.shareBp === null ? '—' : formatBp(item.shareBp)),
                },
              ]
            : []),
          ...(hasAmounts
            ? [
                {
                  title: t('performance.withUnit', { label: t('performance.drill.amount'), unit: t('performance.wanUnit') }),
                  dataIndex: 'amountFen',
                  width: 150,
                  align: 'right' as const,
                  render: (_: unknown, item: DrillItem) => (
                    <div>
                      {item.amountFen === null ? (
                        '—'
                      ) : (
                        <Tooltip title={formatFen(item.amountFen)}>
                          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(item.amountFen)}</span>
                        </Tooltip>
                      )}
                      {item.pendingAmountFen === null ? null : (
                        // An owner's report waiting for verification: shown, never counted (issue 8).
                        <Tooltip title={t('performance.drill.pendingHelp', { amount: formatFen(item.pendingAmountFen) })}>
                          <div data-testid="drill-pending">
                            <Tag color="orange" style={{ marginInlineEnd: 0, fontSize: 11 }}>
                              {t('performance.drill.pending', { amount: fenToWanText(item.pendingAmountFen) })}
                            </Tag>
                          </div>
                        </Tooltip>
                      )}
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
    );

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={target ? t('performance.drill.heading', { staff: target.staffName, period: periodText }) : null}
    >
      {target ? (
        <div data-testid="drill-drawer">
          <Segmented<PerformanceMetric>
            value={target.metric}
            onChange={onMetricChange}
            options={metrics.map((m) => ({ value: m, label: t(`performance.metric.${m}`) }))}
            style={{ marginBottom: 16, flexWrap: 'wrap' }}
            data-testid="drill-metric"
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t(`performance.drill.explain.${target.metric}`)}
          </Typography.Paragraph>
          {closed ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('performance.drill.closedNote')} /> : null}
          {body}
          {drill.isSuccess && items.length > 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('performance.drill.count', { count: items.length })}
            </Typography.Paragraph>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
