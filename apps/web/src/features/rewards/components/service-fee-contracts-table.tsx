import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { ServiceFeeContract } from '../../../lib/types.ts';

type Props = {
  contracts: ServiceFeeContract[];
  loading?: boolean;
  emptyText: ReactNode;
  /** 计算服务费 for finance; nothing for the others. */
  renderAction?: (contract: ServiceFeeContract) => ReactNode;
};

export function ServiceFeeContractsTable({ contracts, loading, emptyText, renderAction }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<ServiceFeeContract> = [
    { title: t('finance.serviceFees.field.title'), dataIndex: 'title' },
    { title: t('finance.serviceFees.field.agent'), dataIndex: 'agentName', width: 220 },
    {
      title: t('finance.serviceFees.field.fee'),
      dataIndex: 'feeFen',
      width: 200,
      align: 'right',
      render: (_, c) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatFen(c.feeFen)}
          <Typography.Text type="secondary"> / {t(`policies.periodUnit.${c.period}`)}</Typography.Text>
        </span>
      ),
    },
    { title: t('finance.serviceFees.field.period'), dataIndex: 'period', width: 100, render: (_, c) => <Tag>{t(`policies.periodKind.${c.period}`)}</Tag> },
    {
      title: t('finance.serviceFees.term'),
      key: 'term',
      width: 220,
      render: (_, c) => t('policies.rangeTo', { from: formatDate(c.startsOn), to: formatDate(c.endsOn) }),
    },
  ];
  if (renderAction) columns.push({ title: t('common.actions'), key: 'actions', width: 130, render: (_, c) => renderAction(c) });
  return (
    <Table<ServiceFeeContract>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={contracts}
      loading={loading}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText }}
      data-testid="service-fee-contracts-table"
    />
  );
}
