import { CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FigureBody, figureKinds } from '@crm/shared';
import { App, Button, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { DATE, formatDate, formatDateTime, formatFen, formatFenLarge } from '../../../lib/format.ts';
import { wanAmountRule, wanFenOrZero } from '../../../lib/money-rules.ts';
import type { Figure, FigureKind, ProjectDetail } from '../../../lib/types.ts';
import { useReportFigure } from '../api/report-figure.ts';
import { useVerifyFigure } from '../api/verify-figure.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';

/** Unverified figures are marked so nobody mistakes them for numbers money can be paid on. */
export function FigureStatus({ figure }: { figure: Figure }) {
  const { t } = useTranslation();
  if (!figure.verified) {
    return (
      <Tag color="orange" data-verified="false">
        {t('project.unverified')}
      </Tag>
    );
  }
  return (
    <div>
      <Tag color="green" icon={<CheckCircleOutlined />} data-verified="true">
        {t('project.verified')}
      </Tag>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('project.verifiedBy', { name: figure.verifiedByName ?? '—', at: formatDateTime(figure.verifiedAt) })}
        </Typography.Text>
      </div>
    </div>
  );
}

type TableProps = {
  project: ProjectDetail;
  /** Managers verify; the server refuses the reporter (four eyes). */
  canVerify: boolean;
  currentUserId: string;
};

/** Every reported figure, newest first: the history stays, a correction is a new report. */
export function FiguresTable({ project, canVerify, currentUserId }: TableProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const verify = useVerifyFigure();
  const rows = [...project.figures].sort((a, b) => b.asOf.localeCompare(a.asOf) || b.reportedAt.localeCompare(a.reportedAt));

  const columns: ColumnsType<Figure> = [
    {
      title: t('project.figureKind'),
      dataIndex: 'kind',
      width: 150,
      filters: figureKinds.map((k) => ({ text: t(`figureKind.${k}`), value: k })),
      onFilter: (value, figure) => figure.kind === value,
      render: (_, figure) => t(`figureKind.${figure.kind}`),
    },
    {
      title: t('project.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      width: 170,
      render: (_, figure) => (
        <Tooltip title={formatFenLarge(figure.amountFen)}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(figure.amountFen)}</span>
        </Tooltip>
      ),
    },
    { title: t('project.asOf'), dataIndex: 'asOf', width: 110, render: (_, figure) => formatDate(figure.asOf) },
    {
      title: t('project.source'),
      dataIndex: 'source',
      ellipsis: true,
      render: (_, figure) =>
        figure.source || figure.note ? (
          <div>
            {figure.source ? <div>{figure.source}</div> : null}
            {figure.note ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {figure.note}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('project.reportedBy'),
      dataIndex: 'reportedByName',
      width: 150,
      render: (_, figure) => (
        <div>
          <div>{figure.reportedByName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(figure.reportedAt)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('project.status'), dataIndex: 'verified', width: 200, render: (_, figure) => <FigureStatus figure={figure} /> },
  ];
  if (canVerify) {
    columns.push({
      title: t('common.actions'),
      key: 'verify',
      width: 90,
      render: (_, figure) => {
        if (figure.verified) return null;
        if (figure.reportedBy === currentUserId) {
          return (
            <Tooltip title={t('project.ownFigure')}>
              <Button size="small" disabled>
                {t('project.verify')}
              </Button>
            </Tooltip>
          );
        }
        return (
          <Popconfirm
            title={t('project.verifyConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              verify
                .mutateAsync(
                  { id: project.id, figureId: figure.id },
                  {
                    onSuccess: () => void message.success(t('project.verifiedDone')),
                    onError: (error) => void message.error(errorText(error, t)),
                  },
                )
                .catch(() => undefined)
            }
          >
            <Button size="small" type="primary" ghost data-testid={`figure-verify-${figure.id}`}>
              {t('project.verify')}
            </Button>
          </Popconfirm>
        );
      },
    });
  }

  return (
    <Table<Figure>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: <EmptyState description={t('project.figuresEmpty')} /> }}
      data-testid="figures-table"
    />
  );
}

type Values = { kind?: FigureKind; amount?: string; asOf?: Dayjs; source?: string; note?: string };

/** "上报数据": a figure in 万元, dated; it stays 未核实 until a manager verifies it. */
export function ReportFigureButton({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { amountFen: 'amount' });
  const report = useReportFigure();

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      kind: values.kind as FigureKind,
      amountFen: wanFenOrZero(values.amount),
      asOf: values.asOf?.format(DATE) ?? '',
      source: values.source?.trim() || null,
      note: values.note?.trim() || null,
    };
    if (!errors.check(FigureBody, body)) return;
    report.mutate(
      { id: project.id, body },
      {
        onSuccess: () => {
          void message.success(t('project.figureReported'));
          setOpen(false);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <>
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          // The form mounts with the modal (destroyOnHidden), starting from its initial values each time.
          errors.clear();
          setOpen(true);
        }}
        data-testid="figure-new"
      >
        {t('project.reportFigure')}
      </Button>
      <Modal
        open={open}
        title={t('project.reportTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={report.isPending}
        okButtonProps={{ ...{ 'data-testid': 'figure-submit' } }}
        width={640}
        destroyOnHidden
      >
        <FormErrors state={errors.state} />
        <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ asOf: zoneTodayDay() }} data-testid="figure-form">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="kind"
                label={t('project.figureKind')}
                rules={[{ required: true, message: t('validation.select', { label: t('project.figureKind') }) }]}
              >
                <Select data-testid="figure-kind" options={figureKinds.map((k) => ({ value: k, label: t(`figureKind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="amount"
                label={t('project.amount')}
                rules={[wanAmountRule(t, { tooLargeMessage: t('validation.tooLarge'), required: true, label: t('project.amount') })]}
              >
                <Input inputMode="decimal" suffix={t('leads.wan')} data-testid="figure-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="asOf" label={t('project.asOf')} rules={[{ required: true, message: t('validation.select', { label: t('project.asOf') }) }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="figure-asOf" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="source" label={t('project.source')}>
                <Input maxLength={200} placeholder={t('project.sourcePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('project.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
