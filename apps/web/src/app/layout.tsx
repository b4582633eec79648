import {
  ApartmentOutlined,
  ImportOutlined,
  AuditOutlined,
  BankOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  AimOutlined,
  FunnelPlotOutlined,
  ProjectOutlined,
  ProductOutlined,
  AccountBookOutlined,
  CalculatorOutlined,
  CheckSquareOutlined,
  FileProtectOutlined,
  FundProjectionScreenOutlined,
  PayCircleOutlined,
  ReconciliationOutlined,
  DashboardOutlined,
  TrophyOutlined,
  FileTextOutlined,
  FieldTimeOutlined,
  NotificationOutlined,
  CalendarOutlined,
} from '@ant-design/icons';
import { InboxBell } from '../features/inbox/components/inbox-bell.tsx';
import { App, Avatar, Button, Flex, Layout, Menu, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { RoleTags } from '../components/role-tags.tsx';
import { LoadingBlock } from '../components/states.tsx';
import { useLogout } from '../features/auth/api/logout.ts';
import { useUser } from '../lib/auth.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { canSee } from './navigation.ts';

type MenuItem = Required<MenuProps>['items'][number];

const financePaths = ['/finance/policies', '/finance/calculations', '/finance/approvals', '/finance/payments', '/finance/service-fees', '/finance/forecast'];

export function AppLayout() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const logout = useLogout({
    mutationConfig: {
      onSettled: () => {
        void message.info(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      },
    },
  });

  const items: MenuItem[] = [];
  if (canSee(user.roles, 'dashboard')) items.push({ key: '/dashboard', icon: <DashboardOutlined />, label: t('dashboard.nav') });
  if (canSee(user.roles, 'leads')) items.push({ key: '/leads', icon: <AimOutlined />, label: t('nav.leads') });
  if (canSee(user.roles, 'pool')) items.push({ key: '/pool', icon: <GlobalOutlined />, label: t('nav.pool') });
  if (canSee(user.roles, 'projects')) items.push({ key: '/projects', icon: <ProjectOutlined />, label: t('nav.projects') });
  if (canSee(user.roles, 'pipeline')) items.push({ key: '/pipeline', icon: <ProductOutlined />, label: t('nav.pipeline') });
  if (canSee(user.roles, 'funnel')) items.push({ key: '/funnel', icon: <FunnelPlotOutlined />, label: t('nav.funnel') });
  if (canSee(user.roles, 'clocks')) items.push({ key: '/clocks', icon: <FieldTimeOutlined />, label: t('rhythmNav.clocks') });
  if (canSee(user.roles, 'events')) items.push({ key: '/events', icon: <NotificationOutlined />, label: t('rhythmNav.events') });
  if (canSee(user.roles, 'weekly')) items.push({ key: '/weekly', icon: <CalendarOutlined />, label: t('rhythmNav.weekly') });
  if (canSee(user.roles, 'agents')) items.push({ key: '/agents', icon: <SolutionOutlined />, label: t('nav.agents') });
  if (canSee(user.roles, 'imports')) items.push({ key: '/imports', icon: <ImportOutlined />, label: t('imports.nav') });
  if (canSee(user.roles, 'audit')) items.push({ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') });
  if (canSee(user.roles, 'performance')) {
    // Staff see only their own row: the same screen, named for what it is to them.
    const seesAll = user.roles.some((role) => role === 'manager' || role === 'admin');
    items.push({ key: '/performance', icon: <TrophyOutlined />, label: seesAll ? t('performance.nav') : t('performance.navMine') });
  }
  if (canSee(user.roles, 'reports')) items.push({ key: '/reports', icon: <FileTextOutlined />, label: t('reports.nav') });
  if (canSee(user.roles, 'finance')) {
    items.push({
      key: 'finance',
      icon: <AccountBookOutlined />,
      label: t('finance.nav.group'),
      children: [
        { key: '/finance/policies', icon: <FileProtectOutlined />, label: t('finance.nav.policies') },
        { key: '/finance/calculations', icon: <CalculatorOutlined />, label: t('finance.nav.calculations') },
        ...(canSee(user.roles, 'financeApprovals') ? [{ key: '/finance/approvals', icon: <CheckSquareOutlined />, label: t('finance.nav.approvals') }] : []),
        { key: '/finance/payments', icon: <PayCircleOutlined />, label: t('finance.nav.payments') },
        { key: '/finance/service-fees', icon: <ReconciliationOutlined />, label: t('finance.nav.serviceFees') },
        { key: '/finance/forecast', icon: <FundProjectionScreenOutlined />, label: t('finance.nav.forecast') },
      ],
    });
  }
  if (canSee(user.roles, 'admin')) {
    items.push({
      key: 'admin',
      icon: <SettingOutlined />,
      label: t('nav.admin'),
      children: [
        { key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') },
        { key: '/admin/zones', icon: <BankOutlined />, label: t('nav.zones') },
        { key: '/admin/industries', icon: <ApartmentOutlined />, label: t('nav.industries') },
        { key: '/admin/clock-rules', icon: <FieldTimeOutlined />, label: t('rulesAdmin.nav') },
      ],
    });
  }

  const selected = ['/leads', '/pool', '/projects', '/pipeline', '/funnel', '/agents', '/audit', '/admin/users', '/admin/zones', '/admin/industries', '/admin/clock-rules', ...financePaths, '/dashboard', '/performance', '/reports', '/clocks', '/events', '/weekly', '/inbox'].find((path) =>
    location.pathname.startsWith(path),
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        breakpoint="lg"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        data-testid="sider"
      >
        <div className="crm-brand">
          <span className="crm-brand-mark">招</span>
          {collapsed ? null : (
            <span>
              <div className="crm-brand-name">{t('app.name')}</div>
              <div className="crm-brand-sub">{t('app.subtitle')}</div>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={['admin', 'finance']}
          items={items}
          onClick={({ key }) => void navigate(key)}
          data-testid="nav-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
            padding: '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <InboxBell />
          <LanguageSwitch />
          <Flex align="center" gap={8} data-testid="header-user">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <span>
              <RoleTags roles={user.roles} />
            </span>
          </Flex>
          <Button icon={<KeyOutlined />} onClick={() => void navigate(`/password?next=${encodeURIComponent(location.pathname + location.search)}`)} data-testid="change-password">
            {t('header.changePassword')}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending} data-testid="logout">
            {t('header.logout')}
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <div style={{ maxWidth: 1440, margin: '0 auto' }}>
            <Suspense fallback={<LoadingBlock rows={10} />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px 20px', background: 'transparent' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
