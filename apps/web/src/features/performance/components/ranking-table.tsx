import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PerformanceMetric, RankingRow, SchemeMetric } from '../../../lib/types.ts';
import { FlagStatusTag } from './appeals.tsx';
import { isMoneyMetric, MetricValue, RatioText, formatScore } from './metric.tsx';

type Props = {
  rows: RankingRow[];
  /** The scheme's metrics, in its order: one column each. */
  metrics: SchemeMetric[];
  loading?: boolean;
  /** The row to draw the eye to (opened from the dashboard). */
  highlightStaffId?: string | null;
  onDrill: (row: RankingRow, metric: PerformanceMetric) => void;
  emptyText?: ReactNode;
};

/** 末位: the bottom of the ranking by the scheme's percentage (ties with the last flagged one included). */
export function BottomTag({ bottom }: { bottom: boolean }) {
  const { t } = useTranslation();
  return bottom ? (
    <Tag color="red" data-testid="bottom-tag">
      {t('performance.bottom')}
    </Tag>
  ) : null;
}

/**
 * The ranking: rank (equal scores share one, 1-2-2-4), each metric's actual against target and how far that
 * counts, the score to two decimals, 末位 in red. Every figure opens the records behind it.
 */
export function RankingTable({ rows, metrics, loading, highlightStaffId, onDrill, emptyText }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<RankingRow> = [
    {
      title: t('performance.col.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (_, row) => (
        <Typography.Text strong style={{ fontSize: 16 }} data-testid={`rank-${row.staffId}`}>
          {row.rank}
        </Typography.Text>
      ),
    },
    {
      title: t('performance.col.staff'),
      dataIndex: 'staffName',
      width: 120,
      fixed: 'left',
      render: (_, row) => (
        <Flex gap={6} align="center" wrap>
          <span>{row.staffName}</span>
          <BottomTag bottom={row.bottom} />
          {row.flag ? <FlagStatusTag flag={row.flag} /> : null}
        </Flex>
      ),
    },
    ...metrics.map((m): ColumnsType<RankingRow>[number] => ({
      key: m.metric,
      width: isMoneyMetric(m.metric) ? 170 : 130,
      align: 'right',
      title: (
        <div>
          <div>{t(`performance.metric.${m.metric}`)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {isMoneyMetric(m.metric) ? `${t('performance.wanUnit')} · ` : ''}
            {t('performance.weightOf', { weight: m.weight })}
          </Typography.Text>
        </div>
      ),
      render: (_, row) => {
        const figure = row.metrics.find((x) => x.metric === m.metric);
        if (!figure) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              onClick={() => onDrill(row, m.metric)}
              data-testid={`figure-${row.staffId}-${m.metric}`}
              title={t('performance.drillHint')}
            >
              <MetricValue metric={m.metric} value={figure.actual} />
            </Button>
            <Typography.Text type="secondary">
              {' / '}
              <MetricValue metric={m.metric} value={figure.target} />
            </Typography.Text>
            <div>
              <RatioText ratioBp={figure.ratioBp} />
            </div>
          </div>
        );
      },
    })),
    {
      title: t('performance.col.score'),
      dataIndex: 'scoreHundredths',
      width: 96,
      align: 'right',
      fixed: 'right',
      render: (_, row) => (
        <Typography.Text
          strong
          style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}
          type={row.bottom ? 'danger' : undefined}
          data-testid={`score-${row.staffId}`}
        >
          {formatScore(row.scoreHundredths)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<RankingRow>
      rowKey="staffId"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 280 + metrics.reduce((sum, m) => sum + (isMoneyMetric(m.metric) ? 170 : 130), 0) }}
      locale={emptyText ? { emptyText } : undefined}
      rowClassName={(row) => (row.staffId === highlightStaffId ? 'ant-table-row-selected' : '')}
      onRow={(row) => ({ 'data-testid': `ranking-row-${row.staffId}`, 'data-rank': row.rank, 'data-bottom': row.bottom }) as HTMLAttributes<HTMLElement>}
      data-testid="ranking-table"
    />
  );
}
