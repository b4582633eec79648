import { LockOutlined } from '@ant-design/icons';
import { MIN_PASSWORD_LENGTH } from '@crm/shared';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { useChangePassword } from '../api/change-password.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/**
 * The user's own password change: the current password, then the new one twice. What the browser can judge (length,
 * the username, a repeat of the current one, the two entries agreeing) it says at once; the common-password list is
 * the server's, and its answer lands on the field it names.
 */
export function ChangePasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const change = useChangePassword({ mutationConfig: { onSuccess: onDone, onError: errors.handle } });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(values) => {
        errors.clear();
        change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      }}
      data-testid="password-form"
    >
      <FormErrors state={errors.state} />
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.next')}
        extra={<Typography.Text type="secondary">{t('password.rules', { min: MIN_PASSWORD_LENGTH })}</Typography.Text>}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.nextRequired') },
          { min: MIN_PASSWORD_LENGTH, message: t('validation.password', { min: MIN_PASSWORD_LENGTH }) },
          {
            validator: async (_, value: string | undefined) => {
              if (value && username.length >= 3 && value.toLowerCase().includes(username.toLowerCase())) throw new Error(t('password.containsUsername'));
            },
          },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('password.same'));
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={256} data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={256} data-testid="password-confirm" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
