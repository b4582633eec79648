import { divRoundHalfUp } from '@crm/shared';
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/chart.tsx';
import { fenToWanNumber, fenToWanText, formatBp, type FenLike } from '../../../lib/format.ts';
import type { ZoneProgress } from '../../../lib/types.ts';
import { isCountTarget, targetMetrics, type TargetMetricKey } from './target-metric.ts';

/** Completion in basis points, or null without a target. */
export function completionBp(actual: FenLike, target: number | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0) return null;
  return Number(divRoundHalfUp(BigInt(actual) * 10000n, BigInt(target)));
}

/**
 * A bullet chart per zone: the target as a pale bar, the actual drawn over it, completion at the end.
 * One metric at a time (amounts in 万元, new projects as a count).
 */
export function ZoneTargetsChart({ zones }: { zones: ZoneProgress[] }) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<TargetMetricKey>('signed_investment');
  const option = useMemo<ChartOption>(() => {
    const count = isCountTarget(metric);
    const value = (n: FenLike) => (count ? Number(n) : fenToWanNumber(n));
    const text = (n: FenLike) => (count ? String(n) : `${fenToWanText(n)} ${t('performance.wanUnit')}`);
    const rows = [...zones].reverse();
    return {
      color: ['#dbeafe', '#1d4ed8'],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const zone = rows[(params as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          if (!zone) return '';
          const target = zone.targets[metric];
          const actual = zone.actuals[metric] ?? 0;
          const bp = completionBp(actual, target);
          return [
            `<b>${zone.zoneName}</b>`,
            `${t('dashboard.zones.actual')}${t('app.colon')}${text(actual)}`,
            `${t('dashboard.zones.target')}${t('app.colon')}${target === null || target === undefined ? t('dashboard.zones.noTarget') : text(target)}`,
            bp === null ? '' : `${t('dashboard.zones.completion')}${t('app.colon')}${formatBp(bp)}`,
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: count ? '' : t('performance.wanUnit'), splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((z) => z.zoneName), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('dashboard.zones.target'),
          barWidth: 20,
          data: rows.map((z) => value(z.targets[metric] ?? 0)),
          itemStyle: { borderColor: '#93c5fd', borderWidth: 1 },
        },
        {
          type: 'bar',
          name: t('dashboard.zones.actual'),
          barWidth: 20,
          barGap: '-100%',
          data: rows.map((z) => value(z.actuals[metric] ?? 0)),
          label: {
            show: true,
            position: 'right',
            color: '#374151',
            formatter: (params: unknown) => {
              const zone = rows[(params as { dataIndex: number }).dataIndex];
              if (!zone) return '';
              const bp = completionBp(zone.actuals[metric] ?? 0, zone.targets[metric]);
              return bp === null ? t('dashboard.zones.noTarget') : formatBp(bp);
            },
          },
        },
      ],
    };
  }, [zones, metric, t]);
  return (
    <div>
      <Segmented<TargetMetricKey>
        size="small"
        value={metric}
        onChange={setMetric}
        options={targetMetrics.map((m) => ({ value: m, label: t(`dashboard.targetMetric.${m}`) }))}
        style={{ marginBottom: 8 }}
        data-testid="zone-metric"
      />
      <Chart option={option} height={Math.max(220, zones.length * 48 + 60)} label={t('dashboard.zones.title')} testId="zones-chart" />
    </div>
  );
}
