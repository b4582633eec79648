import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { fieldsEn, fieldsZhCN, problemsEn, problemsZhCN, traceEn, traceZhCN } from '@crm/shared';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'crm.language';

/** The app's own texts, plus the API's problems and field messages (one catalogue per language, in @crm/shared). */
export const resources = {
  'zh-CN': { translation: zhCN, problems: problemsZhCN, fields: fieldsZhCN, trace: traceZhCN },
  en: { translation: en, problems: problemsEn, fields: fieldsEn, trace: traceEn },
} as const;

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be blocked; Chinese is the default either way
  }
  return 'zh-CN';
}

function applyLanguage(language: Language) {
  document.documentElement.lang = language;
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

const language = initialLanguage();
applyLanguage(language);

void i18n.use(initReactI18next).init({
  resources,
  ns: ['translation', 'problems', 'fields', 'trace'],
  defaultNS: 'translation',
  lng: language,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(next: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; the switch still applies to this tab
  }
  applyLanguage(next);
  void i18n.changeLanguage(next);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

export { i18n };
