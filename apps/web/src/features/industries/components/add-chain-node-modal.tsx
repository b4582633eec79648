import { ChainNodeInput, chainPositions } from '@crm/shared';
import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { ChainPosition, Industry } from '../../../lib/types.ts';
import { useAddChainNode } from '../api/add-chain-node.ts';

type Values = { name?: string; position?: ChainPosition; sortOrder?: number | null };

export function AddChainNodeModal({ industry, onClose }: { industry: Industry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const add = useAddChainNode();

  useEffect(() => {
    if (!industry) return;
    form.resetFields();
    form.setFieldsValue({ position: 'midstream' });
    errors.clear();
  }, [industry]);

  return (
    <Modal
      open={!!industry}
      title={industry ? t('industries.addNodeTitle', { industry: industry.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!industry) return;
          errors.clear();
          const body = {
            name: values.name?.trim() ?? '',
            position: values.position as ChainPosition,
            ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
          };
          if (!errors.check(ChainNodeInput, body)) return;
          add.mutate(
            { industryId: industry.id, body },
            {
              onSuccess: () => {
                void message.success(t('industries.nodeAdded'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('industries.field.nodeName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('industries.field.nodeName') }) }]}
        >
          <Input maxLength={64} autoFocus />
        </Form.Item>
        <Form.Item name="position" label={t('industries.field.position')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={chainPositions.map((p) => ({ value: p, label: t(`chainPosition.${p}`) }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('industries.field.sortOrder')}>
          <InputNumber min={0} max={999} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
