import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Id, OptionalText, PageParams, Text } from '../common/schemas.ts';
import { creditCodeProblem } from '../credit-code.ts';

export const agentKinds = ['agency', 'intermediary', 'enterprise', 'individual'] as const;
export const AgentKind = z.enum(agentKinds, fe('ONE_OF', { values: agentKinds.join(', ') }));
export const agentStatuses = ['active', 'suspended', 'terminated'] as const;
export const AgentStatus = z.enum(agentStatuses, fe('ONE_OF', { values: agentStatuses.join(', ') }));

/** A credit code field: upper-cased, then checked against GB 32100-2015. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Agreement = z.object({
  id: Id,
  agentId: Id,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(['active', 'ended']),
});
export const AgreementInput = z
  .object({ title: Text(128), startsOn: CalendarDate, endsOn: CalendarDate.nullish() })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, { ...fe('END_BEFORE_START'), path: ['endsOn'] });

export const Agent = z.object({
  id: Id,
  name: z.string(),
  kind: AgentKind,
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  creditCode: z.string().nullable(),
  isGovernmentUnit: z.boolean(),
  isPlatformCompany: z.boolean(),
  relatedPartyNote: z.string().nullable(),
  status: AgentStatus,
  notes: z.string().nullable(),
  agreements: z.array(Agreement),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agent = z.infer<typeof Agent>;

const agentFields = {
  name: Text(128),
  kind: AgentKind,
  contactName: OptionalText(64),
  phone: OptionalText(32),
  email: OptionalText(128),
  creditCode: CreditCode.nullish(),
  isGovernmentUnit: z.boolean().default(false),
  isPlatformCompany: z.boolean().default(false),
  relatedPartyNote: OptionalText(500),
  notes: OptionalText(2000),
};
export const CreateAgentBody = z.object({ ...agentFields, agreements: z.array(AgreementInput).max(20).default([]) });
export const UpdateAgentBody = z.object({
  version: z.number().int(),
  name: agentFields.name.optional(),
  kind: AgentKind.optional(),
  contactName: agentFields.contactName,
  phone: agentFields.phone,
  email: agentFields.email,
  creditCode: agentFields.creditCode,
  isGovernmentUnit: z.boolean().optional(),
  isPlatformCompany: z.boolean().optional(),
  relatedPartyNote: agentFields.relatedPartyNote,
  notes: agentFields.notes,
  status: AgentStatus.optional(),
  addAgreements: z.array(AgreementInput).max(20).optional(),
});
export const AgentListQuery = z
  .object({
    q: z.string().trim().max(64).optional(),
    status: AgentStatus.optional(),
  })
  .extend(PageParams.shape);
