import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fenToWanText, formatDate } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { ClaimButton } from './claim-button.tsx';
import { StageTag } from './stage-tag.tsx';

type Props = {
  leads: Lead[];
  loading: boolean;
  emptyText: ReactNode;
  onClaimFailed: (error: unknown, lead: Lead) => void;
  onClaimed: (lead: Lead) => void;
  /** Claiming is for staff (招商专员); others see the pool without the button. */
  canClaim: boolean;
};

export function PoolTable({ leads, loading, emptyText, onClaimFailed, onClaimed, canClaim }: Props) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: ColumnsType<Lead> = [
    {
      title: t('leads.col.company'),
      dataIndex: 'companyName',
      width: 210,
      render: (_, lead) => <Link to={`/leads/${lead.id}`}>{lead.companyName}</Link>,
    },
    { title: t('leads.col.stage'), dataIndex: 'stage', width: 84, render: (_, lead) => <StageTag stage={lead.stage} /> },
    { title: t('pool.lastOwner'), dataIndex: 'ownerName', width: 84 },
    { title: t('leads.col.zone'), dataIndex: 'zoneName', width: 150, render: (v: string | null) => v ?? dash },
    { title: t('leads.col.industry'), dataIndex: 'industryName', width: 140, ellipsis: true, render: (v: string | null) => v ?? dash },
    { title: t('leads.col.channel'), dataIndex: 'channel', width: 110, render: (_, lead) => t(`channel.${lead.channel}`) },
    {
      title: t('leads.col.investment'),
      dataIndex: 'estimatedInvestmentFen',
      align: 'right',
      width: 110,
      render: (_, lead) => (lead.estimatedInvestmentFen > 0 ? fenToWanText(lead.estimatedInvestmentFen) : dash),
    },
    {
      title: t('pool.expiredAt'),
      dataIndex: 'protectionExpiresAt',
      width: 110,
      // A lost lead is in the pool whatever its protection date said; only a lapse is worth showing in red.
      render: (_, lead) =>
        lead.stage === 'lost' || !lead.protectionExpiresAt ? dash : <Typography.Text type="danger">{formatDate(lead.protectionExpiresAt)}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'claim',
      fixed: 'right',
      width: 84,
      render: (_, lead) => <ClaimButton lead={lead} type="default" onClaimed={onClaimed} onFailed={(error) => onClaimFailed(error, lead)} />,
    },
  ];
  const shown = canClaim ? columns : columns.filter((c) => c.key !== 'claim');
  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      columns={shown}
      dataSource={leads}
      loading={loading}
      pagination={false}
      scroll={{ x: 982 }}
      locale={{ emptyText }}
      data-testid="pool-table"
    />
  );
}
