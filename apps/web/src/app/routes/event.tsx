import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useEvent } from '../../features/events/api/events.ts';
import { EventFormDrawer } from '../../features/events/components/event-form-drawer.tsx';
import { StageTag } from '../../features/leads/components/stage-tag.tsx';
import { ApiError } from '../../lib/api.ts';
import { hasRole, useUser } from '../../lib/auth.ts';
import { fenToWanText, formatDate, formatFen, formatFenLarge } from '../../lib/format.ts';
import type { EventDetail } from '../../lib/types.ts';
import { useLeadChoices } from './use-lead-choices.ts';

/** One 招商活动: its facts, its return and the leads that came from it. */
export default function EventRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const user = useUser();
  const event = useEvent(id);
  const choices = useLeadChoices();
  const [editing, setEditing] = useState(false);

  if (event.isPending)
    return (
      <Card>
        <LoadingBlock rows={10} />
      </Card>
    );
  if (event.isError) {
    if (event.error instanceof ApiError && event.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('events.notFound')}
          extra={
            <Link to="/events">
              <Button type="primary">{t('events.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  }
  const e = event.data;
  const f = e.figures;
  const canEdit = hasRole(user, 'manager', 'admin') || (e.createdBy === user.id && hasRole(user, 'staff'));

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('rhythmNav.events'), to: '/events' }, { title: e.name }]}
        title={
          <>
            <Link to="/events" aria-label={t('events.back')} style={{ marginInlineEnd: 12, fontSize: 18 }}>
              <ArrowLeftOutlined />
            </Link>
            {e.name}
          </>
        }
        tags={
          <>
            <Tag>{tr(`events.kindValue.${e.kind}`)}</Tag>
            {e.rank ? <Tag color="gold">{t('events.rankOf', { rank: e.rank })}</Tag> : null}
          </>
        }
        subtitle={`${formatDate(e.heldOn)}${e.endsOn ? ` – ${formatDate(e.endsOn)}` : ''} · ${e.place} · ${e.organiser}`}
        extra={
          canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
              {t('events.edit')}
            </Button>
          ) : null
        }
      />
      <Card title={t('events.figures')} style={{ marginBottom: 16 }} data-testid="event-figures">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}>
            <Statistic title={t('events.col.leads')} value={f.leads} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('events.col.visits')} value={f.visits} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('events.col.signed')} value={f.signedProjects} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('events.col.investment')} value={fenToWanText(f.contractInvestmentFen)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('events.col.cost')} value={formatFen(f.costFen, { symbol: false })} />
          </Col>
          <Col xs={12} md={4}>
            <Tooltip title={t('events.costPerHelp')}>
              <Statistic
                title={t('events.col.costPer')}
                value={f.costPerSignedYuan ? `¥${f.costPerSignedYuan}` : t('events.noSigned')}
                data-testid="event-cost-per"
              />
            </Tooltip>
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('events.zone')}>{e.zoneName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('events.staff')}>{e.staffNames.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('events.attendees')}>{t('events.people', { count: e.attendeeCount })}</Descriptions.Item>
              <Descriptions.Item label={t('events.participants')}>{e.participants ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('events.notes')}>{e.notes ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('events.leads')}>
            <Table<EventDetail['leads'][number]>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={e.leads}
              data-testid="event-leads"
              locale={{ emptyText: <EmptyState description={t('events.leadsEmpty')} /> }}
              columns={[
                { title: t('leads.col.company'), dataIndex: 'companyName', render: (_, l) => <Link to={`/leads/${l.id}`}>{l.companyName}</Link> },
                { title: t('leads.col.stage'), dataIndex: 'stage', width: 90, render: (_, l) => <StageTag stage={l.stage as 'new'} /> },
                { title: t('leads.col.owner'), dataIndex: 'ownerName', width: 90 },
                { title: t('events.col.visits'), dataIndex: 'visits', width: 70, align: 'right' },
                {
                  title: t('events.col.investment'),
                  dataIndex: 'contractInvestmentFen',
                  width: 130,
                  align: 'right',
                  render: (_, l) =>
                    l.contractInvestmentFen !== null ? (
                      <Tooltip title={formatFenLarge(l.contractInvestmentFen)}>{fenToWanText(l.contractInvestmentFen)}</Tooltip>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <EventFormDrawer
        open={editing}
        event={e}
        zones={choices.zones}
        users={choices.users}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </>
  );
}
