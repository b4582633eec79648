import { CreatePolicyBody, rewardKinds } from '@crm/shared';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors } from '../../../components/form-errors.tsx';
import type { Policy, RewardKind } from '../../../lib/types.ts';
import { useCreatePolicy } from '../api/create-policy.ts';
import { useVersionErrors } from './use-version-errors.ts';
import { VersionFields } from './version-fields.tsx';
import { defaultValues, versionFromValues, type VersionValues } from './version-values.ts';

type Values = VersionValues & { name?: string; kind?: RewardKind; description?: string };

type Props = { open: boolean; onClose: () => void; onCreated: (policy: Policy) => void };

/** "新建政策": the policy and its first version in one request (admins and managers). */
export function PolicyFormDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useVersionErrors(form);
  const create = useCreatePolicy();
  const kind = Form.useWatch('kind', form) ?? 'agent_reward';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'agent_reward', ...defaultValues('agent_reward') });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const policyKind = values.kind ?? 'agent_reward';
    const body = {
      name: values.name?.trim() ?? '',
      kind: policyKind,
      description: values.description?.trim() || null,
      version: versionFromValues(policyKind, values),
      note: values.note?.trim() || null,
    };
    if (!errors.check(CreatePolicyBody, body)) return;
    create.mutate(body, {
      onSuccess: (policy) => {
        void message.success(t('policies.created'));
        onCreated(policy);
      },
      onError: errors.handle,
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={t('policies.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="policy-submit">
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('policies.createHint')} />
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={errors.onValuesChange} scrollToFirstError data-testid="policy-form">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('policies.col.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('policies.col.name') }) }, { max: 128 }]}
            >
              <Input maxLength={128} data-testid="policy-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('policies.col.kind')} rules={[{ required: true }]}>
              <Select
                options={rewardKinds.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))}
                onChange={(next: RewardKind) => form.setFieldsValue({ ...defaultValues(next), kind: next })}
                data-testid="policy-kind"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('policies.col.description')}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('policies.descriptionPlaceholder')} />
        </Form.Item>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('policies.firstVersion')}
        </Divider>
        <VersionFields kind={kind} />
      </Form>
    </Drawer>
  );
}
