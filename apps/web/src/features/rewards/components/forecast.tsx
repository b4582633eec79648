import type { RewardMilestone } from '@crm/shared';
import { Card, Col, Row, Statistic, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen, formatFenLarge, isPositiveFen, type FenLike } from '../../../lib/format.ts';
import type { Forecast, ForecastRow } from '../../../lib/types.ts';

function Total({ label, fen, hint, color, testId }: { label: string; fen: FenLike; hint: string; color?: string; testId: string }) {
  return (
    <Card style={{ height: '100%' }}>
      <Statistic title={label} value={formatFenLarge(fen)} styles={{ content: { color, fontVariantNumeric: 'tabular-nums' } }} data-testid={testId} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatFen(fen)} · {hint}
      </Typography.Text>
    </Card>
  );
}

/**
 * The totals: what signed projects still stand to earn, what leads in negotiation would, both, and what was paid
 * beyond the entitlement (待追回). Sums arrive as decimal strings and are shown exactly.
 */
export function ForecastTotals({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const recovery = isPositiveFen(forecast.recoveryFen);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} md={12} xl={6}>
        <Total label={t('finance.forecast.signed')} fen={forecast.signedRemainingFen} hint={t('finance.forecast.signedHint')} testId="forecast-signed" />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Total
          label={t('finance.forecast.pipeline')}
          fen={forecast.pipelineRemainingFen}
          hint={t('finance.forecast.pipelineHint')}
          testId="forecast-pipeline"
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Total
          label={t('finance.forecast.total')}
          fen={forecast.totalRemainingFen}
          hint={t('finance.forecast.totalHint')}
          color={token.colorPrimary}
          testId="forecast-total"
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Total
          label={t('finance.forecast.recovery')}
          fen={forecast.recoveryFen}
          hint={t('finance.forecast.recoveryHint')}
          {...(recovery ? { color: token.colorError } : {})}
          testId="forecast-recovery"
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Total
          label={t('recovery.outstandingTotal')}
          fen={forecast.recoveriesOutstandingFen}
          hint={t('recovery.outstandingHint')}
          testId="forecast-recoveries-outstanding"
        />
      </Col>
    </Row>
  );
}

const money = (fen: number) => (
  <Tooltip title={formatFen(fen)}>
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFenLarge(fen)}</span>
  </Tooltip>
);

export function ForecastTable({ rows, emptyText }: { rows: ForecastRow[]; emptyText: ReactNode }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ForecastRow> = [
    {
      title: t('finance.forecast.col.name'),
      dataIndex: 'name',
      width: 220,
      render: (_, row) => (
        <span>
          <Tag color={row.projectId ? 'blue' : 'gold'}>{row.projectId ? t('finance.forecast.project') : t('finance.forecast.lead')}</Tag>
          {row.projectId ? (
            <Link to={`/projects/${row.projectId}`}>{row.name}</Link>
          ) : row.leadId ? (
            <Link to={`/leads/${row.leadId}`}>{row.name}</Link>
          ) : (
            row.name
          )}
        </span>
      ),
    },
    {
      title: t('finance.forecast.col.stage'),
      dataIndex: 'stage',
      width: 80,
      render: (_, row) => (row.projectId ? t(`milestone.${row.stage as RewardMilestone}`, { defaultValue: row.stage }) : t('stage.negotiating')),
    },
    { title: t('finance.forecast.col.policy'), dataIndex: 'policyName', width: 150, ellipsis: true },
    { title: t('finance.forecast.col.basis'), dataIndex: 'basisFen', width: 110, align: 'right', render: (_, row) => money(row.basisFen) },
    {
      title: t('finance.forecast.col.total'),
      dataIndex: 'totalFen',
      width: 130,
      align: 'right',
      render: (_, row) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(row.totalFen)}</span>,
    },
    {
      title: t('finance.forecast.col.paid'),
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (_, row) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(row.paidFen)}</span>,
    },
    {
      title: t('finance.forecast.col.remaining'),
      dataIndex: 'remainingFen',
      width: 130,
      align: 'right',
      render: (_, row) => <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(row.remainingFen)}</strong>,
    },
    {
      title: t('finance.forecast.col.recovery'),
      dataIndex: 'recoveryFen',
      width: 150,
      align: 'right',
      render: (_, row) =>
        row.recoveryFen > 0 ? (
          <Tooltip title={t('finance.forecast.recoveryRowHint')}>
            <Tag color="red" style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }} data-testid="forecast-recovery-flag">
              {t('finance.forecast.recoveryTag', { amount: formatFen(row.recoveryFen) })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <Table<ForecastRow>
      rowKey={(row) => `${row.projectId ?? row.leadId ?? row.name}:${row.policyId}`}
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 1040 }}
      locale={{ emptyText }}
      data-testid="forecast-table"
    />
  );
}
