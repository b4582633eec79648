import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type ApprovalKind, ApprovalKindBody, UpdateApprovalKindBody } from '@crm/shared';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Switch, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormErrors, useFormErrors } from '../../components/form-errors.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApprovalKinds, useSaveApprovalKind } from '../../features/approvals/api.ts';

type Values = {
  name?: string;
  code?: string;
  statutoryWorkingDays?: number | null;
  targetWorkingDays?: number | null;
  position?: number | null;
  active?: boolean;
};

/**
 * 审批事项目录 (admin): the kinds a project's approval items are of — 立项/备案, 用地, 规划, 施工许可, 环评, 能评 … —
 * with their statutory working days and the target (half unless set). Retired kinds stay listed, marked 停用.
 */
export default function AdminApprovalKindsRoute() {
  const { t } = useTranslation();
  const kinds = useApprovalKinds();
  const [editing, setEditing] = useState<{ kind: ApprovalKind | null } | null>(null);
  return (
    <>
      <PageHeader
        title={t('approvalKinds.title')}
        subtitle={t('approvalKinds.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: null })} data-testid="approval-kind-new">
            {t('approvalKinds.new')}
          </Button>
        }
      />
      {kinds.isError ? (
        <ErrorAlert error={kinds.error} onRetry={() => void kinds.refetch()} />
      ) : (
        <Card>
          <Table<ApprovalKind>
            rowKey="id"
            size="middle"
            loading={kinds.isPending}
            pagination={false}
            dataSource={kinds.data?.items ?? []}
            data-testid="approval-kinds-table"
            onRow={(k) => ({ 'data-code': k.code }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('approvalKinds.position'), dataIndex: 'position', width: 80, align: 'right' },
              { title: t('approvalKinds.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
              { title: t('approvalKinds.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
              { title: t('approvalKinds.statutory'), dataIndex: 'statutoryWorkingDays', align: 'right', render: (n: number) => t('approvals.days', { n }) },
              { title: t('approvalKinds.target'), dataIndex: 'targetWorkingDays', align: 'right', render: (n: number) => t('approvals.days', { n }) },
              {
                title: t('approvalKinds.state'),
                dataIndex: 'active',
                render: (active: boolean) => (active ? <Tag color="green">{t('approvalKinds.active')}</Tag> : <Tag>{t('approvalKinds.retired')}</Tag>),
              },
              {
                title: '',
                width: 90,
                render: (_, k) => (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ kind: k })} data-testid={`approval-kind-edit-${k.code}`}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <KindModal editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function KindModal({ editing, onClose }: { editing: { kind: ApprovalKind | null } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const save = useSaveApprovalKind();
  const kind = editing?.kind ?? null;
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    errors.clear();
    form.setFieldsValue(kind ? { ...kind } : { active: true, position: 0 });
  }, [editing]);

  const submit = (v: Values) => {
    errors.clear();
    // A blank target means half the statutory days (rounded up): the server fills it in. So does a new statutory
    // figure whose target was left as it was (the old half would no longer be half).
    const statutory = v.statutoryWorkingDays ?? 0;
    const targetKept = kind !== null && statutory !== kind.statutoryWorkingDays && v.targetWorkingDays === kind.targetWorkingDays;
    const common = {
      name: v.name?.trim() ?? '',
      statutoryWorkingDays: statutory,
      ...(v.targetWorkingDays && !targetKept ? { targetWorkingDays: v.targetWorkingDays } : {}),
      position: v.position ?? 0,
      active: v.active ?? true,
    };
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (kind) {
      if (!errors.check(UpdateApprovalKindBody, common)) return;
      save.mutate({ id: kind.id, body: common }, { onSuccess, onError: errors.handle });
    } else {
      const body = { ...common, code: v.code?.trim() ?? '' };
      if (!errors.check(ApprovalKindBody, body)) return;
      save.mutate({ id: null, body }, { onSuccess, onError: errors.handle });
    }
  };

  return (
    <Modal
      open={!!editing}
      onCancel={onClose}
      title={kind ? t('approvalKinds.editTitle', { name: kind.name }) : t('approvalKinds.new')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'approval-kind-save' } as ButtonProps}
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="approval-kind-form">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('approvalKinds.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('approvalKinds.name') }) }]}
            >
              <Input maxLength={50} data-testid="approval-kind-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="code"
              label={t('approvalKinds.code')}
              extra={kind ? t('approvalKinds.codeFixed') : t('approvalKinds.codeHelp')}
              rules={kind ? [] : [{ required: true, message: t('validation.required', { label: t('approvalKinds.code') }) }]}
            >
              <Input maxLength={40} disabled={!!kind} data-testid="approval-kind-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="statutoryWorkingDays"
              label={t('approvalKinds.statutory')}
              rules={[{ required: true, message: t('validation.required', { label: t('approvalKinds.statutory') }) }]}
            >
              <InputNumber
                min={1}
                max={365}
                precision={0}
                style={{ width: '100%' }}
                addonAfter={t('approvalKinds.dayUnit')}
                data-testid="approval-kind-statutory"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="targetWorkingDays" label={t('approvalKinds.target')} extra={t('approvalKinds.targetHelp')}>
              <InputNumber
                min={1}
                max={365}
                precision={0}
                style={{ width: '100%' }}
                addonAfter={t('approvalKinds.dayUnit')}
                data-testid="approval-kind-target"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label={t('approvalKinds.position')} extra={t('approvalKinds.positionHelp')}>
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="approval-kind-position" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('approvalKinds.state')} valuePropName="checked" extra={t('approvalKinds.activeHelp')}>
              <Switch checkedChildren={t('approvalKinds.active')} unCheckedChildren={t('approvalKinds.retired')} data-testid="approval-kind-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
