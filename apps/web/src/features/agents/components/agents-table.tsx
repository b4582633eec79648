import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import type { Agent } from '../../../lib/types.ts';
import { AgentKindTag, AgentStatusTag } from './agent-tags.tsx';

type Props = { agents: Agent[]; loading: boolean; emptyText: ReactNode; onEdit: (agent: Agent) => void };

export function AgentsTable({ agents, loading, emptyText, onEdit }: Props) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: ColumnsType<Agent> = [
    {
      title: t('agents.field.name'),
      dataIndex: 'name',
      width: 210,
      render: (_, agent) => (
        <div>
          <Typography.Text strong>{agent.name}</Typography.Text>
          {agent.creditCode ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                {agent.creditCode}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('agents.field.kind'), dataIndex: 'kind', width: 150, render: (_, agent) => <AgentKindTag kind={agent.kind} /> },
    {
      title: t('agents.field.contactName'),
      dataIndex: 'contactName',
      width: 130,
      render: (_, agent) =>
        agent.contactName || agent.phone ? (
          <div>
            <div>{agent.contactName ?? '—'}</div>
            {agent.phone ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {agent.phone}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          dash
        ),
    },
    {
      title: t('agents.field.flags'),
      key: 'flags',
      width: 140,
      render: (_, agent) => {
        const flags = [
          agent.isGovernmentUnit ? (
            <Tag key="gov" color="orange">
              {t('agents.field.isGovernmentUnit')}
            </Tag>
          ) : null,
          agent.isPlatformCompany ? (
            <Tag key="platform" color="orange">
              {t('agents.field.isPlatformCompany')}
            </Tag>
          ) : null,
          agent.relatedPartyNote ? (
            <Tooltip key="related" title={agent.relatedPartyNote}>
              <Tag color="red">{t('agents.field.relatedPartyNote')}</Tag>
            </Tooltip>
          ) : null,
        ].filter(Boolean);
        return flags.length > 0 ? flags : dash;
      },
    },
    { title: t('agents.field.status'), dataIndex: 'status', width: 90, render: (_, agent) => <AgentStatusTag status={agent.status} /> },
    {
      title: t('agents.field.agreements'),
      key: 'agreements',
      width: 250,
      render: (_, agent) =>
        agent.agreements.length === 0 ? (
          <Typography.Text type="secondary">{t('agents.noAgreements')}</Typography.Text>
        ) : (
          <div>
            {agent.agreements.slice(0, 2).map((a) => (
              <div key={a.id} style={{ fontSize: 13 }}>
                <div>{a.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(a.startsOn)} ~ {a.endsOn ? formatDate(a.endsOn) : '…'}
                </Typography.Text>
              </div>
            ))}
            {agent.agreements.length > 2 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('agents.agreementCount', { count: agent.agreements.length })}
              </Typography.Text>
            ) : null}
          </div>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, agent) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(agent)} data-testid={`agent-edit-${agent.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <Table<Agent>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={agents}
      loading={loading}
      pagination={false}
      scroll={{ x: 1060 }}
      locale={{ emptyText }}
      data-testid="agents-table"
    />
  );
}
