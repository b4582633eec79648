import { AuditOutlined, MessageOutlined } from '@ant-design/icons';
import { formatFenLarge } from '@crm/shared';
import { Alert, Button, Card, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockLabel, formatDeadline } from '../../../components/clock-label.tsx';
import { judgementDimensions } from '@crm/shared';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingBlock } from '../../../components/states.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useLeadClock } from '../api/lead-clock.ts';
import { FeedbackDrawer } from './feedback-drawer.tsx';
import { JudgementDrawer } from './judgement-drawer.tsx';

type Props = { leadId: string; canWrite: boolean; open: boolean };

/** 办理时限: the clock the lead is on, the rules, the judgements and feedback, and the clocks that ended. */
export function LeadClockCard({ leadId, canWrite, open }: Props) {
  const { t } = useTranslation();
  const detail = useLeadClock(leadId);
  const [judging, setJudging] = useState(false);
  const [feeding, setFeeding] = useState(false);

  if (detail.isPending)
    return (
      <Card title={t('clock.title')}>
        <LoadingBlock rows={4} />
      </Card>
    );
  if (detail.isError)
    return (
      <Card title={t('clock.title')}>
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  const { clock, rules, judgements, feedbacks, history, isMajor } = detail.data;
  const latest = judgements[0] ?? null;
  const canJudge = canWrite && open;
  const canFeed = canWrite && open && !!latest;

  return (
    <Card
      title={t('clock.title')}
      data-testid="lead-clock"
      extra={
        <Flex gap={8}>
          <Button
            icon={<AuditOutlined />}
            disabled={!canJudge}
            onClick={() => setJudging(true)}
            type={clock?.state === 'judge' ? 'primary' : 'default'}
            data-testid="clock-judge"
          >
            {t('clock.judge')}
          </Button>
          <Button
            icon={<MessageOutlined />}
            disabled={!canFeed}
            onClick={() => setFeeding(true)}
            type={clock?.state === 'feedback' ? 'primary' : 'default'}
            data-testid="clock-feedback"
          >
            {t('clock.feedback')}
          </Button>
        </Flex>
      }
    >
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <span data-testid="lead-clock-state">
          <ClockLabel clock={clock} />
        </span>
        {clock?.dueAt ? <Typography.Text type="secondary">{t('clock.dueShort', { due: formatDate(clock.dueOn) })}</Typography.Text> : null}
        {isMajor ? <Tag color="gold">{t('clock.major')}</Tag> : null}
      </Flex>
      {clock === null ? <Typography.Paragraph type="secondary">{t('clock.noneHelp')}</Typography.Paragraph> : null}
      {clock?.state === 'done' ? <Typography.Paragraph type="secondary">{t('clock.done')}</Typography.Paragraph> : null}
      {isMajor ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('clock.majorHelp', { amount: formatFenLarge(rules.majorThresholdFen), days: rules.judgeMajorDays })}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('clock.rules', {
          respond: rules.respondDays,
          judge: rules.judgeDays,
          major: rules.judgeMajorDays,
          feedback: rules.feedbackDays,
          report: rules.reportEveryDays,
        })}
      </Typography.Paragraph>

      <Typography.Title level={5}>{t('judgement.title')}</Typography.Title>
      {latest ? (
        <div data-testid="lead-judgement">
          <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
            <Tag color={latest.decision === 'follow' ? 'green' : 'default'}>{t(`judgement.decisionValue.${latest.decision}`)}</Tag>
            <Typography.Text>{latest.reason}</Typography.Text>
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            {/* In the rules' order: the stored object's key order is the database's, not ours. */}
            {judgementDimensions.map((d) => {
              const v = latest.dimensions[d];
              return (
                <Descriptions.Item key={d} label={t(`judgement.dimension.${d}`)}>
                  {v ? t(`judgement.rating.${v.rating}`) : '—'}
                  {v?.note ? <Typography.Text type="secondary"> · {v.note}</Typography.Text> : null}
                </Descriptions.Item>
              );
            })}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('judgement.by', { name: latest.judgedByName, at: formatDateTime(latest.judgedAt) })}
          </Typography.Text>
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('judgement.none')}</Typography.Paragraph>
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('feedbackForm.title')}
      </Typography.Title>
      {feedbacks.length ? (
        feedbacks.map((f) => (
          <Typography.Paragraph key={f.id} data-testid="lead-feedback">
            {t('feedbackForm.line', {
              date: formatDate(f.givenOn),
              method: t(`feedbackForm.methodValue.${f.method}`),
              kind: t(`feedbackForm.recipient.${f.recipientKind}`),
              name: f.recipientName,
            })}
            <Typography.Text type="secondary"> · {f.summary}</Typography.Text>
          </Typography.Paragraph>
        ))
      ) : (
        <Typography.Paragraph type="secondary">{t('feedbackForm.none')}</Typography.Paragraph>
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('clock.history')}
      </Typography.Title>
      {history.length ? (
        <Timeline
          items={history.map((h) => ({
            color: h.onTime ? 'green' : 'red',
            content: (
              <span>
                {t('clock.met', { phase: t(`clock.phase.${h.phase}`), at: formatDateTime(h.metAt), due: formatDeadline(h.dueAt) })}{' '}
                <Tag color={h.onTime ? 'green' : 'red'}>{h.onTime ? t('clock.onTime') : t('clock.late')}</Tag>
                <Typography.Text type="secondary">{h.ownerName}</Typography.Text>
              </span>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clock.historyEmpty')} />
      )}

      <JudgementDrawer open={judging} leadId={leadId} feedbackDays={rules.feedbackDays} onClose={() => setJudging(false)} onSaved={() => setJudging(false)} />
      <FeedbackDrawer open={feeding} leadId={leadId} decision={latest?.decision ?? null} onClose={() => setFeeding(false)} onSaved={() => setFeeding(false)} />
    </Card>
  );
}
