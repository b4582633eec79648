import { ComputeServiceFeeBody } from '@crm/shared';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { formatFen } from '../../../lib/format.ts';
import type { Calculation, ServiceFeeContract } from '../../../lib/types.ts';
import { useComputeServiceFee } from '../api/compute-service-fee.ts';
import { zoneToday } from '../../../lib/zone-time.ts';

type Period = { value: string; start: string; end: string };

/** The months (2026-10) or quarters (2026-Q4) a contract touches, in order. */
export function contractPeriods(contract: Pick<ServiceFeeContract, 'period' | 'startsOn' | 'endsOn'>): Period[] {
  const periods: Period[] = [];
  const step = contract.period === 'quarter' ? 3 : 1;
  const first = dayjs(contract.startsOn).startOf('month');
  let cursor = contract.period === 'quarter' ? first.month(first.month() - (first.month() % 3)) : first;
  const end = dayjs(contract.endsOn);
  while (!cursor.isAfter(end, 'day') && periods.length < 240) {
    const value = contract.period === 'quarter' ? `${cursor.year()}-Q${Math.floor(cursor.month() / 3) + 1}` : cursor.format('YYYY-MM');
    periods.push({ value, start: cursor.format('YYYY-MM-DD'), end: cursor.add(step, 'month').subtract(1, 'day').format('YYYY-MM-DD') });
    cursor = cursor.add(step, 'month');
  }
  return periods;
}

type Props = { contract: ServiceFeeContract | null; onClose: () => void; onComputed: (calculation: Calculation) => void };

/** 计算服务费: pick a period of the contract; the result is a draft calculation like any reward. */
export function ComputeServiceFeeModal({ contract, onClose, onComputed }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ period?: string }>();
  const errors = useFormErrors(form);
  const compute = useComputeServiceFee();
  const periods = useMemo(() => (contract ? contractPeriods(contract) : []), [contract]);

  useEffect(() => {
    if (!contract) return;
    form.resetFields();
    errors.clear();
    // The latest period that has ended: a fee is computed and paid only once its period is over (the server checks).
    const today = zoneToday();
    const ended = periods.filter((p) => p.end < today);
    form.setFieldValue('period', ended.at(-1)?.value);
  }, [contract]);

  const submit = ({ period }: { period?: string }) => {
    if (!contract) return;
    errors.clear();
    const body = { contractId: contract.id, period: period ?? '' };
    if (!errors.check(ComputeServiceFeeBody, body)) return;
    compute.mutate(body, { onSuccess: onComputed, onError: errors.handle });
  };

  return (
    <Modal
      open={!!contract}
      title={t('finance.serviceFees.computeTitle')}
      okText={t('finance.compute.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={compute.isPending}
      okButtonProps={{ ...{ 'data-testid': 'fee-compute-submit' } }}
      destroyOnHidden
    >
      {contract ? (
        <Typography.Paragraph>
          {t('finance.serviceFees.computeBody', {
            title: contract.title,
            agent: contract.agentName,
            fee: formatFen(contract.feeFen),
            unit: t(`policies.periodUnit.${contract.period}`),
          })}
        </Typography.Paragraph>
      ) : null}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('finance.serviceFees.prorateHint')} />
      <FormErrors state={errors.state} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="period"
          label={t('finance.serviceFees.periodLabel')}
          rules={[{ required: true, message: t('validation.select', { label: t('finance.serviceFees.periodLabel') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={periods.map((p) => {
              const open = p.end >= zoneToday();
              return { value: p.value, label: open ? t('finance.serviceFees.periodOpen', { period: p.value, end: p.end }) : p.value, disabled: open };
            })}
            data-testid="fee-period"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
