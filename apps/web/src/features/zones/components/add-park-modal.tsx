import { CreateParkBody } from '@crm/shared';
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { Zone } from '../../../lib/types.ts';
import { useAddPark } from '../api/add-park.ts';

export function AddParkModal({ zone, onClose }: { zone: Zone | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name?: string }>();
  const errors = useFormErrors(form);
  const addPark = useAddPark();

  useEffect(() => {
    if (!zone) return;
    form.resetFields();
    errors.clear();
  }, [zone]);

  return (
    <Modal
      open={!!zone}
      title={zone ? t('zones.addParkTitle', { zone: zone.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      confirmLoading={addPark.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!zone) return;
          errors.clear();
          const body = { name: values.name?.trim() ?? '' };
          if (!errors.check(CreateParkBody, body)) return;
          addPark.mutate(
            { zoneId: zone.id, name: body.name },
            {
              onSuccess: () => {
                void message.success(t('zones.parkAdded'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('zones.parkName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('zones.parkName') }) }]}
        >
          <Input maxLength={64} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
