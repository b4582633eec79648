import dayjs, { type Dayjs } from 'dayjs';
import { DATE, fenToWanInput, wanToFen } from '../../../lib/format.ts';
import type { CreateLeadBody as CreateLeadInput, Lead, LeadChannel, UpdateLeadBody as UpdateLeadInput } from '../../../lib/types.ts';

// The lead form's values and the bodies made from them: pure functions, unit-tested (lead-form-values.test.ts).

type ContactValues = { name?: string; title?: string; phone?: string; email?: string };

export type LeadFormValues = {
  companyName?: string;
  creditCode?: string;
  channel?: LeadChannel;
  agentId?: string | null;
  zoneId?: string | null;
  parkId?: string | null;
  industryId?: string | null;
  chainNodeId?: string | null;
  /** 万元, as typed */
  estimatedInvestment?: string;
  contacts?: ContactValues[];
  notes?: string;
  nextFollowUpOn?: Dayjs | null;
  sourceEventId?: string | null;
};

const text = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

export function valuesOf(lead: Lead): LeadFormValues {
  return {
    companyName: lead.companyName,
    creditCode: lead.creditCode ?? undefined,
    channel: lead.channel,
    agentId: lead.agentId,
    zoneId: lead.zoneId,
    parkId: lead.parkId,
    industryId: lead.industryId,
    chainNodeId: lead.chainNodeId,
    estimatedInvestment: lead.estimatedInvestmentFen > 0 ? fenToWanInput(lead.estimatedInvestmentFen) : undefined,
    contacts: lead.contacts.map((c) => ({ name: c.name, title: c.title ?? undefined, phone: c.phone ?? undefined, email: c.email ?? undefined })),
    notes: lead.notes ?? undefined,
    nextFollowUpOn: lead.nextFollowUpOn ? dayjs(lead.nextFollowUpOn) : null,
    sourceEventId: lead.sourceEventId,
  };
}

export function bodyOf(values: LeadFormValues): CreateLeadInput {
  const investment = text(values.estimatedInvestment);
  return {
    companyName: values.companyName?.trim() ?? '',
    creditCode: text(values.creditCode)?.toUpperCase() ?? null,
    channel: values.channel as LeadChannel,
    agentId: values.agentId ?? null,
    zoneId: values.zoneId ?? null,
    parkId: values.parkId ?? null,
    industryId: values.industryId ?? null,
    chainNodeId: values.chainNodeId ?? null,
    // The field rule has already refused anything that is not an amount; 0 stands for "not yet known".
    estimatedInvestmentFen: investment ? (wanToFen(investment) ?? 0) : 0,
    contacts: (values.contacts ?? [])
      .filter((c) => text(c.name) || text(c.title) || text(c.phone) || text(c.email))
      .map((c) => ({ name: c.name?.trim() ?? '', title: text(c.title), phone: text(c.phone), email: text(c.email) })),
    notes: text(values.notes),
    nextFollowUpOn: values.nextFollowUpOn ? values.nextFollowUpOn.format(DATE) : null,
    sourceEventId: values.sourceEventId ?? null,
  };
}

/** Only what changed goes into the PATCH, so an untouched field never overwrites someone else's edit. */
export function changesOf(lead: Lead, values: LeadFormValues): UpdateLeadInput {
  const changes: UpdateLeadInput = { version: lead.version };
  const initial = valuesOf(lead);
  const before = bodyOf(initial);
  const body = bodyOf(values);
  const keys = Object.keys(body) as (keyof CreateLeadInput)[];
  for (const key of keys) {
    if (JSON.stringify(body[key]) === JSON.stringify(before[key])) continue;
    Object.assign(changes, { [key]: body[key] });
  }
  // An untouched amount is never written back (it may hold more precision than the 2 decimals one can type); a touched
  // one always is: its initial text may have more decimals than wanToFen reads (12.345678 → 0), so comparing the fen
  // would miss that it was cleared.
  if (text(values.estimatedInvestment) === text(initial.estimatedInvestment)) delete changes.estimatedInvestmentFen;
  else changes.estimatedInvestmentFen = body.estimatedInvestmentFen;
  return changes;
}
