import { CalendarOutlined, ClockCircleOutlined, MoreOutlined, UserOutlined } from '@ant-design/icons';
import { leadStages } from '@crm/shared';
import { Button, Card, Dropdown, Empty, Flex, Tooltip, Typography, theme } from 'antd';
import { useState, type DragEvent } from 'react';
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

/** A move the board asks its screen to make: the screen decides (a reason for 流失, the signing form for 签约). */
export type CardMove = { card: BoardCard; from: LeadStage; to: LeadStage };

const DRAG_TYPE = 'application/x-crm-lead';

function LeadCard({ card, stage, onMove }: { card: BoardCard; stage: LeadStage; onMove?: (move: CardMove) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const days = daysSince(card.stageChangedAt);
  // Signed and lost leads need no follow-up, so they carry no alert colour.
  const closed = stage === 'signed' || stage === 'lost';
  // A signed lead has its project; it never moves again. Every other card can be dragged or moved from its menu
  // (the menu is the way on a phone or with a keyboard).
  const movable = !!onMove && stage !== 'signed';
  const targets = leadStages.filter((s) => s !== stage && !(stage === 'lost' && s === 'signed'));
  return (
    <Link
      to={`/leads/${card.id}`}
      style={{ color: 'inherit' }}
      data-testid={`board-card-${card.id}`}
      data-warning={closed ? undefined : card.warning}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: card.id, from: stage }));
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
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
          <Typography.Text strong ellipsis={{ tooltip: card.companyName }} style={{ minWidth: 0, flex: 1 }}>
            {card.companyName}
          </Typography.Text>
          {movable ? (
            <span onClick={(event) => event.preventDefault()} style={{ flex: 'none' }}>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: targets.map((to) => ({ key: to, label: t('pipeline.moveTo', { stage: t(`stage.${to}`) }), 'data-testid': `move-${card.id}-${to}` })),
                  onClick: ({ key, domEvent }) => {
                    domEvent.preventDefault();
                    domEvent.stopPropagation();
                    onMove?.({ card, from: stage, to: key as LeadStage });
                  },
                }}
              >
                <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('pipeline.move')} data-testid={`card-menu-${card.id}`} />
              </Dropdown>
            </span>
          ) : null}
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

type BoardProps = {
  columns: BoardColumn[];
  /** Called when a card is dropped on, or moved from its menu to, another column. Without it the board is read-only. */
  onMove?: (move: CardMove) => void;
  /** Where "N more" leads: the lead list filtered to that stage (and the board's filters). */
  moreHref?: (stage: LeadStage) => string;
};

/**
 * The kanban of lead stages: count and estimated investment per column, the most recently moved cards. Cards are
 * dragged between columns (or moved from their menu); the screen turns a move into the right step.
 */
export function StageBoard({ columns, onMove, moreHref }: BoardProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState<LeadStage | null>(null);
  const drop = (stage: LeadStage) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const raw = event.dataTransfer.getData(DRAG_TYPE);
    if (!raw || !onMove) return;
    const { id, from } = JSON.parse(raw) as { id: string; from: LeadStage };
    const card = columns.find((c) => c.stage === from)?.cards.find((c) => c.id === id);
    if (card && from !== stage && !(from === 'lost' && stage === 'signed')) onMove({ card, from, to: stage });
  };
  return (
    <div className="crm-board" data-testid="pipeline-board">
      {columns.map((column) => (
        <section
          key={column.stage}
          className={`crm-board-column${over === column.stage ? ' crm-board-column-over' : ''}`}
          data-testid={`board-column-${column.stage}`}
          data-count={column.count}
          onDragOver={(event) => {
            if (!onMove || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setOver(column.stage);
          }}
          onDragLeave={() => setOver((current) => (current === column.stage ? null : current))}
          onDrop={drop(column.stage)}
        >
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
              column.cards.map((card) => <LeadCard key={card.id} card={card} stage={column.stage} {...(onMove ? { onMove } : {})} />)
            )}
            {column.count > column.cards.length ? (
              moreHref ? (
                <Link to={moreHref(column.stage)} style={{ fontSize: 12, textAlign: 'center' }} data-testid={`board-more-${column.stage}`}>
                  {t('pipeline.more', { count: column.count - column.cards.length })}
                </Link>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
                  {t('pipeline.more', { count: column.count - column.cards.length })}
                </Typography.Text>
              )
            ) : null}
          </Flex>
        </section>
      ))}
    </div>
  );
}
