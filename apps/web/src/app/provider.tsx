import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { restoreSession } from '../lib/api.ts';
import { queryClient } from '../lib/query-client.ts';

/**
 * The Content-Security-Policy lets in <style> elements only with the nonce the server wrote into this page
 * (<meta name="csp-nonce">, new on every load): Ant Design puts it on every style tag it writes.
 */
const cspNonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? undefined;
const csp = cspNonce ? { nonce: cspNonce } : undefined;

const themeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0b1f4d', triggerBg: '#09193f', headerHeight: 64 },
    Menu: { darkItemBg: '#0b1f4d', darkSubMenuItemBg: '#09193f', darkItemSelectedBg: '#1d4ed8' },
  },
};

export function AppProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();

  useEffect(() => {
    // A page load may still hold a refresh cookie from an earlier visit: try to resume that session.
    void restoreSession();
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={themeConfig} csp={csp}>
        <AntApp>
          <BrowserRouter>{children}</BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
