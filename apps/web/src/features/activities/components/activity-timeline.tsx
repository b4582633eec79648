import { CalendarOutlined, EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { protectingActivityKinds } from '@crm/shared';
import { Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Activity } from '../../../lib/types.ts';
import { useActivities } from '../api/get-activities.ts';
import { ActivityKindTag, kindIcons } from './activity-kind.tsx';

const timelineColor = (activity: Activity) => (protectingActivityKinds.includes(activity.kind) ? 'green' : 'blue');

export function ActivityTimeline({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const activities = useActivities(leadId);
  if (activities.isPending) return <LoadingBlock rows={4} />;
  if (activities.isError) return <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} />;
  if (activities.data.length === 0) {
    return (
      <div data-testid="activity-timeline">
        <EmptyState description={t('activity.empty')} />
      </div>
    );
  }
  return (
    <div data-testid="activity-timeline">
      <Timeline
        items={activities.data.map((activity) => ({
          key: activity.id,
          color: timelineColor(activity),
          icon: kindIcons[activity.kind],
          content: <ActivityItem activity={activity} />,
        }))}
      />
    </div>
  );
}

function ActivityItem({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const secondary = { fontSize: 12 } as const;
  return (
    <div data-testid={`activity-${activity.id}`} style={{ paddingBottom: 4 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{formatDate(activity.occurredOn)}</Typography.Text>
        <ActivityKindTag kind={activity.kind} />
        {activity.staffNames.length > 0 ? (
          <Typography.Text type="secondary" style={secondary}>
            <UserOutlined /> {activity.staffNames.join('、')}
          </Typography.Text>
        ) : null}
        {activity.location ? (
          <Typography.Text type="secondary" style={secondary}>
            <EnvironmentOutlined /> {activity.location}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Paragraph style={{ margin: '6px 0 4px', whiteSpace: 'pre-wrap' }}>{activity.summary}</Typography.Paragraph>
      {activity.contactsMet ? (
        <div>
          <Typography.Text type="secondary">
            {t('activity.contactsMet')}
            {t('app.colon')}
          </Typography.Text>
          {activity.contactsMet}
        </div>
      ) : null}
      {activity.nextStep ? (
        <div>
          <Typography.Text type="secondary">
            {t('activity.nextStep')}
            {t('app.colon')}
          </Typography.Text>
          {activity.nextStep}
        </div>
      ) : null}
      {activity.nextFollowUpOn ? (
        <div>
          <Typography.Text type="secondary">
            <CalendarOutlined /> {t('activity.nextFollowUpOn')}
            {t('app.colon')}
          </Typography.Text>
          {formatDate(activity.nextFollowUpOn)}
        </div>
      ) : null}
      <Typography.Text type="secondary" style={secondary}>
        {t('activity.by', { name: activity.createdByName })} · {formatDateTime(activity.createdAt)}
      </Typography.Text>
    </div>
  );
}
