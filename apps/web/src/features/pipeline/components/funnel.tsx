import { Table, Tooltip, Typography } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/chart.tsx';
import { formatBp, formatFen, formatFenLarge, isPositiveFen } from '../../../lib/format.ts';
import type { FunnelStep } from '../../../lib/types.ts';

const palette = ['#1d4ed8', '#2563eb', '#0ea5e9', '#06b6d4', '#10b981', '#f59e0b', '#f97316'];

/** The funnel as a picture: each step's width is its count; the label says count and conversion. */
export function FunnelChart({ steps }: { steps: FunnelStep[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1, ...steps.map((s) => s.count));
    return {
      color: palette,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const index = (params as { dataIndex?: number }).dataIndex ?? 0;
          const step = steps[index];
          if (!step) return '';
          const lines = [
            `<b>${t(`funnelStep.${step.step}`)}</b>`,
            `${t('funnel.count')}${t('app.colon')}${step.count}`,
            `${t('funnel.investment')}${t('app.colon')}${formatFenLarge(step.investmentFen)}`,
          ];
          if (step.conversionBp !== null) lines.push(`${t('funnel.conversion')}${t('app.colon')}${formatBp(step.conversionBp)}`);
          if (step.overallBp !== null) lines.push(`${t('funnel.overall')}${t('app.colon')}${formatBp(step.overallBp)}`);
          return lines.join('<br/>');
        },
      },
      series: [
        {
          type: 'funnel',
          left: '4%',
          width: '58%',
          top: 8,
          bottom: 8,
          min: 0,
          max,
          minSize: '6%',
          sort: 'none',
          gap: 3,
          // Labels beside the shape: a step with few leads is a thin slice with no room for text inside.
          label: {
            show: true,
            position: 'right',
            color: '#1f2937',
            fontSize: 13,
            formatter: (params: unknown) => {
              const index = (params as { dataIndex?: number }).dataIndex ?? 0;
              const step = steps[index];
              if (!step) return '';
              const rate = step.conversionBp === null ? '' : `  {rate|${formatBp(step.conversionBp)}}`;
              return `{name|${t(`funnelStep.${step.step}`)}}  {count|${step.count}}${rate}`;
            },
            rich: {
              name: { fontSize: 13, color: '#374151' },
              count: { fontSize: 14, fontWeight: 'bold', color: '#111827' },
              rate: { fontSize: 12, color: '#6b7280' },
            },
          },
          labelLine: { show: true, length: 12, lineStyle: { color: '#cbd5e1' } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { label: { fontSize: 14 } },
          data: steps.map((step) => ({ name: t(`funnelStep.${step.step}`), value: step.count })),
        },
      ],
    };
  }, [steps, t]);
  return <Chart option={option} height={380} label={t('funnel.chart')} testId="funnel-chart" />;
}

/** The same steps as numbers: count, investment, conversion from the step before and from the first step. */
export function FunnelTable({ steps }: { steps: FunnelStep[] }) {
  const { t } = useTranslation();
  const percent = (bp: number | null) => (bp === null ? <Typography.Text type="secondary">—</Typography.Text> : formatBp(bp));
  return (
    <Table<FunnelStep>
      rowKey="step"
      size="middle"
      pagination={false}
      dataSource={steps}
      data-testid="funnel-table"
      onRow={(step) => ({ 'data-step': step.step, 'data-count': step.count }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('funnel.step'), dataIndex: 'step', render: (_, step) => <Typography.Text strong>{t(`funnelStep.${step.step}`)}</Typography.Text> },
        {
          title: t('funnel.count'),
          dataIndex: 'count',
          align: 'right',
          render: (_, step) => (
            <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`funnel-count-${step.step}`}>
              {step.count}
            </span>
          ),
        },
        {
          title: t('funnel.investment'),
          dataIndex: 'investmentFen',
          align: 'right',
          render: (_, step) =>
            isPositiveFen(step.investmentFen) ? (
              <Tooltip title={formatFen(step.investmentFen)}>
                <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFenLarge(step.investmentFen)}</span>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        { title: t('funnel.conversion'), dataIndex: 'conversionBp', align: 'right', render: (_, step) => percent(step.conversionBp) },
        { title: t('funnel.overall'), dataIndex: 'overallBp', align: 'right', render: (_, step) => percent(step.overallBp) },
      ]}
    />
  );
}
