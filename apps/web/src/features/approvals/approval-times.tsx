import type { ApprovalItem } from '@crm/shared';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { useApprovalTimes, useOverdueApprovals } from './api.ts';

/** Average approval time per item kind and zone against the statutory and target days (policy 二(四)5). */
export function ApprovalTimesCard({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const times = useApprovalTimes({ from, to });
  if (times.isPending) return <LoadingBlock rows={4} />;
  if (times.isError) return <ErrorAlert error={times.error} onRetry={() => void times.refetch()} />;
  return (
    <Table
      rowKey={(r) => `${r.kindId}:${r.zoneId}`}
      size="small"
      pagination={false}
      data-testid="approval-times"
      dataSource={times.data.items}
      locale={{ emptyText: t('approvals.noDecided') }}
      columns={[
        { title: t('approvals.kind'), dataIndex: 'kindName' },
        { title: t('approvals.zone'), dataIndex: 'zoneName' },
        { title: t('approvals.decidedCount'), dataIndex: 'decided', align: 'right' },
        {
          title: t('approvals.average'),
          dataIndex: 'averageWorkingDays',
          align: 'right',
          render: (v: string, r) => {
            const n = Number(v);
            const color = n <= r.targetWorkingDays ? 'green' : n <= r.statutoryWorkingDays ? 'orange' : 'red';
            return <Tag color={color}>{t('approvals.days', { n: v })}</Tag>;
          },
        },
        { title: t('approvals.target'), dataIndex: 'targetWorkingDays', align: 'right', render: (v: number) => t('approvals.days', { n: v }) },
        { title: t('approvals.statutory'), dataIndex: 'statutoryWorkingDays', align: 'right', render: (v: number) => t('approvals.days', { n: v }) },
        { title: t('approvals.withinTarget'), key: 'within', align: 'right', render: (_, r) => `${r.withinTarget} / ${r.decided}` },
        { title: t('approvals.overStatutory'), dataIndex: 'overStatutory', align: 'right' },
      ]}
    />
  );
}

/** Open items past their statutory days, or with 容缺 documents past their deadline. */
export function OverdueApprovalsCard() {
  const { t } = useTranslation();
  const overdue = useOverdueApprovals();
  if (overdue.isPending) return <LoadingBlock rows={3} />;
  if (overdue.isError) return <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} />;
  return (
    <Table<ApprovalItem>
      rowKey="id"
      size="small"
      pagination={false}
      data-testid="approval-overdue-list"
      dataSource={overdue.data.items}
      locale={{ emptyText: t('approvals.noneOverdue') }}
      columns={[
        { title: t('approvals.project'), key: 'project', render: (_, i) => <Link to={`/projects/${i.projectId}`}>{i.projectName}</Link> },
        { title: t('approvals.kind'), dataIndex: 'kindName' },
        { title: t('approvals.zone'), dataIndex: 'zoneName' },
        {
          title: t('approvals.why'),
          key: 'why',
          render: (_, i) => (
            <Typography.Text type="danger">
              {i.documentsOverdue
                ? t('approvals.documentsOverdue', { date: formatDate(i.missingDueOn) })
                : t('approvals.pastStatutory', { date: formatDate(i.statutoryDueOn) })}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
