import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fenToWanText, formatDate, formatFen } from '../../../lib/format.ts';
import type { PromotionEvent } from '../../../lib/types.ts';

/** Events with what each returned; the rank is by cost per signed ¥ (lowest first). */
export function EventsTable({ events, loading, emptyText }: { events: PromotionEvent[]; loading: boolean; emptyText: ReactNode }) {
  const { t } = useTranslation();
  const tr = t as unknown as (key: string) => string;
  const num = { align: 'right' as const, width: 72 };
  const columns: ColumnsType<PromotionEvent> = [
    {
      title: t('events.col.name'),
      dataIndex: 'name',
      width: 240,
      render: (_, e) => (
        <div>
          <Link to={`/events/${e.id}`} data-testid={`event-link-${e.id}`}>
            {e.name}
          </Link>
          <div>
            <Tag style={{ marginTop: 4 }}>{tr(`events.kindValue.${e.kind}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.place}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('events.col.date'), dataIndex: 'heldOn', width: 110, render: (_, e) => formatDate(e.heldOn) },
    { title: t('events.col.leads'), dataIndex: ['figures', 'leads'], ...num },
    { title: t('events.col.visits'), dataIndex: ['figures', 'visits'], ...num },
    { title: t('events.col.signed'), dataIndex: ['figures', 'signedProjects'], ...num },
    {
      title: t('events.col.investment'),
      dataIndex: ['figures', 'contractInvestmentFen'],
      align: 'right',
      width: 130,
      render: (_, e) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(e.figures.contractInvestmentFen)}</span>,
    },
    {
      title: t('events.col.cost'),
      dataIndex: 'costFen',
      align: 'right',
      width: 130,
      render: (_, e) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(e.costFen, { symbol: false })}</span>,
    },
    {
      title: <Tooltip title={t('events.costPerHelp')}>{t('events.col.costPer')}</Tooltip>,
      dataIndex: ['figures', 'costPerSignedYuan'],
      align: 'right',
      width: 130,
      render: (_, e) =>
        e.figures.costPerSignedYuan ? `¥${e.figures.costPerSignedYuan}` : <Typography.Text type="secondary">{t('events.noSigned')}</Typography.Text>,
    },
    {
      title: t('events.col.rank'),
      dataIndex: 'rank',
      align: 'center',
      width: 90,
      render: (_, e) => (e.rank ? <Tag color={e.rank <= 3 ? 'gold' : 'default'}>{t('events.rankOf', { rank: e.rank })}</Tag> : '—'),
    },
  ];
  return (
    <Table<PromotionEvent>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={events}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText }}
      data-testid="events-table"
    />
  );
}
