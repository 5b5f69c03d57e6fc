import { ShopOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before sign-in: brand on the left, language on the right. */
export function CenteredPage({ children, width = 560 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <div className="centered-page">
      <header className="centered-page__bar">
        <span className="brand">
          <ShopOutlined aria-hidden className="brand__icon" />
          <Typography.Text strong className="brand__name">
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" className="brand__tagline">
            {t('app.tagline')}
          </Typography.Text>
        </span>
        <LanguageSwitch />
      </header>
      <main className="centered-page__main">
        <div style={{ width: '100%', maxWidth: width }}>{children}</div>
      </main>
    </div>
  );
}
