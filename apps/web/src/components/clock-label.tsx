import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { zoneDateOf } from '../lib/zone-time.ts';
import type { LeadClock } from '../lib/types.ts';

/**
 * A deadline as people say it: 24:00 of its last day ("2026-12-07 24:00"), not the next day's 00:00 — the instant
 * is the same, but the day it belongs to is the one before.
 */
export const formatDeadline = (dueAt: string): string => `${zoneDateOf(new Date(Date.parse(dueAt) - 1).toISOString())} 24:00`;

/** "2 天 3 小时" from whole hours. */
export function useDuration() {
  const { t } = useTranslation();
  return (hours: number): string => {
    const days = Math.floor(hours / 24);
    const rest = hours % 24;
    if (days === 0) return t('clock.hours', { count: rest });
    if (rest === 0) return t('clock.days', { count: days });
    return t('clock.daysHours', { days, hours: rest });
  };
}

/**
 * A lead's stage clock in a word and a colour: red when overdue (and by how long), orange when due within a day,
 * blue while in time; the deadline in the zone's time on hover.
 */
export function ClockLabel({ clock, now = Date.now(), compact = false }: { clock: LeadClock | null; now?: number; compact?: boolean }) {
  const { t } = useTranslation();
  const duration = useDuration();
  if (!clock) return <Typography.Text type="secondary">—</Typography.Text>;
  if (clock.state === 'done' || !clock.dueAt) return <Tag data-clock="done">{t('clock.phase.done')}</Tag>;
  const phase = t(`clock.phase.${clock.state}`);
  const dueMs = Date.parse(clock.dueAt);
  const left = Math.max(0, Math.floor((dueMs - now) / 3_600_000));
  const color = clock.overdue ? 'red' : dueMs - now < 86_400_000 ? 'orange' : 'blue';
  const text = clock.overdue ? t('clock.overdue', { time: duration(clock.hoursLate) }) : t('clock.inTime', { time: duration(left) });
  return (
    <Tooltip title={t('clock.due', { phase, due: formatDeadline(clock.dueAt) })}>
      <Tag color={color} data-clock={clock.overdue ? 'overdue' : 'running'} data-phase={clock.state} style={{ marginInlineEnd: 0 }}>
        {phase}
        {compact ? null : ` · ${text}`}
      </Tag>
    </Tooltip>
  );
}
