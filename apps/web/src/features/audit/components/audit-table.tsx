import { FilterOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import type { AuditEntry } from '../../../lib/types.ts';
import { auditActionLabel, auditEntityTypeLabel, entityPath, useAuditLang } from '../labels.ts';
import { AuditDiff } from './audit-diff.tsx';

const actionColor = (action: string) => {
  if (/create|add/.test(action)) return 'green';
  if (/delete|remove|lost|revoke|reject|failed|locked/.test(action)) return 'red';
  if (/claim|reassign/.test(action)) return 'purple';
  if (/stage|sign/.test(action)) return 'orange';
  if (/pay|approve/.test(action)) return 'gold';
  return 'blue';
};

type Props = { entries: AuditEntry[]; loading: boolean; emptyText: ReactNode; onFilterEntity: (entityType: string, entityId: string) => void };

export function AuditTable({ entries, loading, emptyText, onFilterEntity }: Props) {
  const { t } = useTranslation();
  const lang = useAuditLang();
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 110,
      render: (_, entry) => entry.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tooltip title={v}>
          <Tag color={actionColor(v)} data-testid="audit-action">
            {auditActionLabel(v, lang)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 110,
      render: (v: string) => <span data-testid="audit-entity-type">{auditEntityTypeLabel(v, lang)}</span>,
    },
    {
      title: t('audit.record'),
      dataIndex: 'entityId',
      render: (_, entry) => {
        const path = entityPath(entry.entityType, entry.entityId);
        const name = entry.entityName ?? (entry.entityType === 'system' ? t('audit.system') : null);
        return (
          <span data-testid="audit-record">
            {name ? path ? <Link to={path}>{name}</Link> : <Typography.Text>{name}</Typography.Text> : null}{' '}
            <Typography.Text
              type="secondary"
              copyable={{ text: entry.entityId, tooltips: [t('audit.copyId'), t('audit.copied')] }}
              style={{ fontFamily: 'monospace', fontSize: 11 }}
            >
              {name ? entry.entityId.slice(0, 8) : path ? <Link to={path}>{entry.entityId}</Link> : entry.entityId}
            </Typography.Text>
            <Tooltip title={t('audit.filterEntity')}>
              <Button
                type="text"
                size="small"
                icon={<FilterOutlined />}
                aria-label={t('audit.filterEntity')}
                onClick={() => onFilterEntity(entry.entityType, entry.entityId)}
              />
            </Tooltip>
          </span>
        );
      },
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
            <AuditDiff before={entry.before} after={entry.after} entityType={entry.entityType} names={entry.names} />
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
