import { PlusOutlined } from '@ant-design/icons';
import { AcceptApprovalBody, type ApprovalItem, DecideApprovalBody, SubmitApprovalBody } from '@crm/shared';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../components/form-errors.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { DATE, formatDate } from '../../lib/format.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../lib/zone-time.ts';
import { useApprovalKinds, useApprovalStep, useProjectApprovals } from './api.ts';

const day = (d: Dayjs | undefined | null) => (d ? d.format(DATE) : undefined);

/** The clock of an item: working days used against the statutory and target days, and what is overdue. */
export function ApprovalClock({ item }: { item: ApprovalItem }) {
  const { t } = useTranslation();
  if (!item.acceptedOn) return <Typography.Text type="secondary">{t('approvals.notStarted')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <span>{t('approvals.elapsed', { n: item.elapsedWorkingDays ?? 0, statutory: item.statutoryWorkingDays, target: item.targetWorkingDays })}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('approvals.dueLine', { target: formatDate(item.targetDueOn), statutory: formatDate(item.statutoryDueOn) })}
      </Typography.Text>
      <Space size={4} wrap>
        {item.overdue && !item.documentsOverdue ? (
          <Tag color="red" data-testid="approval-overdue">
            {t('approvals.overdue')}
          </Tag>
        ) : null}
        {item.documentsOverdue ? (
          <Tag color="red" data-testid="approval-docs-overdue">
            {t('approvals.documentsOverdue', { date: formatDate(item.missingDueOn) })}
          </Tag>
        ) : null}
        {item.overTarget && !item.overdue ? <Tag color="orange">{t('approvals.overTarget')}</Tag> : null}
      </Space>
    </Space>
  );
}

type StepKind = 'accept' | 'documents' | 'decide';

/** A project's approval items: submit, accept (受理 / 容缺 / 告知承诺), documents in, decide. */
export function ApprovalItemsCard({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const items = useProjectApprovals(projectId);
  const kinds = useApprovalKinds();
  const [adding, setAdding] = useState(false);
  const [step, setStep] = useState<{ kind: StepKind; item: ApprovalItem } | null>(null);

  if (items.isPending) return <LoadingBlock rows={3} />;
  if (items.isError) return <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />;

  const columns: ColumnsType<ApprovalItem> = [
    { title: t('approvals.kind'), dataIndex: 'kindName', width: 120 },
    {
      title: t('approvals.status'),
      dataIndex: 'status',
      width: 150,
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <Tag color={item.status === 'approved' ? 'green' : item.status === 'rejected' ? 'default' : 'blue'}>{t(`approvals.statuses.${item.status}`)}</Tag>
          {item.acceptance ? <Typography.Text style={{ fontSize: 12 }}>{t(`approvals.modes.${item.acceptance}`)}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('approvals.dates'),
      key: 'dates',
      width: 190,
      render: (_, item) => (
        <div style={{ fontSize: 12 }}>
          <div>{t('approvals.submittedOn', { date: formatDate(item.submittedOn) })}</div>
          {item.acceptedOn ? <div>{t('approvals.acceptedOn', { date: formatDate(item.acceptedOn) })}</div> : null}
          {item.decidedOn ? <div>{t('approvals.decidedOn', { date: formatDate(item.decidedOn) })}</div> : null}
        </div>
      ),
    },
    {
      title: t('approvals.missing'),
      key: 'missing',
      render: (_, item) =>
        item.acceptance === 'deficient' ? (
          <div style={{ fontSize: 12 }}>
            <div>{item.missingDocuments}</div>
            <Typography.Text type={item.documentsCompletedOn ? 'success' : 'warning'}>
              {item.documentsCompletedOn
                ? t('approvals.documentsIn', { date: formatDate(item.documentsCompletedOn) })
                : t('approvals.documentsDue', { date: formatDate(item.missingDueOn) })}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('approvals.clock'), key: 'clock', width: 230, render: (_, item) => <ApprovalClock item={item} /> },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, item) => (
        <Space direction="vertical" size={4}>
          {item.status === 'submitted' ? (
            <Button size="small" onClick={() => setStep({ kind: 'accept', item })} data-testid="approval-accept">
              {t('approvals.accept')}
            </Button>
          ) : null}
          {item.status === 'accepted' && item.acceptance === 'deficient' && !item.documentsCompletedOn ? (
            <Button size="small" onClick={() => setStep({ kind: 'documents', item })} data-testid="approval-documents">
              {t('approvals.documents')}
            </Button>
          ) : null}
          {item.status === 'accepted' ? (
            <Button size="small" onClick={() => setStep({ kind: 'decide', item })} data-testid="approval-decide">
              {t('approvals.decide')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{t('approvals.hint')}</Typography.Text>
        {canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="approval-add">
            {t('approvals.add')}
          </Button>
        ) : null}
      </div>
      <Table<ApprovalItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items.data.items}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="approval-items"
        locale={{ emptyText: t('approvals.empty') }}
      />
      <SubmitModal open={adding} projectId={projectId} kinds={(kinds.data?.items ?? []).filter((k) => k.active)} onClose={() => setAdding(false)} />
      {step ? <StepModal step={step} onClose={() => setStep(null)} /> : null}
    </>
  );
}

function SubmitModal({
  open,
  projectId,
  kinds,
  onClose,
}: {
  open: boolean;
  projectId: string;
  kinds: { id: string; name: string; statutoryWorkingDays: number; targetWorkingDays: number }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kindId: string; submittedOn: Dayjs; note?: string }>();
  const errors = useFormErrors(form);
  const save = useApprovalStep();
  const submit = (v: { kindId: string; submittedOn: Dayjs; note?: string }) => {
    errors.clear();
    const body = { kindId: v.kindId, submittedOn: day(v.submittedOn) ?? '', note: v.note };
    if (!errors.check(SubmitApprovalBody, body)) return;
    save.mutate(
      { step: 'submit', projectId, body },
      {
        onSuccess: () => {
          void message.success(t('approvals.saved'));
          form.resetFields();
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('approvals.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ submittedOn: zoneTodayDay() }}>
        <Form.Item name="kindId" label={t('approvals.kind')} rules={[{ required: true, message: t('approvals.kindRequired') }]}>
          <Select
            data-testid="approval-kind"
            options={kinds.map((k) => ({
              value: k.id,
              label: t('approvals.kindOption', { name: k.name, statutory: k.statutoryWorkingDays, target: k.targetWorkingDays }),
            }))}
          />
        </Form.Item>
        <Form.Item name="submittedOn" label={t('approvals.submitted')} rules={[{ required: true }]}>
          <DatePicker disabledDate={isAfterZoneToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('approvals.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type StepValues = {
  on: Dayjs;
  mode?: 'complete' | 'deficient' | 'commitment';
  missingDocuments?: string;
  missingDueOn?: Dayjs;
  outcome?: 'approved' | 'rejected';
  note?: string;
};

function StepModal({ step, onClose }: { step: { kind: StepKind; item: ApprovalItem }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const errors = useFormErrors(form, { acceptedOn: 'on', decidedOn: 'on' });
  const save = useApprovalStep();
  const mode = Form.useWatch('mode', form);
  const { item } = step;
  const done = {
    onSuccess: () => {
      void message.success(t('approvals.saved'));
      onClose();
    },
    onError: errors.handle,
  };
  const submit = (v: StepValues) => {
    errors.clear();
    const on = day(v.on) ?? '';
    if (step.kind === 'accept') {
      const body = {
        version: item.version,
        acceptedOn: on,
        mode: v.mode ?? 'complete',
        missingDocuments: v.missingDocuments,
        missingDueOn: day(v.missingDueOn) ?? null,
      };
      if (!errors.check(AcceptApprovalBody, body)) return;
      save.mutate({ step: 'accept', id: item.id, body }, done);
    } else if (step.kind === 'documents') {
      save.mutate({ step: 'documents', id: item.id, body: { version: item.version, on } }, done);
    } else {
      const body = { version: item.version, decidedOn: on, outcome: v.outcome ?? 'approved', note: v.note };
      if (!errors.check(DecideApprovalBody, body)) return;
      save.mutate({ step: 'decide', id: item.id, body }, done);
    }
  };
  return (
    <Modal
      open
      title={`${t(`approvals.${step.kind}`)} · ${item.kindName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ on: zoneTodayDay(), mode: 'complete', outcome: 'approved' }}>
        <Form.Item name="on" label={t(`approvals.onLabel.${step.kind}`)} rules={[{ required: true }]}>
          <DatePicker disabledDate={isAfterZoneToday} style={{ width: '100%' }} data-testid="approval-on" />
        </Form.Item>
        {step.kind === 'accept' ? (
          <>
            <Form.Item name="mode" label={t('approvals.mode')}>
              <Radio.Group data-testid="approval-mode">
                <Radio value="complete">{t('approvals.modes.complete')}</Radio>
                <Radio value="deficient">{t('approvals.modes.deficient')}</Radio>
                <Radio value="commitment">{t('approvals.modes.commitment')}</Radio>
              </Radio.Group>
            </Form.Item>
            {mode === 'deficient' ? (
              <>
                <Form.Item
                  name="missingDocuments"
                  label={t('approvals.missingDocuments')}
                  rules={[{ required: true, message: t('approvals.missingRequired') }]}
                >
                  <Input.TextArea rows={2} maxLength={1000} data-testid="approval-missing" />
                </Form.Item>
                <Form.Item name="missingDueOn" label={t('approvals.missingDueOn')} rules={[{ required: true, message: t('approvals.missingDueRequired') }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="approval-missing-due" />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
        {step.kind === 'decide' ? (
          <>
            <Form.Item name="outcome" label={t('approvals.outcome')}>
              <Radio.Group>
                <Radio value="approved">{t('approvals.statuses.approved')}</Radio>
                <Radio value="rejected">{t('approvals.statuses.rejected')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('approvals.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
