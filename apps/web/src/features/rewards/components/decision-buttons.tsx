import { CheckOutlined, CloseOutlined, DollarOutlined, RedoOutlined, SendOutlined } from '@ant-design/icons';
import { PayBody, type RewardMilestone } from '@crm/shared';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ApiError } from '../../../lib/api.ts';
import { DATE, formatFen } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';
import { useApproveCalculation } from '../api/approve-calculation.ts';
import { useComputeReward } from '../api/compute-reward.ts';
import { useComputeServiceFee } from '../api/compute-service-fee.ts';
import { usePayCalculation } from '../api/pay-calculation.ts';
import { useRejectCalculation } from '../api/reject-calculation.ts';
import { useSubmitCalculation } from '../api/submit-calculation.ts';
import { subjectOf } from './calculation-tags.tsx';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';

type ButtonProps = {
  calculation: Calculation;
  /** The server refused: the caller shows why (403 for the maker approving, 409 when it changed meanwhile). */
  onError: (error: unknown) => void;
  onDone?: (calculation: Calculation) => void;
  size?: 'small' | 'middle';
};

/** 提交 (finance): a draft goes to a manager for approval. */
export function SubmitButton({ calculation, onError, onDone, size }: ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitCalculation();
  return (
    <Popconfirm
      title={t('finance.actions.submitConfirm')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...{ 'data-testid': 'calc-submit-confirm' } }}
      onConfirm={() =>
        submit
          .mutateAsync({ id: calculation.id, body: { version: calculation.version } })
          .then((saved) => {
            void message.success(t('finance.actions.submitted'));
            onDone?.(saved);
          })
          .catch(onError)
      }
    >
      <Button type="primary" size={size} icon={<SendOutlined />} loading={submit.isPending} data-testid="calc-submit">
        {t('finance.actions.submit')}
      </Button>
    </Popconfirm>
  );
}

/** 批准 (a manager who is not the maker), with an optional note. */
export function ApproveButton({ calculation, onError, onDone, size }: ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const approve = useApproveCalculation();
  const confirm = () =>
    approve.mutate(
      { id: calculation.id, body: { version: calculation.version, note: note.trim() || null } },
      {
        onSuccess: (saved) => {
          setOpen(false);
          void message.success(t('finance.actions.approved'));
          onDone?.(saved);
        },
        onError: (error) => {
          setOpen(false);
          onError(error);
        },
      },
    );
  return (
    <>
      <Button
        type="primary"
        size={size}
        icon={<CheckOutlined />}
        onClick={() => {
          setNote('');
          setOpen(true);
        }}
        data-testid={`calc-approve-${calculation.id}`}
      >
        {t('finance.actions.approve')}
      </Button>
      <Modal
        open={open}
        title={t('finance.actions.approveTitle')}
        okText={t('finance.actions.approve')}
        cancelText={t('common.cancel')}
        onOk={confirm}
        onCancel={() => setOpen(false)}
        confirmLoading={approve.isPending}
        okButtonProps={{ ...{ 'data-testid': 'approve-confirm' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('finance.actions.approveBody', { subject: subjectOf(calculation), amount: formatFen(calculation.dueFen) })}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('finance.actions.approveNote')}
          data-testid="approve-note"
        />
      </Modal>
    </>
  );
}

/** 驳回 (a manager who is not the maker): the reason is required and shown to finance. */
export function RejectButton({ calculation, onError, onDone, size }: ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const reject = useRejectCalculation();
  const confirm = ({ note }: { note?: string }) =>
    reject.mutate(
      { id: calculation.id, body: { version: calculation.version, note: note?.trim() ?? '' } },
      {
        onSuccess: (saved) => {
          setOpen(false);
          void message.success(t('finance.actions.rejected'));
          onDone?.(saved);
        },
        onError: (error) => {
          setOpen(false);
          onError(error);
        },
      },
    );
  return (
    <>
      <Button danger size={size} icon={<CloseOutlined />} onClick={() => setOpen(true)} data-testid={`calc-reject-${calculation.id}`}>
        {t('finance.actions.reject')}
      </Button>
      <Modal
        open={open}
        title={t('finance.actions.rejectTitle')}
        okText={t('finance.actions.reject')}
        okButtonProps={{ danger: true, ...{ 'data-testid': 'reject-confirm' } }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={reject.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={confirm} preserve={false}>
          <Form.Item
            name="note"
            label={t('finance.actions.rejectNote')}
            rules={[{ required: true, whitespace: true, message: t('finance.actions.rejectNoteRequired') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} placeholder={t('finance.actions.rejectNotePlaceholder')} data-testid="reject-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type PayValues = { paidOn?: Dayjs; reference?: string };

/** 登记支付 (finance): the date money left and the voucher number. Each milestone and payee is paid once. */
export function PayButton({ calculation, onError, onDone, size }: ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PayValues>();
  const errors = useFormErrors(form);
  const pay = usePayCalculation();
  const submit = (values: PayValues) => {
    errors.clear();
    const body = { version: calculation.version, paidOn: values.paidOn?.format(DATE) ?? '', reference: values.reference?.trim() ?? '' };
    if (!errors.check(PayBody, body)) return;
    pay.mutate(
      { id: calculation.id, body },
      {
        onSuccess: (saved) => {
          setOpen(false);
          void message.success(t('finance.actions.paid'));
          onDone?.(saved);
        },
        onError: (error) => {
          // A wrong field stays in the form; anything else (already paid, changed meanwhile) goes to the page.
          if (error instanceof ApiError && error.fields.length > 0) {
            errors.handle(error);
            return;
          }
          setOpen(false);
          onError(error);
        },
      },
    );
  };
  return (
    <>
      <Button
        type="primary"
        size={size}
        icon={<DollarOutlined />}
        onClick={() => {
          errors.clear();
          setOpen(true);
        }}
        data-testid="calc-pay"
      >
        {t('finance.actions.pay')}
      </Button>
      <Modal
        open={open}
        title={t('finance.actions.payTitle')}
        okText={t('finance.actions.payConfirm')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={pay.isPending}
        okButtonProps={{ ...{ 'data-testid': 'pay-confirm' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('finance.actions.payBody', { subject: subjectOf(calculation), amount: formatFen(calculation.dueFen) })}</Typography.Paragraph>
        <FormErrors state={errors.state} />
        <Form<PayValues> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ paidOn: zoneTodayDay() }} data-testid="pay-form">
          <Form.Item
            name="paidOn"
            label={t('finance.actions.paidOn')}
            rules={[{ required: true, message: t('validation.select', { label: t('finance.actions.paidOn') }) }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="pay-paidOn" />
          </Form.Item>
          <Form.Item
            name="reference"
            label={t('finance.actions.reference')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('finance.actions.reference') }) }, { max: 128 }]}
          >
            <Input maxLength={128} placeholder={t('finance.actions.referencePlaceholder')} data-testid="pay-reference" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 重新核算 (finance): computes the same project, policy and milestone (or contract period) again; the new one supersedes this. */
export function RecomputeButton({ calculation, onError, onDone, size }: ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reward = useComputeReward();
  const fee = useComputeServiceFee();
  const run = (): Promise<Calculation> | null => {
    if (calculation.kind === 'service_fee') {
      return calculation.contractId ? fee.mutateAsync({ contractId: calculation.contractId, period: calculation.milestone }) : null;
    }
    if (!calculation.projectId || !calculation.policyId) return null;
    return reward.mutateAsync({ projectId: calculation.projectId, policyId: calculation.policyId, milestone: calculation.milestone as RewardMilestone });
  };
  return (
    <Popconfirm
      title={t('finance.actions.recomputeConfirm')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        run()
          ?.then((saved) => {
            void message.success(t('finance.actions.recomputed'));
            onDone?.(saved);
          })
          .catch(onError)
      }
    >
      <Button size={size} icon={<RedoOutlined />} loading={reward.isPending || fee.isPending} data-testid="calc-recompute">
        {t('finance.actions.recompute')}
      </Button>
    </Popconfirm>
  );
}
