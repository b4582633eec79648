import {
  auditActionLabel,
  auditActionLabels,
  auditEntityTypeLabel,
  auditEntityTypeLabels,
  auditFieldLabel,
  formatAuditValue as formatAuditValueIn,
  type Lang,
} from '@crm/shared';
import { useTranslation } from 'react-i18next';
import { timeZone } from '../../lib/zone-time.ts';

/** The audit labels' language for the page's (zh-CN first, en second). The labels live in @crm/shared's `auditLabels`. */
export const useAuditLang = (): Lang => (useTranslation().i18n.language === 'en' ? 'en' : 'zh');

export { auditActionLabel, auditEntityTypeLabel, auditFieldLabel };

/** Where a record of a type opens (null: no page of its own). */
export function entityPath(entityType: string, id: string): string | null {
  switch (entityType) {
    case 'lead':
      return `/leads/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'reward_calculation':
      return `/finance/calculations/${id}`;
    case 'policy':
      return `/finance/policies/${id}`;
    case 'promotion_event':
      return `/events/${id}`;
    case 'agent':
      return '/agents';
    case 'user':
      return `/audit?actorId=${id}`;
    default:
      return null;
  }
}

/** The pick-lists, grouped by the record type an action belongs to. */
export function actionOptions(lang: Lang) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const action of Object.keys(auditActionLabels)) {
    const prefix = action.split('.')[0]!;
    const group = prefix === 'auth' ? (lang === 'zh' ? '登录' : 'Sign-in') : auditEntityTypeLabel(prefix, lang);
    const list = groups.get(group) ?? [];
    list.push({ value: action, label: auditActionLabel(action, lang) });
    groups.set(group, list);
  }
  return [...groups].map(([label, options]) => ({ label, title: label, options }));
}
export const entityTypeOptions = (lang: Lang) => Object.keys(auditEntityTypeLabels).map((value) => ({ value, label: auditEntityTypeLabel(value, lang) }));

/** One before/after value as people read it (the shared formatter, in the zone's time and the page's language). */
export const formatAuditValue = (field: string, value: unknown, entityType: string, names: Record<string, string>, lang: Lang): string =>
  formatAuditValueIn(field, value, entityType, names, lang, timeZone);
