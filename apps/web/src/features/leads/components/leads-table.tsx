import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WarningDot } from '../../../components/warning.tsx';
import { daysUntil, fenToWanText, formatDate, formatFen } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { ProtectionCell } from './protection-cell.tsx';
import { ClockLabel } from '../../../components/clock-label.tsx';
import { StageTag } from './stage-tag.tsx';

type Props = { leads: Lead[]; loading: boolean; emptyText: ReactNode };

export function LeadsTable({ leads, loading, emptyText }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<Lead> = [
    {
      title: t('leads.col.company'),
      dataIndex: 'companyName',
      fixed: 'left',
      width: 200,
      render: (_, lead) => (
        <div>
          <Link to={`/leads/${lead.id}`} data-testid={`lead-link-${lead.id}`}>
            {lead.companyName}
          </Link>
          {lead.creditCode ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: lead.creditCode }}>
                {lead.creditCode}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('leads.col.warning'),
      dataIndex: 'warning',
      width: 64,
      align: 'center',
      // Signed and lost leads need no follow-up: no alert to show.
      render: (_, lead) => (lead.stage === 'signed' || lead.stage === 'lost' ? null : <WarningDot warning={lead.warning} />),
    },
    { title: t('leads.col.stage'), dataIndex: 'stage', width: 84, render: (_, lead) => <StageTag stage={lead.stage} /> },
    {
      title: t('clock.col'),
      dataIndex: 'clock',
      width: 150,
      render: (_, lead) => (
        <span data-testid={`lead-clock-${lead.id}`}>
          <ClockLabel clock={lead.clock} />
        </span>
      ),
    },
    { title: t('leads.col.owner'), dataIndex: 'ownerName', width: 76, ellipsis: true },
    {
      title: t('leads.col.zone'),
      dataIndex: 'zoneName',
      width: 150,
      render: (_, lead) => <TwoLine first={lead.zoneName} second={lead.parkName} />,
    },
    {
      title: t('leads.col.industry'),
      dataIndex: 'industryName',
      width: 130,
      render: (_, lead) => <TwoLine first={lead.industryName} second={lead.chainNodeName} />,
    },
    {
      title: t('leads.col.channel'),
      dataIndex: 'channel',
      width: 120,
      ellipsis: true,
      render: (_, lead) => (
        <TwoLine first={t(`channel.${lead.channel}`)} second={lead.agentName} />
      ),
    },
    {
      title: t('leads.col.investment'),
      dataIndex: 'estimatedInvestmentFen',
      width: 110,
      align: 'right',
      render: (_, lead) =>
        lead.estimatedInvestmentFen > 0 ? (
          <Tooltip title={formatFen(lead.estimatedInvestmentFen)}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(lead.estimatedInvestmentFen)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('leads.col.protection'),
      dataIndex: 'protectionExpiresAt',
      width: 140,
      render: (_, lead) =>
        lead.inPool ? (
          <Tag color="volcano" data-protection="pool">
            {t('lead.inPool')}
          </Tag>
        ) : (
          <ProtectionCell expiresAt={lead.protectionExpiresAt} />
        ),
    },
    {
      title: t('leads.col.nextFollowUp'),
      dataIndex: 'nextFollowUpOn',
      width: 100,
      render: (_, lead) => {
        if (!lead.nextFollowUpOn) return <Typography.Text type="secondary">—</Typography.Text>;
        const overdue = daysUntil(lead.nextFollowUpOn) < 0 && lead.stage !== 'signed' && lead.stage !== 'lost';
        return <Typography.Text type={overdue ? 'danger' : undefined}>{formatDate(lead.nextFollowUpOn)}</Typography.Text>;
      },
    },
  ];

  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={leads}
      loading={loading}
      pagination={false}
      scroll={{ x: 1324 }}
      locale={{ emptyText }}
      data-testid="leads-table"
    />
  );
}

function TwoLine({ first, second }: { first: string | null; second: string | null }) {
  if (!first) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      <div>{first}</div>
      {second ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {second}
        </Typography.Text>
      ) : null}
    </div>
  );
}
