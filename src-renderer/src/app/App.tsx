import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../src-main/api/contract';
import { configureApi, hasBridge, onEvent } from '../api';
import { FeedbackBridge } from '../components/FeedbackBridge';
import { usePrefs } from '../stores/prefs';
import { useSession } from '../stores/session';
import { FirstRun } from './FirstRun';
import { Shell } from './Shell';
import { SignInScreen } from './SignInScreen';

configureApi({
  onUnauthenticated: () => useSession.getState().expire(),
  timeZone: () => useSession.getState().timeZone,
});

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', " +
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

export function App() {
  const language = usePrefs((s) => s.language);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      componentSize="middle"
      // 「登录」, not antd's default 「登 录」 for two-character buttons.
      button={{ autoInsertSpace: false }}
      theme={{ token: { fontFamily: FONT, borderRadius: 6 } }}
    >
      <AntApp className="app-root">
        <FeedbackBridge />
        <Root />
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const bootError = useSession((s) => s.bootError);
  const boot = useSession((s) => s.boot);

  useEffect(() => {
    if (hasBridge()) void boot();
  }, [boot]);

  // Main tells us when the session ends or changes (another window, an account deactivated).
  useEffect(
    () =>
      onEvent('session.changed', (payload) => {
        const st = useSession.getState();
        const next = payload as Session | null;
        if (!next) st.expire();
        else if (
          st.phase === 'ready' &&
          (st.session?.staff.id !== next.staff.id ||
            st.session.staff.role !== next.staff.role ||
            st.session.staff.name !== next.staff.name)
        )
          // Another person, or this person's role or name changed in 员工管理: new tabs at once.
          st.signedIn(next);
      }),
    [],
  );

  if (!hasBridge()) {
    return <Result status="error" title={t('app.bootFailed')} subTitle={t('app.noBridge')} />;
  }
  switch (phase) {
    case 'booting':
      return (
        <div className="boot">
          <Spin size="large" description={t('app.loading')} />
        </div>
      );
    case 'bootError':
      return (
        <Result
          status="error"
          title={t('app.bootFailed')}
          subTitle={bootError}
          extra={
            <Button type="primary" onClick={() => void boot()}>
              {t('app.retry')}
            </Button>
          }
        />
      );
    case 'setup':
      return <FirstRun />;
    case 'signin':
      return <SignInScreen />;
    case 'ready':
      return <Shell />;
  }
}
