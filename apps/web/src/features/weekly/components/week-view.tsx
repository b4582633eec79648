import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format.ts';
import { formatDeadline } from '../../../components/clock-label.tsx';
import type { WeeklyReport } from '../../../lib/types.ts';

const FIGURES = [
  'newLeads',
  'visits',
  'inspections',
  'calls',
  'meetings',
  'events',
  'judgements',
  'feedbacks',
  'clocksMet',
  'clocksLate',
  'overdueNow',
  'signed',
] as const;

/** A week's drafted figures, its activities and the leads overdue: what 一周一报 is made of. */
export function WeekView({ report }: { report: WeeklyReport }) {
  const { t } = useTranslation();
  const tr = t as unknown as (key: string) => string;
  return (
    <>
      <Card title={t('weekly.figures')} style={{ marginBottom: 16 }} data-testid="weekly-figures">
        <Row gutter={[16, 16]}>
          {FIGURES.map((k) => (
            <Col key={k} xs={8} md={4}>
              <Statistic
                title={t(`weekly.figure.${k}`)}
                value={report.figures[k]}
                valueStyle={k === 'overdueNow' && report.figures[k] > 0 ? { color: '#cf1322' } : undefined}
                data-testid={`weekly-figure-${k}`}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('weekly.activities')} style={{ marginBottom: 16 }}>
            {report.activities.length ? (
              <List
                size="small"
                dataSource={report.activities}
                renderItem={(a) => (
                  <List.Item>
                    <span>
                      <Typography.Text type="secondary">{formatDate(a.occurredOn)}</Typography.Text> <Tag>{tr(`activityKind.${a.kind}`)}</Tag>
                      <Link to={`/leads/${a.leadId}`}>{a.companyName}</Link>：{a.summary}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('weekly.activitiesEmpty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('weekly.overdue')} style={{ marginBottom: 16 }}>
            {report.overdue.length ? (
              <List
                size="small"
                dataSource={report.overdue}
                renderItem={(o) => (
                  <List.Item>
                    <span>
                      <Tag color="red">{tr(`clock.phase.${o.phase}`)}</Tag>
                      <Link to={`/leads/${o.leadId}`}>{o.companyName}</Link>
                      <Typography.Text type="secondary"> · {formatDeadline(o.dueAt)}</Typography.Text>
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('weekly.overdueEmpty')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
