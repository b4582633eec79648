import 'i18next';
import type { fieldsEn, problemsEn, traceEn } from '@crm/shared';
import type { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN; problems: typeof problemsEn; fields: typeof fieldsEn; trace: typeof traceEn };
  }
}
