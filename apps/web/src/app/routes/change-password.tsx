import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form.tsx';
import { useLogout } from '../../features/auth/api/logout.ts';
import { getSession } from '../../lib/api.ts';
import { useUser } from '../../lib/auth.ts';
import { LanguageSwitch } from '../language-switch.tsx';
import { homePath } from '../navigation.ts';

const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/password') ? next : null);

/**
 * 修改密码. Reached from the header at any time, and shown instead of every screen while the password is one someone
 * else set (the first admin's, an admin's reset, a new account): the server refuses everything else until then.
 */
export default function ChangePasswordRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const forced = user.mustChangePassword;
  const logout = useLogout({ mutationConfig: { onSettled: () => void navigate('/login', { replace: true }) } });

  const done = () => {
    void message.success(t('password.done'));
    const current = getSession();
    void navigate(next ?? (current.status === 'signed-in' ? homePath(current.user.roles) : '/'), { replace: true });
  };

  return (
    <div className="crm-login" data-testid="password-page">
      <section className="crm-login-hero">
        <div className="crm-brand" style={{ padding: 0 }}>
          <span className="crm-brand-mark">招</span>
          <span>
            <div className="crm-brand-name">{t('app.name')}</div>
            <div className="crm-brand-sub">{t('app.subtitle')}</div>
          </span>
        </div>
        <div>
          <h1>
            <SafetyCertificateOutlined /> {t('password.heroTitle')}
          </h1>
          <p>{t('password.heroText')}</p>
        </div>
        <div />
      </section>
      <section className="crm-login-panel">
        <Flex vertical gap={16} style={{ width: '100%', maxWidth: 400 }}>
          <Flex justify="flex-end">
            <LanguageSwitch />
          </Flex>
          <Card variant="borderless" styles={{ body: { padding: 0 } }}>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="password-title">
              {forced ? t('password.forcedTitle') : t('password.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {user.displayName}（{user.username}）
            </Typography.Paragraph>
            <Alert
              type={forced ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={forced ? t('password.forcedHint') : t('password.hint')}
              data-testid={forced ? 'password-forced' : 'password-hint'}
            />
            <ChangePasswordForm username={user.username} onDone={done} />
            <Flex justify="space-between" style={{ marginTop: 16 }}>
              {forced ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => logout.mutate()} loading={logout.isPending} data-testid="password-logout">
                  {t('header.logout')}
                </Button>
              ) : (
                <Button type="link" style={{ padding: 0 }} onClick={() => void navigate(next ?? homePath(user.roles))} data-testid="password-back">
                  {t('password.back')}
                </Button>
              )}
            </Flex>
          </Card>
        </Flex>
      </section>
    </div>
  );
}
