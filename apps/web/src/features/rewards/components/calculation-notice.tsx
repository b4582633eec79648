import { Alert, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingBlock } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { problemText } from '../../../lib/problems.ts';
import type { Calculation } from '../../../lib/types.ts';
import { useCalculationObjections } from '../api/notices.ts';

export type NoticeState = 'open' | 'closed' | 'objected';

/** 有异议 while any objection is open; else 公示中 up to and including the last day; else 已结束. */
export function noticeState(noticeUntil: string, today: string, openObjections: number): NoticeState {
  if (openObjections > 0) return 'objected';
  return today <= noticeUntil ? 'open' : 'closed';
}

const stateColor: Record<NoticeState, string> = { open: 'blue', closed: 'default', objected: 'orange' };

/**
 * 公示 on a calculation's page: the window fixed at approval, where it stands, its objections and — while the
 * reward waits for it — why it may not be paid yet, in the reader's language (the same words the payment's refusal uses).
 */
export function CalculationNotice({ calculation: c }: { calculation: Calculation }) {
  const { t } = useTranslation();
  const published = c.noticeFrom !== null && c.noticeUntil !== null;
  const objections = useCalculationObjections(c.id, published);
  if (!published || !c.noticeFrom || !c.noticeUntil) return null;
  if (objections.isPending) {
    return (
      <Card title={t('notice.calc.title')} style={{ marginBottom: 16 }}>
        <LoadingBlock rows={2} />
      </Card>
    );
  }
  if (objections.isError) return <ErrorAlert error={objections.error} onRetry={() => void objections.refetch()} />;

  const { items, today } = objections.data;
  const open = items.filter((o) => o.status === 'open').length;
  const state = noticeState(c.noticeUntil, today, open);
  // Payment waits while the window runs (the day after its last day at the earliest) or an objection is open.
  const waits =
    c.status === 'approved' && c.dueFen > 0
      ? today <= c.noticeUntil
        ? problemText('NOTICE_OPEN', { noticeUntil: c.noticeUntil })
        : open > 0
          ? problemText('OBJECTION_OPEN', { count: open })
          : null
      : null;

  return (
    <Card
      title={t('notice.calc.title')}
      style={{ marginBottom: 16 }}
      data-testid="calc-notice"
      extra={
        <Link to={`/notices?calculation=${c.id}`}>
          <Button size="small">{t('notice.calc.openList')}</Button>
        </Link>
      }
    >
      <Flex gap={12} align="center" wrap style={{ marginBottom: waits || items.length > 0 ? 12 : 0 }}>
        <Typography.Text strong data-testid="calc-notice-period">
          {t('notice.calc.period', { from: c.noticeFrom, until: c.noticeUntil })}
        </Typography.Text>
        <Tag color={stateColor[state]} data-testid="calc-notice-state">
          {t(`notice.calc.state.${state}`)}
        </Tag>
      </Flex>
      {waits ? (
        <Alert
          type="info"
          showIcon
          title={t('notice.calc.payWaits')}
          description={waits}
          style={{ marginBottom: items.length > 0 ? 12 : 0 }}
          data-testid="calc-notice-waits"
        />
      ) : null}
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('notice.calc.noObjections')}</Typography.Text>
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {items.map((o) => (
            <div key={o.id} data-testid={`calc-objection-${o.status}`}>
              <Tag color={o.status === 'open' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`notice.status.${o.status}`)}</Tag>
              <Typography.Text>
                {o.raisedByName}：{o.reason}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {formatDateTime(o.createdAt)}
              </Typography.Text>
              {o.resolution ? (
                <div style={{ marginInlineStart: 8, marginTop: 4 }}>
                  <Typography.Text type="secondary">{t('notice.calc.resolvedBy', { name: o.resolvedByName ?? '—', resolution: o.resolution })}</Typography.Text>
                </div>
              ) : null}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
