import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';
import { CalculationKindTag, detailText, milestoneText, subjectOf } from './calculation-tags.tsx';

type Props = { calculations: Calculation[]; loading?: boolean; emptyText: ReactNode };

const paymentOf = (c: Calculation) => c.lines.find((line) => line.payment)?.payment ?? null;

/** Paid calculations: when, against which voucher, to whom and how much. */
export function PaymentsTable({ calculations, loading, emptyText }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<Calculation> = [
    { title: t('finance.payments.col.paidOn'), key: 'paidOn', width: 110, render: (_, c) => formatDate(paymentOf(c)?.paidOn) },
    {
      title: t('finance.payments.col.reference'),
      key: 'reference',
      width: 170,
      render: (_, c) => <Typography.Text copyable>{paymentOf(c)?.reference ?? '—'}</Typography.Text>,
    },
    {
      title: t('finance.col.subject'),
      key: 'subject',
      render: (_, c) => (
        <div>
          <Link to={`/finance/calculations/${c.id}`}>{subjectOf(c)}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {detailText(c)} · {milestoneText(c, t)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('finance.col.kind'), dataIndex: 'kind', width: 130, render: (_, c) => <CalculationKindTag kind={c.kind} /> },
    {
      title: t('finance.payments.col.payees'),
      key: 'payees',
      render: (_, c) => (
        <div>
          {c.lines
            .filter((line) => line.payment)
            .map((line) => (
              <div key={line.id}>
                {line.payeeName} <Typography.Text type="secondary">{formatFen(line.amountFen)}</Typography.Text>
              </div>
            ))}
        </div>
      ),
    },
    {
      title: t('finance.payments.col.amount'),
      dataIndex: 'dueFen',
      width: 160,
      align: 'right',
      render: (_, c) => <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(c.dueFen)}</strong>,
    },
    { title: t('finance.payments.col.paidBy'), key: 'paidBy', width: 110, render: (_, c) => paymentOf(c)?.paidByName ?? '—' },
    { title: t('finance.col.checker'), dataIndex: 'checkerName', width: 110, render: (_, c) => c.checkerName ?? '—' },
  ];
  return (
    <Table<Calculation>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={calculations}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText }}
      data-testid="payments-table"
    />
  );
}
