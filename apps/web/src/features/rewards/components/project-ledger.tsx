import type { RewardMilestone } from '@crm/shared';
import { Alert, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { ProjectLedgerEntry } from '../../../lib/types.ts';
import { useProjectLedger } from '../api/get-project-ledger.ts';
import { CalculationKindTag, CalculationStatusTag } from './calculation-tags.tsx';

const amount = (fen: number | null, strong = false) =>
  fen === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }}>{formatFen(fen)}</span>
  );

/** Each payment of a ledger: to whom, at which milestone, when, under which reference. */
function Payments({ entry }: { entry: ProjectLedgerEntry }) {
  const { t } = useTranslation();
  if (entry.payments.length === 0) return <Typography.Text type="secondary">{t('finance.ledger.noPayments')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`ledger-payments-${entry.policyId}`}>
      {entry.payments.map((p, index) => (
        <li key={`${p.calculationId}-${p.payeeId}-${index}`}>
          {t('finance.ledger.payment', {
            payee: p.payeeName,
            amount: formatFen(p.amountFen),
            milestone: t(`milestone.${p.milestone as RewardMilestone}`, { defaultValue: p.milestone }),
            date: formatDate(p.paidOn),
          })}{' '}
          <Link to={`/finance/calculations/${p.calculationId}`}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.reference}
            </Typography.Text>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * 奖励台账: one ledger per policy for the project — the entitlement so far, what was paid to whom, what is still to
 * pay, and what was paid beyond the entitlement after a correction (待追回), with the open calculation if any.
 */
export function ProjectLedgerCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const ledger = useProjectLedger(projectId);
  if (ledger.isPending) return <LoadingBlock rows={3} />;
  if (ledger.isError) return <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const entries = ledger.data.entries;
  const recovering = entries.filter((e) => e.recoveryFen > 0);
  const columns: ColumnsType<ProjectLedgerEntry> = [
    {
      title: t('finance.ledger.policy'),
      dataIndex: 'policyName',
      render: (_, entry) => (
        <div>
          <Link to={`/finance/policies/${entry.policyId}`}>{entry.policyName}</Link>
          <div>
            <CalculationKindTag kind={entry.kind} />
          </div>
        </div>
      ),
    },
    { title: t('finance.ledger.entitled'), dataIndex: 'entitledFen', align: 'right', width: 150, render: (_, entry) => amount(entry.entitledFen) },
    { title: t('finance.ledger.paid'), dataIndex: 'paidFen', align: 'right', width: 150, render: (_, entry) => amount(entry.paidFen, true) },
    { title: t('finance.ledger.remaining'), dataIndex: 'remainingFen', align: 'right', width: 150, render: (_, entry) => amount(entry.remainingFen) },
    {
      title: t('finance.ledger.recovery'),
      dataIndex: 'recoveryFen',
      align: 'right',
      width: 170,
      render: (_, entry) =>
        entry.recoveryFen > 0 ? (
          <Tooltip title={t('finance.forecast.recoveryRowHint')}>
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="ledger-recovery-flag">
              {t('finance.forecast.recoveryTag', { amount: formatFen(entry.recoveryFen) })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('finance.ledger.open'),
      key: 'open',
      width: 190,
      render: (_, entry) =>
        entry.openCalculation ? (
          <Link to={`/finance/calculations/${entry.openCalculation.id}`}>
            <CalculationStatusTag status={entry.openCalculation.status} />{' '}
            {t(`milestone.${entry.openCalculation.milestone as RewardMilestone}`, { defaultValue: entry.openCalculation.milestone })} {formatFen(entry.openCalculation.dueFen)}
          </Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <div data-testid="project-ledger">
      {recovering.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ledger-recovery-alert"
          message={t('finance.ledger.recoveryAlert', { count: recovering.length, amount: formatFen(recovering.reduce((s, e) => s + e.recoveryFen, 0)) })}
        />
      ) : null}
      <Table<ProjectLedgerEntry>
        rowKey="policyId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={entries}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (entry) => <Payments entry={entry} />, defaultExpandAllRows: true, rowExpandable: () => true }}
        locale={{ emptyText: <EmptyState description={t('finance.ledger.empty')} /> }}
        data-testid="project-ledger-table"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('finance.ledger.hint', { date: formatDate(ledger.data.asOf) })}
      </Typography.Paragraph>
    </div>
  );
}
