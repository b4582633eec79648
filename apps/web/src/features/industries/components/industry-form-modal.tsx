import { CreateIndustryBody, UpdateIndustryBody } from '@crm/shared';
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { Industry } from '../../../lib/types.ts';
import { useCreateIndustry } from '../api/create-industry.ts';
import { useUpdateIndustry } from '../api/update-industry.ts';

type Values = { name?: string; description?: string };

export function IndustryFormModal({ open, industry, onClose }: { open: boolean; industry?: Industry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const create = useCreateIndustry();
  const update = useUpdateIndustry();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (industry) form.setFieldsValue({ name: industry.name, description: industry.description ?? undefined });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const name = values.name?.trim() ?? '';
    const description = values.description?.trim() || null;
    if (industry) {
      const body = { version: industry.version, name, description };
      if (!errors.check(UpdateIndustryBody, body)) return;
      update.mutate(
        { id: industry.id, body },
        {
          onSuccess: () => {
            void message.success(t('industries.updated'));
            onClose();
          },
          onError: errors.handle,
        },
      );
      return;
    }
    const body = { name, description, chainNodes: [] };
    if (!errors.check(CreateIndustryBody, body)) return;
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('industries.created'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open={open}
      title={industry ? t('industries.editTitle') : t('industries.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={industry ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="industry-form">
        <Form.Item
          name="name"
          label={t('industries.field.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('industries.field.name') }) }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="description" label={t('industries.field.description')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
