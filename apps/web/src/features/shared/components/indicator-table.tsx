import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenToWanText, formatFenLarge } from '../../../lib/format.ts';
import type { IndicatorRowT, IndicatorZone } from '../../../lib/types.ts';

const pct = (bp: number | string) => `${(Number(bp) / 100).toFixed(2)}%`;

/**
 * One indicator value in its unit: 万元 (or, with `large`, ¥ / 万元 / 亿元 by size), a count, or a percentage
 * (the value is in basis points).
 */
export function indicatorValue(row: Pick<IndicatorRowT, 'unit'>, v: string | null, large = false): string {
  if (v === null) return '—';
  if (row.unit === 'fen') return large ? formatFenLarge(v) : `${fenToWanText(v)} 万元`;
  if (row.unit === 'bp') return pct(v);
  return v;
}

/**
 * 一(三) indicators per zone: the period, year to date, last year, year on year, target, 完成率 (issue 14). Used by
 * 指标与亩产, the report (table 五) and the dashboard; `large` shows amounts as ¥ / 万元 / 亿元 by size.
 */
export function IndicatorTable({
  zones,
  showPeriod = true,
  large = false,
  testId = 'indicator-table',
}: {
  zones: IndicatorZone[];
  showPeriod?: boolean;
  large?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const value = (r: IndicatorRowT, v: string | null) => indicatorValue(r, v, large);
  const data = zones.flatMap((z) =>
    z.rows.map((r, i) => ({ ...r, key: `${z.zoneId ?? 'all'}-${r.code}`, zoneName: z.zoneName, span: i === 0 ? z.rows.length : 0 })),
  );
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      dataSource={data}
      scroll={{ x: 980 }}
      data-testid={testId}
      columns={[
        { title: t('indicators.zone'), dataIndex: 'zoneName', onCell: (r) => ({ rowSpan: r.span }), width: 150 },
        {
          title: t('indicators.indicator'),
          dataIndex: 'name',
          render: (name: string, r) => (
            <>
              {name}{' '}
              <Tag bordered={false} color={r.source === 'computed' ? 'blue' : r.source === 'derived' ? 'purple' : 'default'}>
                {t(r.source === 'computed' ? 'indicators.sourceComputed' : r.source === 'derived' ? 'indicators.sourceDerived' : 'indicators.sourceEntered')}
              </Tag>
            </>
          ),
        },
        ...(showPeriod ? [{ title: t('indicators.period'), align: 'right' as const, render: (_: unknown, r: IndicatorRowT) => value(r, r.period) }] : []),
        { title: t('indicators.ytd'), align: 'right', render: (_, r) => value(r, r.ytd) },
        { title: t('indicators.lastYearYtd'), align: 'right', render: (_, r) => value(r, r.lastYearYtd) },
        {
          title: t('indicators.yoy'),
          align: 'right',
          render: (_, r) =>
            r.yoyBp === null
              ? '—'
              : r.unit === 'bp'
                ? t('indicators.pp', { value: `${r.yoyBp >= 0 ? '+' : ''}${(r.yoyBp / 100).toFixed(2)}` })
                : `${r.yoyBp >= 0 ? '+' : ''}${pct(r.yoyBp)}`,
        },
        { title: t('indicators.target'), align: 'right', render: (_, r) => <span title={r.targetNote ?? undefined}>{value(r, r.target)}</span> },
        {
          title: t('indicators.completion'),
          align: 'right',
          render: (_, r) =>
            r.completionBp === null ? (
              '—'
            ) : (
              <Tag color={r.met ? 'green' : 'orange'} bordered={false}>
                {pct(r.completionBp)}
              </Tag>
            ),
        },
      ]}
    />
  );
}
