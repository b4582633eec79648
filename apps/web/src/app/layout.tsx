import {
  ApartmentOutlined,
  ImportOutlined,
  AuditOutlined,
  BankOutlined,
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
  MenuOutlined,
  FileDoneOutlined,
} from '@ant-design/icons';
import { InboxBell } from '../features/inbox/components/inbox-bell.tsx';
import { GlobalSearch } from '../features/search/components/global-search.tsx';
import { App, Avatar, Button, Drawer, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
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
import { DemoBanner } from '../features/indicators/components/demo-banner.tsx';

type MenuItem = Required<MenuProps>['items'][number];

const financePaths = ['/finance/policies', '/finance/calculations', '/finance/approvals', '/finance/payments', '/finance/service-fees', '/finance/forecast'];

export function AppLayout() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const { token } = theme.useToken();
  // A phone (below md, 768px): the menu slides out of a drawer instead of taking a fixed column.
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
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
    const seesAll = user.roles.some((role) => role === 'manager' || role === 'admin' || role === 'finance');
    items.push({ key: '/performance', icon: <TrophyOutlined />, label: seesAll ? t('performance.nav') : t('performance.navMine') });
  }
  if (canSee(user.roles, 'notices')) items.push({ key: '/notices', icon: <FileProtectOutlined />, label: t('notice.nav') });
  if (canSee(user.roles, 'reports')) items.push({ key: '/reports', icon: <FileTextOutlined />, label: t('reports.nav') });
  if (canSee(user.roles, 'indicators')) items.push({ key: '/indicators', icon: <FundProjectionScreenOutlined />, label: t('indicators.nav') });
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
        { key: '/admin/approval-kinds', icon: <FileDoneOutlined />, label: t('approvalKinds.nav') },
      ],
    });
  }

  const selected = [
    '/leads',
    '/pool',
    '/projects',
    '/pipeline',
    '/funnel',
    '/agents',
    '/audit',
    '/admin/users',
    '/admin/zones',
    '/admin/industries',
    '/admin/clock-rules',
    '/admin/approval-kinds',
    ...financePaths,
    '/dashboard',
    '/performance',
    '/reports',
    '/indicators',
    '/clocks',
    '/events',
    '/weekly',
    '/inbox',
  ].find((path) => location.pathname.startsWith(path));

  const brand = (small: boolean) => (
    <div className="crm-brand">
      <span className="crm-brand-mark">招</span>
      {small ? null : (
        <span>
          <div className="crm-brand-name">{t('app.name')}</div>
          <div className="crm-brand-sub">{t('app.subtitle')}</div>
        </span>
      )}
    </div>
  );
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={['admin', 'finance']}
      items={items}
      onClick={({ key }) => {
        setMenuOpen(false);
        void navigate(key);
      }}
      data-testid="nav-menu"
    />
  );
  const changePassword = () => void navigate(`/password?next=${encodeURIComponent(location.pathname + location.search)}`);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={264}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          data-testid="nav-drawer"
        >
          {brand(false)}
          {menu}
          <Flex vertical gap={8} style={{ padding: 16 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Text strong style={{ color: '#fff' }}>
                {user.displayName}
              </Typography.Text>
              <RoleTags roles={user.roles} />
            </Flex>
            <Button icon={<KeyOutlined />} onClick={changePassword} data-testid="change-password">
              {t('header.changePassword')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending} data-testid="logout">
              {t('header.logout')}
            </Button>
          </Flex>
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          data-testid="sider"
        >
          {brand(collapsed)}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: phone ? 8 : 16,
            padding: phone ? '0 12px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {phone ? (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('ux.mobile.menu')} onClick={() => setMenuOpen(true)} data-testid="nav-open" />
          ) : null}
          <GlobalSearch compact={phone} />
          <div style={{ flex: 1 }} />
          <InboxBell />
          <LanguageSwitch />
          {phone ? null : (
            <>
              <Flex align="center" gap={8} data-testid="header-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <span>
                  <RoleTags roles={user.roles} />
                </span>
              </Flex>
              <Button icon={<KeyOutlined />} onClick={changePassword} data-testid="change-password">
                {t('header.changePassword')}
              </Button>
              <Button icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending} data-testid="logout">
                {t('header.logout')}
              </Button>
            </>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <DemoBanner />
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
