// i18next set-up: zh-CN is the default and the reference; en is typed against it (see en.ts).
// The chosen language is remembered per PC (shared office PCs keep one language for everyone).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN, { type Messages } from './zh-CN';
import en from './en';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
const STORAGE_KEY = 'shopdesk.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
    returnNull: false;
  }
}

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // Storage unavailable: use the default.
  }
  return DEFAULT_LANGUAGE;
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the language just is not remembered.
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Whether `key` (dot path) names a string in the current language's resources. */
export function hasText(key: string): boolean {
  const v =
    i18n.getResource(i18n.language, 'translation', key) ??
    i18n.getResource(DEFAULT_LANGUAGE, 'translation', key);
  return typeof v === 'string';
}

/** Translate a key built at run time (error keys, role names …); `fallback` when it does not exist. */
export function tDynamic(key: string, params?: Record<string, unknown>, fallback?: string): string {
  if (!hasText(key)) return fallback ?? key;
  return (i18n.t as unknown as (k: string, p?: Record<string, unknown>) => string)(key, params);
}

export default i18n;
