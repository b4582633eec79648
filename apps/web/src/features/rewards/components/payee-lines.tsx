import { formatShareBp } from '@crm/shared';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { RewardLine } from '../../../lib/types.ts';

const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>;

/** Who is paid what: an agent, or each credited staff member's part of the pool (largest remainder). */
export function PayeeLines({ lines }: { lines: RewardLine[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<RewardLine> = [
    {
      title: t('finance.lines.payee'),
      dataIndex: 'payeeName',
      render: (_, line) => (
        <span>
          <Tag color={line.payeeType === 'agent' ? 'geekblue' : 'blue'}>{t(`finance.payeeType.${line.payeeType}`)}</Tag>
          {line.payeeName}
        </span>
      ),
    },
    {
      title: t('finance.lines.share'),
      dataIndex: 'shareBp',
      width: 90,
      align: 'right',
      render: (_, line) => (line.shareBp === null ? '—' : formatShareBp(line.shareBp)),
    },
    { title: t('finance.lines.amount'), dataIndex: 'amountFen', width: 160, align: 'right', render: (_, line) => <strong>{money(line.amountFen)}</strong> },
    { title: t('finance.lines.alreadyPaid'), dataIndex: 'alreadyPaidFen', width: 150, align: 'right', render: (_, line) => money(line.alreadyPaidFen) },
    {
      title: t('finance.lines.overpayment'),
      dataIndex: 'overpaymentFen',
      width: 150,
      align: 'right',
      render: (_, line) => (line.overpaymentFen > 0 ? <Typography.Text type="danger">{money(line.overpaymentFen)}</Typography.Text> : '—'),
    },
    {
      title: t('finance.lines.payment'),
      key: 'payment',
      width: 260,
      render: (_, line) =>
        line.payment ? (
          <div data-testid="line-payment">
            <div>
              {formatDate(line.payment.paidOn)} · {line.payment.reference}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('finance.lines.paidBy', { name: line.payment.paidByName })}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{line.amountFen > 0 ? t('finance.lines.unpaid') : t('finance.lines.nothingDue')}</Typography.Text>
        ),
    },
  ];
  return (
    <Table<RewardLine>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={lines}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: <EmptyState description={t('finance.lines.empty')} /> }}
      data-testid="calc-lines"
    />
  );
}
