import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useStageHistory } from '../api/get-stage-history.ts';
import { StageTag, stageColors } from './stage-tag.tsx';

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
