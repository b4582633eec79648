import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WarningDot } from '../../../components/warning.tsx';
import { daysUntil, fenToWanText, formatDate, formatDateTime, formatFen } from '../../../lib/format.ts';
import type { Lead, LeadSort } from '../../../lib/types.ts';
import { ProtectionCell } from './protection-cell.tsx';
import { ClockLabel } from '../../../components/clock-label.tsx';
import { StageTag } from './stage-tag.tsx';

type Props = {
  leads: Lead[];
  loading: boolean;
  emptyText: ReactNode;
  /** The list's sort (server-side); clicking a sortable header asks for another. */
  sort?: LeadSort;
  onSort?: (sort: LeadSort | undefined) => void;
  /** Column keys the person hid (column settings); the company column is always shown. */
  hidden?: ReadonlySet<string>;
};

/** The columns a person may show or hide, in table order, with whether they show by default. */
export const leadColumnKeys = [
  ['warning', true],
  ['stage', true],
  ['clock', true],
  ['ownerName', true],
  ['zoneName', true],
  ['industryName', true],
  ['channel', true],
  ['estimatedInvestmentFen', true],
  ['protectionExpiresAt', true],
  ['nextFollowUpOn', true],
  ['createdAt', false],
  ['updatedAt', false],
] as const;
export type LeadColumnKey = (typeof leadColumnKeys)[number][0];

/** Which server sort each sortable column asks for. */
const sortOf: Partial<Record<string, 'companyName' | 'estimatedInvestmentFen' | 'clockDueAt' | 'createdAt' | 'updatedAt'>> = {
  companyName: 'companyName',
  estimatedInvestmentFen: 'estimatedInvestmentFen',
  clock: 'clockDueAt',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

export function LeadsTable({ leads, loading, emptyText, sort = '-createdAt', onSort, hidden }: Props) {
  const { t } = useTranslation();
  const sortable = (key: string, first: 'ascend' | 'descend' = 'ascend'): Partial<ColumnsType<Lead>[number]> => {
    const field = sortOf[key];
    if (!field || !onSort) return {};
    return {
      sorter: true,
      sortOrder: sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null,
      sortDirections: first === 'ascend' ? ['ascend', 'descend'] : ['descend', 'ascend'],
      showSorterTooltip: false,
    };
  };
  const all: ColumnsType<Lead> = [
    {
      key: 'companyName',
      title: t('leads.col.company'),
      dataIndex: 'companyName',
      fixed: 'left',
      width: 200,
      ...sortable('companyName'),
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
      key: 'warning',
      title: t('leads.col.warning'),
      dataIndex: 'warning',
      width: 64,
      align: 'center',
      // Signed and lost leads need no follow-up: no alert to show.
      render: (_, lead) => (lead.stage === 'signed' || lead.stage === 'lost' ? null : <WarningDot warning={lead.warning} />),
    },
    { key: 'stage', title: t('leads.col.stage'), dataIndex: 'stage', width: 84, render: (_, lead) => <StageTag stage={lead.stage} /> },
    {
      key: 'clock',
      title: t('clock.col'),
      dataIndex: 'clock',
      width: 150,
      ...sortable('clock'),
      render: (_, lead) => (
        <span data-testid={`lead-clock-${lead.id}`}>
          <ClockLabel clock={lead.clock} />
        </span>
      ),
    },
    { key: 'ownerName', title: t('leads.col.owner'), dataIndex: 'ownerName', width: 76, ellipsis: true },
    {
      key: 'zoneName',
      title: t('leads.col.zone'),
      dataIndex: 'zoneName',
      width: 150,
      render: (_, lead) => <TwoLine first={lead.zoneName} second={lead.parkName} />,
    },
    {
      key: 'industryName',
      title: t('leads.col.industry'),
      dataIndex: 'industryName',
      width: 130,
      render: (_, lead) => <TwoLine first={lead.industryName} second={lead.chainNodeName} />,
    },
    {
      key: 'channel',
      title: t('leads.col.channel'),
      dataIndex: 'channel',
      width: 120,
      ellipsis: true,
      render: (_, lead) => <TwoLine first={t(`channel.${lead.channel}`)} second={lead.agentName} />,
    },
    {
      key: 'estimatedInvestmentFen',
      title: t('leads.col.investment'),
      dataIndex: 'estimatedInvestmentFen',
      width: 130,
      align: 'right',
      ...sortable('estimatedInvestmentFen', 'descend'),
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
      key: 'protectionExpiresAt',
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
      key: 'nextFollowUpOn',
      title: t('leads.col.nextFollowUp'),
      dataIndex: 'nextFollowUpOn',
      width: 100,
      render: (_, lead) => {
        if (!lead.nextFollowUpOn) return <Typography.Text type="secondary">—</Typography.Text>;
        const overdue = daysUntil(lead.nextFollowUpOn) < 0 && lead.stage !== 'signed' && lead.stage !== 'lost';
        return <Typography.Text type={overdue ? 'danger' : undefined}>{formatDate(lead.nextFollowUpOn)}</Typography.Text>;
      },
    },
    {
      key: 'createdAt',
      title: t('ux.col.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      ...sortable('createdAt', 'descend'),
      render: (_, lead) => formatDateTime(lead.createdAt),
    },
    {
      key: 'updatedAt',
      title: t('ux.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      ...sortable('updatedAt', 'descend'),
      render: (_, lead) => formatDateTime(lead.updatedAt),
    },
  ];
  const columns = all.filter((c) => c.key === 'companyName' || !hidden?.has(String(c.key)));
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={leads}
      loading={loading}
      pagination={false}
      // The header stays under the app's sticky top bar (64px) while the list scrolls; the fixed company column's
      // header cell sits in the sticky header, above the body's fixed cells (global.css .crm-leads-table).
      sticky={{ offsetHeader: 64 }}
      scroll={{ x: width }}
      className="crm-leads-table"
      locale={{ emptyText }}
      onChange={(_p, _f, sorter, extra) => {
        if (extra.action !== 'sort' || !onSort) return;
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        const field = one?.columnKey ? sortOf[String(one.columnKey)] : undefined;
        if (!field || !one?.order) onSort(undefined);
        else onSort(one.order === 'descend' ? (`-${field}` as LeadSort) : (field as LeadSort));
      }}
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
