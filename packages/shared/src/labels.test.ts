import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditFieldLabel, enumLabel, fieldKind, formatAuditValue } from './labels.ts';

const TZ = 'Asia/Shanghai';
const fmt = (field: string, value: unknown, entityType = 'lead', names: Record<string, string> = {}, lang: 'zh' | 'en' = 'zh') =>
  formatAuditValue(field, value, entityType, names, lang, TZ);

describe('audit labels and values', () => {
  it('labels codes, Chinese first and English second, and shows an unknown code as itself', () => {
    expect(auditActionLabel('lead.reassign')).toBe('分配线索');
    expect(auditActionLabel('lead.reassign', 'en')).toBe('Lead reassigned');
    expect(auditActionLabel('lead.teleport')).toBe('lead.teleport');
    expect(auditFieldLabel('estimatedInvestmentFen')).toBe('预计投资额');
    expect(enumLabel('stage', 'negotiating')).toBe('洽谈');
  });

  it('formats values: money, zone times near midnight, enums by entity, names, nested records, lists', () => {
    expect(fmt('estimatedInvestmentFen', 104_074_073)).toBe('¥1,040,740.73');
    expect(fmt('protectionExpiresAt', '2026-11-30T16:10:00.000Z')).toBe('2026-12-01 00:10');
    expect(fmt('nextFollowUpOn', '2026-12-01')).toBe('2026-12-01');
    expect(fmt('channel', 'business_referral')).toBe('以商招商');
    expect(fmt('status', 'suspended', 'agent')).toBe('暂停');
    expect(fmt('status', 'paid', 'reward_calculation')).toBe('已支付');
    expect(fieldKind('status', 'lead')).toEqual({ kind: 'plain' });
    expect(fmt('ownerId', 'u-1', 'lead', { 'u-1': '王招商' })).toBe('王招商');
    expect(fmt('ownerId', 'u-2', 'lead', { 'u-1': '王招商' })).toBe('u-2');
    expect(fmt('roles', ['staff', 'finance'], 'user')).toBe('招商专员、财务');
    expect(fmt('roles', ['staff'], 'user', {}, 'en')).toBe('Staff');
    expect(fmt('active', false, 'user')).toBe('否');
    expect(fmt('contacts', [])).toBe('—');
    expect(fmt('clock', { state: 'respond', dueAt: '2026-12-02T16:00:00.000Z' })).toBe('环节: 响应\n截止时间: 2026-12-03 00:00');
    expect(fmt('notes', null)).toBe('—');
  });
});
