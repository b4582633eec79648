import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../components/states.tsx';
import { LoginForm } from '../../features/auth/components/login-form.tsx';
import { getSession } from '../../lib/api.ts';
import { useSession } from '../../lib/auth.ts';
import { LanguageSwitch } from '../language-switch.tsx';
import { homePath } from '../navigation.ts';

/** Only same-site paths: a crafted ?next=https://… must not send a freshly signed-in user elsewhere. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : null);

export function LoginRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (session.status === 'loading') return <FullPageSpin tip={t('login.restoring')} />;
  if (session.status === 'signed-in') return <Navigate to={next ?? homePath(session.user.roles)} replace />;

  const done = () => {
    const current = getSession();
    void navigate(next ?? (current.status === 'signed-in' ? homePath(current.user.roles) : '/'), { replace: true });
  };

  return (
    <div className="crm-login">
      <section className="crm-login-hero">
        <div className="crm-brand" style={{ padding: 0 }}>
          <span className="crm-brand-mark">招</span>
          <span>
            <div className="crm-brand-name">{t('app.name')}</div>
            <div className="crm-brand-sub">{t('app.subtitle')}</div>
          </span>
        </div>
        <div>
          <h1>{t('login.welcome')}</h1>
          <p>{t('login.tagline')}</p>
        </div>
        <div className="crm-login-stats">
          <div>
            <strong>{t('login.feature1Title')}</strong>
            {t('login.feature1')}
          </div>
          <div>
            <strong>{t('login.feature2Title')}</strong>
            {t('login.feature2')}
          </div>
          <div>
            <strong>{t('login.feature3Title')}</strong>
            {t('login.feature3')}
          </div>
        </div>
      </section>
      <section className="crm-login-panel">
        <Flex vertical gap={16} style={{ width: '100%', maxWidth: 380 }}>
          <Flex justify="flex-end">
            <LanguageSwitch />
          </Flex>
          <Card variant="borderless" styles={{ body: { padding: 0 } }}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('app.name')} · {t('app.subtitle')}
            </Typography.Paragraph>
            <LoginForm onSuccess={done} />
          </Card>
        </Flex>
      </section>
    </div>
  );
}
