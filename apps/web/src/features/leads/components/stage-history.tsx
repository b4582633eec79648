import { ClockCircleOutlined } from '@ant-design/icons';
import { Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { formatDateTime, splitHours } from '../../../lib/format.ts';
import { useStageHistory } from '../api/get-stage-history.ts';
import { StageTag, stageColors } from './stage-tag.tsx';

/** Hours in a stage as people say it: 3天4小时, 2天, 5小时, 不到1小时. */
export function durationText(hoursInStage: number, t: TFunction): string {
  const { days, hours } = splitHours(hoursInStage);
  if (days > 0 && hours > 0) return t('duration.daysHours', { days, hours });
  if (days > 0) return t('duration.days', { days });
  if (hours > 0) return t('duration.hours', { hours });
  return t('duration.underHour');
}

export function StageHistory({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const history = useStageHistory(leadId);
  if (history.isPending) return <LoadingBlock rows={3} />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <EmptyState description={t('lead.historyEmpty')} />;
  const newestFirst = [...history.data].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <Timeline
      data-testid="stage-history"
      items={newestFirst.map((entry) => ({
        key: entry.id,
        color: stageColors[entry.toStage] === 'default' ? 'gray' : stageColors[entry.toStage],
        content: (
          <div>
            <div>
              {entry.fromStage ? (
                <>
                  <StageTag stage={entry.fromStage} />→ <StageTag stage={entry.toStage} />
                </>
              ) : (
                t('lead.historyCreated', { stage: t(`stage.${entry.toStage}`) })
              )}
            </div>
            {entry.reason ? <Typography.Text type="secondary">{entry.reason}</Typography.Text> : null}
            {/* Signed and lost are final: "time in stage" means nothing there until the lead moves on. */}
            {entry.leftAt || (entry.toStage !== 'signed' && entry.toStage !== 'lost') ? (
              <div data-testid="stage-duration" data-hours={entry.hoursInStage}>
                <Typography.Text style={{ fontSize: 12 }} type={entry.leftAt ? 'secondary' : undefined}>
                  <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
                  {entry.leftAt
                    ? t('lead.historyStayed', { duration: durationText(entry.hoursInStage, t) })
                    : t('lead.historyUntilNow', { duration: durationText(entry.hoursInStage, t) })}
                </Typography.Text>
              </div>
            ) : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('lead.historyBy', { name: entry.changedByName, at: formatDateTime(entry.changedAt) })}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
