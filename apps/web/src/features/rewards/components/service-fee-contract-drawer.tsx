import { CreateServiceFeeContractBody, serviceFeePeriods, type ServiceFeePeriod } from '@crm/shared';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { DATE } from '../../../lib/format.ts';
import { yuanAmountRule, yuanFenOf } from '../../../lib/money-rules.ts';
import type { Agent, ServiceFeeContract } from '../../../lib/types.ts';
import { useCreateServiceFeeContract } from '../api/create-service-fee-contract.ts';
import { currentPeriod } from '../../../lib/zone-time.ts';

type Values = { agentId?: string; title?: string; fee?: string; period?: ServiceFeePeriod; startsOn?: Dayjs; endsOn?: Dayjs };

type Props = {
  open: boolean;
  /** Agents come from the agents feature, through the route. */
  agents: Pick<Agent, 'id' | 'name' | 'kind'>[];
  onClose: () => void;
  onCreated: (contract: ServiceFeeContract) => void;
};

/** 新建服务费合同 (购买招商服务): a fixed fee per month or quarter; partial periods are prorated by days. */
export function ServiceFeeContractDrawer({ open, agents, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { feeFen: 'fee' });
  const create = useCreateServiceFeeContract();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const start = dayjs(`${currentPeriod('month')}-01`);
    form.setFieldsValue({ period: 'month', startsOn: start, endsOn: start.add(1, 'year').subtract(1, 'day') });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      agentId: values.agentId ?? '',
      title: values.title?.trim() ?? '',
      feeFen: yuanFenOf(values.fee) ?? 0,
      period: values.period ?? 'month',
      startsOn: values.startsOn?.format(DATE) ?? '',
      endsOn: values.endsOn?.format(DATE) ?? '',
    };
    if (!errors.check(CreateServiceFeeContractBody, body)) return;
    create.mutate(body, {
      onSuccess: (contract) => {
        void message.success(t('finance.serviceFees.created'));
        onCreated(contract);
      },
      onError: errors.handle,
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={t('finance.serviceFees.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="contract-submit">
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="contract-form">
        <Form.Item
          name="agentId"
          label={t('finance.serviceFees.field.agent')}
          rules={[{ required: true, message: t('validation.select', { label: t('finance.serviceFees.field.agent') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={agents.map((a) => ({ value: a.id, label: `${a.name} · ${t(`agentKind.${a.kind}`)}` }))}
            data-testid="contract-agent"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('finance.serviceFees.field.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('finance.serviceFees.field.title') }) }, { max: 128 }]}
        >
          <Input maxLength={128} placeholder={t('finance.serviceFees.titlePlaceholder')} data-testid="contract-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="fee"
              label={t('finance.serviceFees.field.fee')}
              required
              rules={[yuanAmountRule(t, { required: true, positive: true, label: t('finance.serviceFees.field.fee') })]}
              extra={t('finance.serviceFees.feeHelp')}
            >
              <Input inputMode="decimal" suffix={t('finance.yuan')} data-testid="contract-fee" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="period" label={t('finance.serviceFees.field.period')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={serviceFeePeriods.map((p) => ({ value: p, label: t(`policies.periodKind.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="startsOn"
              label={t('finance.serviceFees.field.startsOn')}
              rules={[{ required: true, message: t('validation.select', { label: t('finance.serviceFees.field.startsOn') }) }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="contract-startsOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="endsOn"
              label={t('finance.serviceFees.field.endsOn')}
              dependencies={['startsOn']}
              rules={[
                { required: true, message: t('validation.select', { label: t('finance.serviceFees.field.endsOn') }) },
                ({ getFieldValue }) => ({
                  validator: (_, value?: Dayjs) => {
                    const start = getFieldValue('startsOn') as Dayjs | undefined;
                    return !value || !start || !value.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('validation.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="contract-endsOn" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
