import {
  auditActionLabel,
  auditActionLabels,
  auditEntityTypeLabel,
  auditEntityTypeLabels,
  auditFieldLabel,
  enumLabel,
  fieldKind,
  formatFen,
  type Lang,
} from '@crm/shared';
import { useTranslation } from 'react-i18next';
import { zoneDateTimeOf } from '../../lib/zone-time.ts';

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

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * One value of a before/after as people read it: money as ¥1,040,740.73, instants as the zone's date and time, enum
 * codes as labels, ids of people and records as their names (from the page's `names`), lists one by one.
 */
export function formatAuditValue(field: string, value: unknown, entityType: string, names: Record<string, string>, lang: Lang): string {
  if (value === null) return '—';
  const kind = fieldKind(field, entityType);
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (kind.kind === 'money' && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)))) return formatFen(v);
    if (kind.kind === 'ref' && typeof v === 'string') return names[v] ?? v;
    if (kind.kind === 'enum' && typeof v === 'string') return enumLabel(kind.name, v, lang);
    if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    if (typeof v === 'string') return isoInstant.test(v) ? zoneDateTimeOf(v) : v;
    if (typeof v === 'number') return String(v);
    // A nested record (a lead's clock, a contact): its fields one per line, labelled and formatted the same way.
    if (v && typeof v === 'object' && !Array.isArray(v))
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${auditFieldLabel(k, lang)}: ${formatAuditValue(k, x, entityType, names, lang)}`)
        .join('\n');
    return JSON.stringify(v, null, 1);
  };
  if (Array.isArray(value) && value.length === 0) return '—';
  if (Array.isArray(value)) return value.map(one).join(value.every((v) => typeof v !== 'object' || v === null) ? '、' : '\n');
  return one(value);
}
