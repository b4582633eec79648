import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatFen } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';
import { CalculationKindTag, CalculationStatusTag, detailText, milestoneText, subjectOf } from './calculation-tags.tsx';

type Props = {
  calculations: Calculation[];
  loading?: boolean;
  emptyText: ReactNode;
  /** Extra columns at the end (the approval queue's buttons). */
  extraColumns?: ColumnsType<Calculation>;
  hideStatus?: boolean;
  testId?: string;
};

const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>;

export function CalculationsTable({ calculations, loading, emptyText, extraColumns = [], hideStatus, testId }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<Calculation> = [
    {
      title: t('finance.col.subject'),
      key: 'subject',
      render: (_, c) => (
        <div>
          <Link to={`/finance/calculations/${c.id}`} data-testid={`calc-link-${c.id}`}>
            {subjectOf(c)}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {detailText(c)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('finance.col.kind'), dataIndex: 'kind', width: 130, render: (_, c) => <CalculationKindTag kind={c.kind} /> },
    { title: t('finance.col.milestone'), dataIndex: 'milestone', width: 110, render: (_, c) => milestoneText(c, t) },
    ...(hideStatus
      ? []
      : [
          {
            title: t('finance.col.status'),
            dataIndex: 'status',
            width: 100,
            render: (_: unknown, c: Calculation) => <CalculationStatusTag status={c.status} />,
          },
        ]),
    { title: t('finance.col.total'), dataIndex: 'totalFen', width: 150, align: 'right', render: (_, c) => money(c.totalFen) },
    {
      title: t('finance.col.due'),
      dataIndex: 'dueFen',
      width: 170,
      align: 'right',
      render: (_, c) => (
        <div>
          <strong>{money(c.dueFen)}</strong>
          {c.overpaymentFen > 0 ? (
            <div>
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('finance.calc.overpaymentShort', { amount: formatFen(c.overpaymentFen) })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('finance.col.maker'),
      dataIndex: 'makerName',
      width: 150,
      render: (_, c) => (
        <div>
          <div>{c.makerName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.submittedAt ?? c.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    ...extraColumns,
  ];
  return (
    <Table<Calculation>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={calculations}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText }}
      data-testid={testId ?? 'calculations-table'}
    />
  );
}
