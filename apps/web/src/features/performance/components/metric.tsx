import { performanceMetrics } from '@crm/shared';
import { Tooltip, Typography } from 'antd';
import { compareFen, fenToWanText, formatBp, formatFen, formatScore } from '../../../lib/format.ts';
import type { PerformanceMetric } from '../../../lib/types.ts';

export { formatScore, performanceMetrics };

/** Metrics counted in money (fen): signed contract investment and investment at construction start. */
export const moneyMetrics: readonly PerformanceMetric[] = ['signed_investment', 'construction_investment'];
export const isMoneyMetric = (metric: string): boolean => (moneyMetrics as readonly string[]).includes(metric);

/** A count, with credit shares as up to four decimals (0.6667 of a project). */
export const formatCount = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, ''));

/** A figure as the API sends it: counts as numbers, investment as fen in a decimal string (a sum can pass 2^53). */
export type MetricActual = number | string;

/** Compares two figures of one metric exactly (fen as bigint, counts as numbers). */
export const compareActual = (a: MetricActual, b: MetricActual): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : compareFen(String(a), String(b));

/** One figure: money in 万元 (exact 元 on hover), counts as numbers. */
export function MetricValue({ metric, value }: { metric: string; value: MetricActual }) {
  if (isMoneyMetric(metric)) {
    return (
      <Tooltip title={formatFen(value)}>
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(value)}</span>
      </Tooltip>
    );
  }
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCount(Number(value))}</span>;
}

/** How far a figure is toward its target (capped at 150% by the scheme), coloured by how it scores. */
export function RatioText({ ratioBp }: { ratioBp: number }) {
  const type = ratioBp >= 10000 ? 'success' : ratioBp >= 6000 ? 'warning' : 'danger';
  return (
    <Typography.Text type={type} style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
      {formatBp(ratioBp)}
    </Typography.Text>
  );
}
