import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../lib/types.ts';
import { changesOf, valuesOf } from './lead-form-values.ts';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const lead: Lead = {
  id: ID(1),
  companyName: '铁岭华晨机械有限公司',
  creditCode: '91211200MA0XXXXX1X',
  industryId: ID(2),
  industryName: '装备制造',
  chainNodeId: null,
  chainNodeName: null,
  channel: 'direct',
  agentId: null,
  agentName: null,
  zoneId: ID(3),
  zoneName: '铁岭经济开发区',
  parkId: null,
  parkName: null,
  // 12,345,678 fen = 12.345678 万元: more precision than the two decimals anyone can type
  estimatedInvestmentFen: 12_345_678,
  contacts: [{ name: '王经理', title: '总经理', phone: '13800000000', email: null }],
  notes: '首次接触',
  ownerId: ID(4),
  ownerName: '张伟',
  stage: 'new',
  lostReason: null,
  protectionExpiresAt: null,
  inPool: false,
  warning: 'green',
  nextFollowUpOn: '2026-12-10',
  lastActivityAt: null,
  stageChangedAt: '2026-11-30T02:00:00.000Z',
  clock: null,
  isMajor: false,
  judgementDecision: null,
  filedAt: null,
  sourceEventId: null,
  sourceEventName: null,
  version: 7,
  createdAt: '2026-11-30T02:00:00.000Z',
  updatedAt: '2026-11-30T02:00:00.000Z',
} as Lead;

describe('lead edit: only what changed goes into the PATCH', () => {
  it('an untouched form sends the version alone (nothing overwrites a colleague’s edit)', () => {
    expect(changesOf(lead, valuesOf(lead))).toEqual({ version: 7 });
  });

  it('sends each edited field, converted to the API’s form, and nothing else', () => {
    const values = { ...valuesOf(lead), companyName: '  铁岭华晨重工有限公司 ', notes: '', nextFollowUpOn: dayjs('2026-12-20') };
    expect(changesOf(lead, values)).toEqual({ version: 7, companyName: '铁岭华晨重工有限公司', notes: null, nextFollowUpOn: '2026-12-20' });
  });

  it('never writes back an untouched amount, whose precision the form cannot show', () => {
    expect(valuesOf(lead).estimatedInvestment).toBe('12.345678');
    const values = { ...valuesOf(lead), estimatedInvestment: ' 12.345678 ' };
    expect(changesOf(lead, values)).toEqual({ version: 7 });
  });

  it('a typed amount goes out in fen; clearing it sends 0 ("not yet known")', () => {
    expect(changesOf(lead, { ...valuesOf(lead), estimatedInvestment: '1,500.5' })).toEqual({ version: 7, estimatedInvestmentFen: 1_500_500_000 });
    expect(changesOf(lead, { ...valuesOf(lead), estimatedInvestment: '' })).toEqual({ version: 7, estimatedInvestmentFen: 0 });
  });

  it('the credit code is upper-cased and compared after that, so a lower-case retype is no change', () => {
    expect(changesOf(lead, { ...valuesOf(lead), creditCode: '91211200ma0xxxxx1x' })).toEqual({ version: 7 });
    expect(changesOf(lead, { ...valuesOf(lead), creditCode: '' })).toEqual({ version: 7, creditCode: null });
  });

  it('contacts go as a whole list when one changed; blank rows are dropped and do not count as a change', () => {
    const blank = { name: ' ', title: '', phone: undefined, email: undefined };
    expect(changesOf(lead, { ...valuesOf(lead), contacts: [...(valuesOf(lead).contacts ?? []), blank] })).toEqual({ version: 7 });
    const edited = [{ name: '王经理', title: '副总经理', phone: '13800000000' }];
    expect(changesOf(lead, { ...valuesOf(lead), contacts: edited })).toEqual({
      version: 7,
      contacts: [{ name: '王经理', title: '副总经理', phone: '13800000000', email: null }],
    });
  });

  it('clearing a choice sends null', () => {
    expect(changesOf(lead, { ...valuesOf(lead), industryId: undefined, zoneId: null })).toEqual({ version: 7, industryId: null, zoneId: null });
  });
});
