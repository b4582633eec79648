import { CalendarOutlined, ClockCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { warningColors, WarningDot } from '../../../components/warning.tsx';
import { daysSince, formatDate, formatFen, formatFenLarge, isPositiveFen } from '../../../lib/format.ts';
import type { BoardCard, BoardColumn, LeadStage } from '../../../lib/types.ts';
import { zoneYear } from '../../../lib/zone-time.ts';

const stageColors: Record<LeadStage, string> = {
  new: '#1677ff',
  contacted: '#13c2c2',
  visited: '#2f54eb',
  negotiating: '#fa8c16',
  signed: '#52c41a',
  lost: '#8c8c8c',
};

/** A short date for a narrow card: 11-24 this year, 2027-01-05 otherwise. */
const shortDate = (value: string) => (formatDate(value).startsWith(`${zoneYear()}-`) ? formatDate(value).slice(5) : formatDate(value));

function LeadCard({ card, stage }: { card: BoardCard; stage: LeadStage }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const days = daysSince(card.stageChangedAt);
  // Signed and lost leads need no follow-up, so they carry no alert colour.
  const closed = stage === 'signed' || stage === 'lost';
  return (
    <Link to={`/leads/${card.id}`} style={{ color: 'inherit' }} data-testid={`board-card-${card.id}`} data-warning={closed ? undefined : card.warning}>
      <Card
        size="small"
        hoverable
        style={{ borderInlineStart: `3px solid ${closed ? token.colorBorder : warningColors[card.warning]}` }}
        styles={{ body: { padding: '10px 12px' } }}
      >
        <Flex gap={6} align="flex-start">
          {closed ? null : (
            <span style={{ flex: 'none', marginTop: 1 }}>
              <WarningDot warning={card.warning} />
            </span>
          )}
          <Typography.Text strong ellipsis={{ tooltip: card.companyName }} style={{ minWidth: 0 }}>
            {card.companyName}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" align="baseline" gap={4} style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, minWidth: 0 }}>
            <UserOutlined /> {card.ownerName}
          </Typography.Text>
          {card.estimatedInvestmentFen > 0 ? (
            <Tooltip title={formatFen(card.estimatedInvestmentFen)}>
              <Typography.Text strong style={{ color: token.colorPrimary, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatFenLarge(card.estimatedInvestmentFen)}
              </Typography.Text>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
        </Flex>
        <Flex justify="space-between" gap={4} style={{ marginTop: 4, fontSize: 12, color: token.colorTextTertiary, whiteSpace: 'nowrap' }}>
          <Tooltip title={t('pipeline.daysInStage', { days })}>
            <span data-testid="card-days" data-days={days}>
              <ClockCircleOutlined /> {t('pipeline.days', { days })}
            </span>
          </Tooltip>
          {card.nextFollowUpOn && !closed ? (
            <Tooltip title={t('pipeline.nextFollowUp', { date: formatDate(card.nextFollowUpOn) })}>
              <span style={{ color: card.warning === 'red' ? warningColors.red : undefined }}>
                <CalendarOutlined /> {shortDate(card.nextFollowUpOn)}
              </span>
            </Tooltip>
          ) : null}
        </Flex>
      </Card>
    </Link>
  );
}

/** The kanban of lead stages: count and estimated investment per column, the most recently moved cards. */
export function StageBoard({ columns }: { columns: BoardColumn[] }) {
  const { t } = useTranslation();
  return (
    <div className="crm-board" data-testid="pipeline-board">
      {columns.map((column) => (
        <section key={column.stage} className="crm-board-column" data-testid={`board-column-${column.stage}`} data-count={column.count}>
          <header className="crm-board-header" style={{ borderTopColor: stageColors[column.stage] }}>
            <Flex justify="space-between" align="baseline">
              <Typography.Text strong>{t(`stage.${column.stage}`)}</Typography.Text>
              <Typography.Text type="secondary" data-testid="column-count">
                {column.count}
              </Typography.Text>
            </Flex>
            <Tooltip title={formatFen(column.estimatedInvestmentFen)}>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
                {isPositiveFen(column.estimatedInvestmentFen) ? formatFenLarge(column.estimatedInvestmentFen) : '—'}
              </Typography.Text>
            </Tooltip>
          </header>
          <Flex vertical gap={8} className="crm-board-cards">
            {column.cards.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.empty')} style={{ margin: '16px 0' }} />
            ) : (
              column.cards.map((card) => <LeadCard key={card.id} card={card} stage={column.stage} />)
            )}
            {column.count > column.cards.length ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
                {t('pipeline.more', { count: column.count - column.cards.length })}
              </Typography.Text>
            ) : null}
          </Flex>
        </section>
      ))}
    </div>
  );
}
