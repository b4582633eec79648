import { MIN_PASSWORD_LENGTH } from '@crm/shared';
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { User } from '../../../lib/types.ts';
import { useUpdateUser } from '../api/update-user.ts';

type Values = { password?: string };

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const update = useUpdateUser();

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    errors.clear();
  }, [user]);

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <FormErrors state={errors.state} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!user) return;
          errors.clear();
          update.mutate(
            { id: user.id, body: { version: user.version, password: values.password ?? '' } },
            {
              onSuccess: () => {
                void message.success(t('users.passwordReset'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.mustChangeHint')}
          rules={[
            { required: true, message: t('validation.required', { label: t('users.newPassword') }) },
            { min: MIN_PASSWORD_LENGTH, message: t('validation.password', { min: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
