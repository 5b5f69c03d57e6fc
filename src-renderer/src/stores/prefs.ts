// Per-PC preferences: the interface language (antd, dayjs and i18next follow it).
import { create } from 'zustand';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n, { rememberLanguage, storedLanguage, type Language } from '../i18n';

function apply(lang: Language): void {
  void i18n.changeLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

interface PrefsState {
  language: Language;
  setLanguage(lang: Language): void;
}

export const usePrefs = create<PrefsState>()((set) => {
  const initial = storedLanguage();
  apply(initial);
  return {
    language: initial,
    setLanguage(lang) {
      apply(lang);
      rememberLanguage(lang);
      set({ language: lang });
    },
  };
});
