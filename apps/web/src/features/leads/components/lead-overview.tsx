import { Descriptions, Flex, Grid, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import { formatDate, formatDateTime, formatFen, formatFenLarge } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { ProtectionCell } from './protection-cell.tsx';
import { StageTag } from './stage-tag.tsx';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const orDash = (value: string | null | undefined) => (value ? value : dash);

export function LeadOverview({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 116 } }}
      data-testid="lead-overview"
      items={[
        { key: 'companyName', label: t('leads.field.companyName'), children: lead.companyName },
        {
          key: 'creditCode',
          label: t('leads.field.creditCode'),
          children: lead.creditCode ? (
            <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
              {lead.creditCode}
            </Typography.Text>
          ) : (
            dash
          ),
        },
        {
          key: 'stage',
          label: t('leads.field.stage'),
          children: (
            <>
              <StageTag stage={lead.stage} />
              {lead.stage === 'lost' && lead.lostReason ? <Typography.Text type="secondary">{lead.lostReason}</Typography.Text> : null}
            </>
          ),
        },
        { key: 'owner', label: t('leads.field.owner'), children: lead.ownerName },
        {
          key: 'inPool',
          label: t('leads.field.inPool'),
          children: lead.inPool ? <Tag color="volcano">{t('lead.inPool')}</Tag> : <Tag color="green">{t('lead.owned')}</Tag>,
        },
        { key: 'protection', label: t('leads.field.protectionExpiresAt'), children: <ProtectionCell expiresAt={lead.protectionExpiresAt} /> },
        {
          key: 'channel',
          label: t('leads.field.channel'),
          children: (
            <>
              {t(`channel.${lead.channel}`)}
              {lead.agentName ? <Typography.Text type="secondary"> · {lead.agentName}</Typography.Text> : null}
            </>
          ),
        },
        {
          key: 'zone',
          label: t('leads.field.zone'),
          children: lead.zoneName ? `${lead.zoneName}${lead.parkName ? ` · ${lead.parkName}` : ''}` : dash,
        },
        {
          key: 'industry',
          label: t('leads.field.industry'),
          children: lead.industryName ? `${lead.industryName}${lead.chainNodeName ? ` · ${lead.chainNodeName}` : ''}` : dash,
        },
        {
          key: 'investment',
          label: t('leads.field.estimatedInvestment'),
          children:
            lead.estimatedInvestmentFen > 0 ? (
              <Tooltip title={formatFen(lead.estimatedInvestmentFen)}>
                <Typography.Text strong>{formatFenLarge(lead.estimatedInvestmentFen)}</Typography.Text>
              </Tooltip>
            ) : (
              dash
            ),
        },
        { key: 'nextFollowUpOn', label: t('leads.field.nextFollowUpOn'), children: lead.nextFollowUpOn ? formatDate(lead.nextFollowUpOn) : dash },
        { key: 'lastActivityAt', label: t('leads.field.lastActivityAt'), children: lead.lastActivityAt ? formatDateTime(lead.lastActivityAt) : dash },
        { key: 'stageChangedAt', label: t('leads.field.stageChangedAt'), children: formatDateTime(lead.stageChangedAt) },
        { key: 'createdAt', label: t('leads.field.createdAt'), children: formatDateTime(lead.createdAt) },
        { key: 'notes', label: t('leads.field.notes'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(lead.notes)}</span> },
      ]}
    />
  );
}

export function LeadContacts({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  if (lead.contacts.length === 0) return <EmptyState description={t('lead.noContacts')} />;
  // On a phone each contact is a small block: a four-column table would run past the card.
  if (phone)
    return (
      <Flex vertical gap={12} data-testid="lead-contacts">
        {lead.contacts.map((c, i) => (
          <div key={i} style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.title ? <Typography.Text type="secondary"> · {c.title}</Typography.Text> : null}
            {c.phone ? (
              <div>
                <a href={`tel:${c.phone}`}>{c.phone}</a>
              </div>
            ) : null}
            {c.email ? <div>{c.email}</div> : null}
          </div>
        ))}
      </Flex>
    );
  return (
    <Table
      scroll={{ x: 'max-content' }}
      size="small"
      pagination={false}
      rowKey={(_, index) => String(index)}
      dataSource={lead.contacts}
      columns={[
        { title: t('leads.field.contactName'), dataIndex: 'name' },
        { title: t('leads.field.contactTitle'), dataIndex: 'title', render: (v: string | null | undefined) => orDash(v) },
        { title: t('leads.field.contactPhone'), dataIndex: 'phone', render: (v: string | null | undefined) => orDash(v) },
        { title: t('leads.field.contactEmail'), dataIndex: 'email', render: (v: string | null | undefined) => orDash(v) },
      ]}
    />
  );
}
