import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { useLogin, type LoginInput } from '../api/login.ts';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin({ mutationConfig: { onSuccess } });

  return (
    <Form<LoginInput>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
      onValuesChange={() => login.error && login.reset()}
      data-testid="login-form"
    >
      {login.error ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('login.failed')} description={errorText(login.error, t)} data-testid="login-error" />
      ) : null}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
