import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { ZoneClockRulesBody } from '@crm/shared';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/error-alert.tsx';
import { FormErrors, useFormErrors } from '../../components/form-errors.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCalendar, useClockRules, useSetCalendarDay, useSetClockRules, type ZoneRulesRow } from '../../features/clocks/api/lead-clock.ts';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';
import { DATE, fenToWanInput, fenToWanText, wanToFen } from '../../lib/format.ts';
import { zoneYear } from '../../lib/zone-time.ts';

type Values = {
  respondDays?: number;
  judgeDays?: number;
  judgeMajorDays?: number;
  feedbackDays?: number;
  reportEveryDays?: number;
  majorThreshold?: string;
  managerId?: string | null;
  webhookKind?: 'wecom' | 'dingtalk' | null;
  webhookUrl?: string;
  webhookSecret?: string;
  digestHour?: number;
};

/** 时限规则 (admin): each zone's clock rules, responsible manager and daily digest robot; the working calendar. */
export default function AdminClockRulesRoute() {
  const { t } = useTranslation();
  const rules = useClockRules();
  const [editing, setEditing] = useState<ZoneRulesRow | null>(null);
  return (
    <>
      <PageHeader title={t('rulesAdmin.title')} subtitle={t('rulesAdmin.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Table<ZoneRulesRow>
          rowKey="zoneId"
          size="middle"
          loading={rules.isPending}
          pagination={false}
          dataSource={rules.data?.items ?? []}
          data-testid="clock-rules-table"
          columns={[
            {
              title: t('clock.zone'),
              dataIndex: 'zoneName',
              render: (_, r) => (
                <>
                  {r.zoneName} {r.isDefault ? <Tag>{t('rulesAdmin.default')}</Tag> : null}
                </>
              ),
            },
            {
              title: t('rulesAdmin.days'),
              render: (_, r) =>
                t('rulesAdmin.daysValue', {
                  respond: r.respondDays,
                  judge: r.judgeDays,
                  major: r.judgeMajorDays,
                  feedback: r.feedbackDays,
                  report: r.reportEveryDays,
                }),
            },
            { title: t('rulesAdmin.threshold'), render: (_, r) => `${fenToWanText(r.majorThresholdFen)} ${t('leads.wan')}` },
            {
              title: t('rulesAdmin.manager'),
              render: (_, r) => r.managerName ?? <Typography.Text type="secondary">{t('rulesAdmin.allManagers')}</Typography.Text>,
            },
            {
              title: t('rulesAdmin.robot'),
              render: (_, r) =>
                r.webhook.configured ? (
                  <Tag color="green">
                    {t(`rulesAdmin.robotKind.${r.webhook.kind ?? 'wecom'}`)} · {String(r.digestHour).padStart(2, '0')}:00
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: '',
              width: 90,
              render: (_, r) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`clock-rules-edit-${r.zoneId}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CalendarCard />
      <RulesModal row={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function RulesModal({ row, onClose }: { row: ZoneRulesRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { majorThresholdFen: 'majorThreshold' });
  const save = useSetClockRules();
  const users = useUserDirectory();
  const kind = Form.useWatch('webhookKind', form);
  useEffect(() => {
    if (!row) return;
    form.resetFields();
    errors.clear();
    form.setFieldsValue({
      ...row,
      majorThreshold: fenToWanInput(row.majorThresholdFen),
      webhookKind: row.webhook.kind,
      webhookUrl: row.webhook.url ?? '',
      webhookSecret: '',
    });
  }, [row]);
  const submit = (v: Values) => {
    if (!row) return;
    errors.clear();
    const url = v.webhookUrl?.trim() ?? '';
    const body = {
      respondDays: v.respondDays,
      judgeDays: v.judgeDays,
      judgeMajorDays: v.judgeMajorDays,
      feedbackDays: v.feedbackDays,
      reportEveryDays: v.reportEveryDays,
      majorThresholdFen: wanToFen(v.majorThreshold ?? '') ?? -1,
      managerId: v.managerId ?? null,
      webhookKind: url ? (v.webhookKind ?? null) : null,
      webhookUrl: url || null,
      // An empty secret field keeps the stored secret (it is never sent back to the page).
      ...(v.webhookSecret?.trim() ? { webhookSecret: v.webhookSecret.trim() } : {}),
      digestHour: v.digestHour ?? 9,
      ...(row.isDefault ? {} : { version: row.version }),
    };
    if (!errors.check(ZoneClockRulesBody, body)) return;
    save.mutate(
      { zoneId: row.zoneId, body },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  const day = (name: keyof Values, label: string) => (
    <Col xs={12} md={8}>
      <Form.Item name={name} label={label} rules={[{ required: true }]}>
        <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} addonAfter={t('rulesAdmin.dayUnit')} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open={!!row}
      onCancel={onClose}
      title={row ? `${row.zoneName} · ${t('rulesAdmin.title')}` : ''}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'clock-rules-save' } as ButtonProps}
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          {day('respondDays', t('clock.phase.respond'))}
          {day('judgeDays', t('clock.phase.judge'))}
          {day('judgeMajorDays', t('rulesAdmin.judgeMajor'))}
          {day('feedbackDays', t('clock.phase.feedback'))}
          {day('reportEveryDays', t('clock.phase.report'))}
          <Col xs={12} md={8}>
            <Form.Item name="majorThreshold" label={t('rulesAdmin.threshold')} rules={[{ required: true }]}>
              <Input suffix={t('leads.wan')} inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="managerId" label={t('rulesAdmin.manager')} extra={t('rulesAdmin.managerHelp')}>
          <Select
            allowClear
            options={(users.data ?? []).filter((u) => u.active && u.roles.includes('manager')).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="webhookKind" label={t('rulesAdmin.robot')}>
              <Radio.Group options={(['wecom', 'dingtalk'] as const).map((k) => ({ value: k, label: t(`rulesAdmin.robotKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="webhookUrl" label={t('rulesAdmin.url')}>
              <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
            </Form.Item>
          </Col>
          {kind === 'dingtalk' ? (
            <Col xs={24} md={16}>
              <Form.Item name="webhookSecret" label={t('rulesAdmin.secret')} extra={row?.webhook.secretSet ? t('rulesAdmin.secretKept') : undefined}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item name="digestHour" label={t('rulesAdmin.digestHour')}>
              <InputNumber min={0} max={23} precision={0} style={{ width: '100%' }} addonAfter=":00" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function CalendarCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(zoneYear());
  const calendar = useCalendar(year);
  const set = useSetCalendarDay();
  const [day, setDay] = useState<Dayjs | null>(null);
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');
  const fail = (error: unknown) => void message.error(errorText(error, t));
  return (
    <Card
      title={t('rulesAdmin.calendar')}
      extra={
        <Select value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
      }
    >
      <Typography.Paragraph type="secondary">{t('rulesAdmin.calendarHelp')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <DatePicker value={day} onChange={setDay} data-testid="calendar-day" />
        <Radio.Group
          value={working}
          onChange={(e) => setWorking(e.target.value as boolean)}
          options={[
            { value: false, label: t('rulesAdmin.rest') },
            { value: true, label: t('rulesAdmin.working') },
          ]}
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('rulesAdmin.note')}
          style={{ width: 200 }}
          maxLength={100}
          data-testid="calendar-note"
        />
        <Button
          type="primary"
          disabled={!day}
          loading={set.isPending}
          data-testid="calendar-save"
          onClick={() => day && set.mutate({ day: day.format(DATE), working, note: note.trim() || null }, { onError: fail, onSuccess: () => setNote('') })}
        >
          {t('common.save')}
        </Button>
      </Flex>
      <Table
        rowKey="day"
        size="small"
        pagination={false}
        loading={calendar.isPending}
        dataSource={calendar.data?.items ?? []}
        data-testid="calendar-table"
        columns={[
          { title: t('rulesAdmin.day'), dataIndex: 'day', width: 140 },
          {
            title: '',
            dataIndex: 'working',
            width: 120,
            render: (w: boolean) => <Tag color={w ? 'blue' : 'orange'}>{w ? t('rulesAdmin.working') : t('rulesAdmin.rest')}</Tag>,
          },
          { title: t('rulesAdmin.note'), dataIndex: 'note' },
          {
            title: '',
            width: 60,
            render: (_, r) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('rulesAdmin.remove')}
                onClick={() => set.mutate({ day: r.day, remove: true }, { onError: fail })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
