import { DatePicker, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useOverdueSummary, useTimings } from '../../features/clocks/api/lead-clock.ts';
import { DATE } from '../../lib/format.ts';
import type { OverdueSummary } from '../../lib/types.ts';
import { DisputesCard } from '../../features/filings/components/disputes-card.tsx';
import { zoneToday } from '../../lib/zone-time.ts';
import { addDays } from '@crm/shared';

type Counts = OverdueSummary['totals'];

/** 时限看板 (managers): running, due-today, overdue and escalated clocks per person, zone and phase; medians. */
export default function ClocksRoute() {
  const { t } = useTranslation();
  const summary = useOverdueSummary();
  const [range, setRange] = useState<[string, string]>([addDays(zoneToday(), -29), zoneToday()]);
  const timings = useTimings(range[0], range[1]);
  const countColumns = (key: string) => [
    { title: t('clock.running'), dataIndex: 'running', width: 76, align: 'right' as const },
    { title: t('clock.dueToday'), dataIndex: 'dueToday', width: 84, align: 'right' as const },
    {
      title: t('clock.overdueCount'),
      dataIndex: 'overdue',
      width: 64,
      align: 'right' as const,
      render: (v: number, r: Counts & Record<string, unknown>) =>
        v > 0 ? (
          <Link
            to={
              key === 'owner'
                ? `/leads?overdue=true&sort=clockDueAt&ownerId=${String(r.ownerId)}`
                : `/leads?overdue=true&sort=clockDueAt${r.zoneId ? `&zoneId=${String(r.zoneId)}` : ''}`
            }
          >
            <Typography.Text type="danger" strong>
              {v}
            </Typography.Text>
          </Link>
        ) : (
          v
        ),
    },
    { title: t('clock.escalated'), dataIndex: 'escalated', width: 104, align: 'right' as const },
  ];

  return (
    <>
      <PageHeader
        title={t('clock.summaryTitle')}
        subtitle={t('clock.summarySubtitle')}
        extra={<Link to="/leads?overdue=true&sort=clockDueAt">{t('clock.viewOverdue')}</Link>}
      />
      {summary.isError ? (
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['running', 'dueToday', 'overdue', 'escalated'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Card>
                  <Statistic
                    title={t(k === 'overdue' ? 'clock.overdueCount' : `clock.${k}`)}
                    value={summary.data.totals[k]}
                    valueStyle={k === 'overdue' || k === 'escalated' ? { color: summary.data.totals[k] ? '#cf1322' : undefined } : undefined}
                    data-testid={`clocks-total-${k}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card title={t('clock.byOwner')} style={{ marginBottom: 16 }}>
                <Table
                  rowKey="ownerId"
                  size="small"
                  pagination={false}
                  dataSource={summary.data.byOwner}
                  data-testid="clocks-by-owner"
                  columns={[{ title: t('clock.owner'), dataIndex: 'ownerName' }, ...countColumns('owner')]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('clock.byZone')} style={{ marginBottom: 16 }}>
                <Table
                  rowKey={(r) => r.zoneId ?? 'none'}
                  size="small"
                  pagination={false}
                  dataSource={summary.data.byZone}
                  columns={[{ title: t('clock.zone'), dataIndex: 'zoneName', render: (v: string | null) => v ?? t('clock.noZone') }, ...countColumns('zone')]}
                />
              </Card>
              <Card title={t('clock.byPhase')} style={{ marginBottom: 16 }}>
                <Table
                  rowKey="phase"
                  size="small"
                  pagination={false}
                  dataSource={summary.data.byPhase}
                  columns={[{ title: '', dataIndex: 'phase', render: (p: 'respond') => t(`clock.phase.${p}`) }, ...countColumns('phase')]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <DisputesCard />
      <Card
        title={t('clock.timings')}
        extra={
          <Flex align="center" gap={8}>
            {t('clock.timingsRange')}
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0].format(DATE), v[1].format(DATE)]);
              }}
            />
          </Flex>
        }
      >
        {timings.isError ? (
          <ErrorAlert error={timings.error} />
        ) : (
          <Table
            rowKey="ownerId"
            size="small"
            loading={timings.isPending}
            pagination={false}
            dataSource={timings.data?.rows ?? []}
            data-testid="clocks-timings"
            columns={[
              { title: t('clock.owner'), dataIndex: 'ownerName' },
              {
                title: t('clock.respondMedian'),
                dataIndex: 'respondMedianHours',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : t('clock.hoursValue', { value: v })),
              },
              {
                title: t('clock.judgeMedian'),
                dataIndex: 'judgeMedianHours',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : t('clock.hoursValue', { value: v })),
              },
              { title: t('clock.metCount'), dataIndex: 'met', align: 'right' },
              { title: t('clock.onTimeCount'), dataIndex: 'onTime', align: 'right' },
              { title: t('clock.lateCount'), dataIndex: 'late', align: 'right' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
