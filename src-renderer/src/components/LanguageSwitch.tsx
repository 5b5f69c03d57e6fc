import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';
import { usePrefs } from '../stores/prefs';

/** The interface-language picker (header, first run, sign-in). Each language is named in itself. */
export function LanguageSwitch({ variant = 'borderless' }: { variant?: 'borderless' | 'outlined' }) {
  const { t } = useTranslation();
  const language = usePrefs((s) => s.language);
  const setLanguage = usePrefs((s) => s.setLanguage);
  const names: Record<Language, string> = { 'zh-CN': t('language.zh'), en: t('language.en') };
  return (
    <Select<Language>
      data-testid="language-switch"
      aria-label={t('language.label')}
      value={language}
      onChange={setLanguage}
      variant={variant}
      prefix={<GlobalOutlined aria-hidden />}
      popupMatchSelectWidth={false}
      options={LANGUAGES.map((l) => ({ value: l, label: names[l] }))}
    />
  );
}
