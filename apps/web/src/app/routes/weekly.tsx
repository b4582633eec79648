import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { addDays, weekOf, weekRange } from '@crm/shared';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, Popconfirm, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { downloadRollup, useMyWeek, useSaveWeek, useTeamWeek, useUserWeek } from '../../features/weekly/api/weekly.ts';
import { WeekView } from '../../features/weekly/components/week-view.tsx';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { hasRole, useUser } from '../../lib/auth.ts';
import { formatDateTime } from '../../lib/format.ts';
import { zoneToday } from '../../lib/zone-time.ts';

const shift = (week: string, weeks: number) => weekOf(addDays(weekRange(week)?.from ?? zoneToday(), weeks * 7));

/** 一周一报: staff write and submit their week; managers see who has not and export the roll-up. */
export default function WeeklyRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const current = weekOf(zoneToday());
  const week = weekRange(params.get('week') ?? '') ? (params.get('week') as string) : current;
  const range = weekRange(week);
  const isStaff = hasRole(user, 'staff');
  const isManager = hasRole(user, 'manager', 'admin');
  const [tab, setTab] = useState(params.get('tab') ?? (isStaff ? 'mine' : 'team'));
  const go = (next: string) => {
    const p = new URLSearchParams(params);
    if (next === current) p.delete('week');
    else p.set('week', next);
    setParams(p, { replace: true });
  };

  const picker = (
    <Flex align="center" gap={8}>
      <Button icon={<LeftOutlined />} aria-label={t('weekly.prev')} onClick={() => go(shift(week, -1))} data-testid="weekly-prev" />
      <Typography.Text strong data-testid="weekly-week">
        {t('weekly.week', { week, from: range?.from ?? '', to: range?.to ?? '' })}
      </Typography.Text>
      <Button icon={<RightOutlined />} aria-label={t('weekly.next')} disabled={week >= current} onClick={() => go(shift(week, 1))} data-testid="weekly-next" />
    </Flex>
  );

  const items = [
    ...(isStaff ? [{ key: 'mine', label: t('weekly.mine'), children: <MyWeek week={week} /> }] : []),
    ...(isManager ? [{ key: 'team', label: t('weekly.team'), children: <TeamWeek week={week} /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('weekly.title')} subtitle={tab === 'team' ? t('weekly.subtitleTeam') : t('weekly.subtitleMine')} extra={picker} />
      {items.length > 1 ? <Tabs activeKey={tab} onChange={setTab} items={items} /> : items[0]?.children}
    </>
  );
}

function MyWeek({ week }: { week: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useMyWeek(week);
  const save = useSaveWeek(week);
  const [form] = Form.useForm<{ notes?: string; plans?: string }>();
  useEffect(() => {
    if (report.data) form.setFieldsValue({ notes: report.data.notes ?? '', plans: report.data.plans ?? '' });
  }, [report.data?.id, report.data?.version, week]);

  if (report.isPending)
    return (
      <Card>
        <LoadingBlock rows={8} />
      </Card>
    );
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const submitted = r.status === 'submitted';
  const future = r.from > zoneToday();
  const send = (submit: boolean) => {
    const values = form.getFieldsValue();
    save.mutate(
      { submit, body: { notes: values.notes?.trim() || null, plans: values.plans?.trim() || null, ...(r.id ? { version: r.version } : {}) } },
      {
        onSuccess: () => void message.success(submit ? t('weekly.submitted') : t('weekly.saved')),
        onError: (error) => void message.error(errorText(error, t)),
      },
    );
  };
  return (
    <>
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <Tag color={submitted ? 'green' : 'default'} data-testid="weekly-status" data-status={r.status}>
          {t(`weekly.status.${r.status}`)}
        </Tag>
        {submitted && r.submittedAt ? (
          <Typography.Text type="secondary">{t('weekly.submittedAt', { at: formatDateTime(r.submittedAt) })}</Typography.Text>
        ) : null}
      </Flex>
      {future ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('weekly.future')} /> : null}
      <WeekView report={r} />
      <Card>
        <Form form={form} layout="vertical" disabled={submitted || future} data-testid="weekly-form">
          <Form.Item name="notes" label={t('weekly.notes')}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="weekly-notes" />
          </Form.Item>
          <Form.Item name="plans" label={t('weekly.plans')}>
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="weekly-plans" />
          </Form.Item>
        </Form>
        {submitted || future ? null : (
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => send(false)} loading={save.isPending && !save.variables?.submit} data-testid="weekly-save">
              {t('weekly.save')}
            </Button>
            <Popconfirm
              title={t('weekly.submitConfirm')}
              onConfirm={() => send(true)}
              okButtonProps={{ 'data-testid': 'weekly-submit-confirm' } as ButtonProps}
            >
              <Button type="primary" loading={save.isPending && save.variables?.submit} data-testid="weekly-submit">
                {t('weekly.submit')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Card>
    </>
  );
}

function TeamWeek({ week }: { week: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const team = useTeamWeek(week, true);
  const zones = useZones();
  const [zoneId, setZoneId] = useState<string | undefined>();
  const [viewing, setViewing] = useState<string | null>(null);
  const person = useUserWeek(viewing, week);
  const [exporting, setExporting] = useState(false);

  if (team.isPending)
    return (
      <Card>
        <LoadingBlock rows={8} />
      </Card>
    );
  if (team.isError) return <ErrorAlert error={team.error} onRetry={() => void team.refetch()} />;
  const missing = team.data.rows.filter((r) => r.status !== 'submitted');
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text data-testid="weekly-team-count">
          {t('weekly.submittedCount', { submitted: team.data.submitted, total: team.data.rows.length })}
        </Typography.Text>
        <Flex gap={8}>
          <Select
            allowClear
            placeholder={t('weekly.allZones')}
            style={{ width: 200 }}
            value={zoneId}
            onChange={setZoneId}
            options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            data-testid="weekly-export"
            onClick={() => {
              setExporting(true);
              downloadRollup(week, zoneId)
                .catch((error: unknown) => void message.error(errorText(error, t)))
                .finally(() => setExporting(false));
            }}
          >
            {t('weekly.export')}
          </Button>
        </Flex>
      </Flex>
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('weekly.missingList', { names: missing.map((m) => m.userName).join('、') })}
          data-testid="weekly-missing"
        />
      ) : null}
      <Table
        rowKey="userId"
        size="middle"
        pagination={false}
        dataSource={team.data.rows}
        data-testid="weekly-team"
        columns={[
          { title: t('weekly.person'), dataIndex: 'userName' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 110,
            render: (_, r) => <Tag color={r.status === 'submitted' ? 'green' : r.status === 'draft' ? 'blue' : 'red'}>{t(`weekly.status.${r.status}`)}</Tag>,
          },
          { title: t('weekly.submittedCol'), dataIndex: 'submittedAt', width: 170, render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—') },
          { title: t('weekly.figure.newLeads'), width: 90, align: 'right', render: (_, r) => r.figures?.newLeads ?? '—' },
          { title: t('weekly.figure.visits'), width: 90, align: 'right', render: (_, r) => r.figures?.visits ?? '—' },
          { title: t('weekly.figure.overdueNow'), width: 90, align: 'right', render: (_, r) => r.figures?.overdueNow ?? '—' },
          {
            title: '',
            width: 80,
            render: (_, r) => (
              <Button size="small" onClick={() => setViewing(r.userId)}>
                {t('weekly.view')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!viewing} onClose={() => setViewing(null)} size={960} title={person.data ? `${person.data.userName} · ${week}` : week} destroyOnHidden>
        {person.data ? (
          <>
            <WeekView report={person.data} />
            <Card>
              <Typography.Title level={5}>{t('weekly.notes')}</Typography.Title>
              <Typography.Paragraph>{person.data.notes ?? '—'}</Typography.Paragraph>
              <Typography.Title level={5}>{t('weekly.plans')}</Typography.Title>
              <Typography.Paragraph>{person.data.plans ?? '—'}</Typography.Paragraph>
            </Card>
          </>
        ) : (
          <LoadingBlock rows={8} />
        )}
      </Drawer>
    </Card>
  );
}
