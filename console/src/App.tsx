import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { NotificationDetails, NotificationsPage } from './features/notifications';
import { PackageDetails, PackagesPage } from './features/packages';
import { TransferDetails, TransfersPage } from './features/transfers';
import { VersionsPage } from './features/versions';
import { I18nProvider, useI18n } from './i18n/I18n';
import { SessionProvider, useSession } from './session/Session';
import { SignIn } from './session/SignIn';
import { Shell } from './shell/Shell';

function Routed() {
  const { principal } = useSession();
  if (!principal) return <SignIn />;
  return (
    <Routes>
      <Route path="/ota" element={<Shell />}>
        <Route path="packages" element={<PackagesPage />} />
        <Route path="packages/:id" element={<PackageDetails />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="notifications/:id" element={<NotificationDetails />} />
        <Route path="versions" element={<VersionsPage />} />
        <Route path="transfers" element={<TransfersPage />} />
        <Route path="transfers/:id" element={<TransferDetails />} />
        <Route index element={<Navigate to="packages" replace />} />
      </Route>
      <Route path="*" element={<Navigate to="/ota/packages" replace />} />
    </Routes>
  );
}

function Localized() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
