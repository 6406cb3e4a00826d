import { CloudUploadOutlined, DashboardOutlined, LogoutOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Layout, Menu, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { useSession } from '../session/Session';
import { LanguageSwitch } from './LanguageSwitch';

/** The tabs of Remote Upgrade, in the spec's order; each is a path under `/ota`. */
export const TABS = [
  { key: 'packages', label: 'tab.packages' },
  { key: 'notifications', label: 'tab.notifications' },
  { key: 'versions', label: 'tab.versions' },
  { key: 'transfers', label: 'tab.transfers' },
] as const;

/** The console's frame: Operations & Monitoring → Remote Upgrade, its four tabs, the page. */
export function Shell() {
  const { t } = useI18n();
  const { principal, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => location.pathname.startsWith(`/ota/${tab.key}`))?.key ?? 'packages';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} theme="light" breakpoint="lg" collapsedWidth={0}>
        <div className="brand">
          <CloudUploadOutlined /> {t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={['remote-upgrade']}
          defaultOpenKeys={['operations']}
          items={[
            {
              key: 'operations',
              icon: <DashboardOutlined />,
              label: t('nav.operations'),
              children: [{ key: 'remote-upgrade', label: t('nav.remoteUpgrade') }],
            },
          ]}
          onClick={() => navigate('/ota/packages')}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="header">
          <Breadcrumb items={[{ title: t('nav.operations') }, { title: t('nav.remoteUpgrade') }]} />
          <Space size="middle">
            <LanguageSwitch />
            {principal && (
              <Tooltip title={principal.role === 'viewer' ? t('role.viewerHint') : undefined}>
                <span data-testid="principal">
                  {principal.name} <Tag color={principal.role === 'viewer' ? 'default' : 'blue'}>{t(`role.${principal.role}`)}</Tag>
                </span>
              </Tooltip>
            )}
            <Button icon={<LogoutOutlined />} onClick={signOut}>
              {t('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="content">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('nav.remoteUpgrade')}
          </Typography.Title>
          <Tabs
            activeKey={active}
            onChange={(key) => navigate(`/ota/${key}`)}
            items={TABS.map((tab) => ({ key: tab.key, label: t(tab.label) }))}
          />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
