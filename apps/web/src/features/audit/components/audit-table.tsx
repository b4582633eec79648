import { FilterOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import type { AuditEntry } from '../../../lib/types.ts';
import { AuditDiff } from './audit-diff.tsx';

const actionColor = (action: string) => {
  if (/create|add/.test(action)) return 'green';
  if (/delete|remove|lost|revoke/.test(action)) return 'red';
  if (/claim|reassign/.test(action)) return 'purple';
  if (/stage/.test(action)) return 'orange';
  return 'blue';
};

type Props = { entries: AuditEntry[]; loading: boolean; emptyText: ReactNode; onFilterEntity: (entityType: string, entityId: string) => void };

export function AuditTable({ entries, loading, emptyText, onFilterEntity }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (_, entry) => entry.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.action'), dataIndex: 'action', width: 170, render: (v: string) => <Tag color={actionColor(v)}>{v}</Tag> },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 120, render: (v: string) => <code>{v}</code> },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (_, entry) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {entry.entityType === 'lead' ? <Link to={`/leads/${entry.entityId}`}>{entry.entityId}</Link> : entry.entityId}{' '}
          <Tooltip title={t('audit.filterEntity')}>
            <Button
              type="text"
              size="small"
              icon={<FilterOutlined />}
              aria-label={t('audit.filterEntity')}
              onClick={() => onFilterEntity(entry.entityType, entry.entityId)}
            />
          </Tooltip>
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText }}
      expandable={{
        expandedRowRender: (entry) => (
          <div style={{ padding: '4px 0' }}>
            <AuditDiff before={entry.before} after={entry.after} />
            {entry.requestId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('audit.requestId')}: <code>{entry.requestId}</code>
              </Typography.Text>
            ) : null}
          </div>
        ),
      }}
      data-testid="audit-table"
    />
  );
}
