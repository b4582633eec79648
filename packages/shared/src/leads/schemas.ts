import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CreditCode } from '../agents/schemas.ts';
import { CalendarDate, Fen, Id, OptionalText, Page, PageParams, Text } from '../common/schemas.ts';
import { errorBodyOf } from '../errors.ts';
import { LeadClock } from '../clocks/schemas.ts';

/** Lead stages (domain.md): new → contacted → visited → negotiating → signed; lost from any open stage. */
export const leadStages = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'lost'] as const;
export const LeadStage = z.enum(leadStages, fe('ONE_OF', { values: leadStages.join(', ') }));
export type LeadStage = z.infer<typeof LeadStage>;
export const openStages = ['new', 'contacted', 'visited', 'negotiating'] as const satisfies readonly LeadStage[];
/** Rank of a stage on the way to signing (new 0 … signed 4); lost has none. */
export const stageRank = (stage: LeadStage): number | null =>
  stage === 'lost' ? null : ['new', 'contacted', 'visited', 'negotiating', 'signed'].indexOf(stage);
/** Days before protection lapses when a lead turns yellow. */
export const WARNING_DAYS = 14;

/** Attraction channels, policy 二(二)4. */
export const leadChannels = [
  'industry_chain', // 产业链招商
  'online', // 网络招商
  'agency', // 代理招商
  'business_referral', // 以商招商
  'commissioned', // 委托招商
  'talent', // 以人才引项目
  'professional_agency', // 专业机构招商
  'event', // 招商活动
  'direct', // 自主招商 / 上门
] as const;
export const LeadChannel = z.enum(leadChannels, fe('ONE_OF', { values: leadChannels.join(', ') }));
export type LeadChannel = z.infer<typeof LeadChannel>;
/** Channels whose leads come through an agent, so the agent must be named. */
export const channelsNeedingAgent: readonly LeadChannel[] = ['agency', 'business_referral', 'commissioned', 'professional_agency'];

export const LeadContact = z.object({
  name: Text(64),
  title: OptionalText(64),
  phone: OptionalText(32),
  email: OptionalText(128),
});

export const Lead = z.object({
  id: Id,
  companyName: z.string(),
  creditCode: z.string().nullable(),
  industryId: Id.nullable(),
  industryName: z.string().nullable(),
  chainNodeId: Id.nullable(),
  chainNodeName: z.string().nullable(),
  channel: LeadChannel,
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  zoneId: Id.nullable(),
  zoneName: z.string().nullable(),
  parkId: Id.nullable(),
  parkName: z.string().nullable(),
  estimatedInvestmentFen: z.number().int(),
  contacts: z.array(z.object({ name: z.string(), title: z.string().nullish(), phone: z.string().nullish(), email: z.string().nullish() })),
  notes: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string(),
  stage: LeadStage,
  lostReason: z.string().nullable(),
  protectionExpiresAt: z.string().nullable(),
  /** True when protection has lapsed (or the lead was lost): any staff member may claim it (公海). */
  inPool: z.boolean(),
  /** red: follow-up overdue or protection lapsed; yellow: protection lapses within 14 days; green otherwise. */
  warning: z.enum(['red', 'yellow', 'green']),
  nextFollowUpOn: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  stageChangedAt: z.string(),
  /** The stage clock (响应 → 研判 → 反馈 → 跟进汇报); null for signed and lost leads. */
  clock: LeadClock.nullable(),
  /** Estimated investment at or above the zone's major-project threshold (¥5亿 by default). */
  isMajor: z.boolean(),
  judgementDecision: z.enum(['follow', 'decline']).nullable(),
  /** 已备案: when the investor's confirmation was attached. */
  filedAt: z.string().nullable(),
  sourceEventId: Id.nullable(),
  sourceEventName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof Lead>;

const leadFields = {
  companyName: Text(128),
  creditCode: CreditCode.nullish(),
  industryId: Id.nullish(),
  chainNodeId: Id.nullish(),
  channel: LeadChannel,
  agentId: Id.nullish(),
  zoneId: Id.nullish(),
  parkId: Id.nullish(),
  estimatedInvestmentFen: Fen.default(0),
  contacts: z
    .array(LeadContact)
    .max(20, fe('AT_MOST_CONTACTS', { max: 20 }))
    .default([]),
  notes: OptionalText(2000),
  nextFollowUpOn: CalendarDate.nullish(),
  /** The promotion event (招商活动) the lead came from. */
  sourceEventId: Id.nullish(),
};
const agentRule = (v: { channel?: LeadChannel; agentId?: string | null }) => !v.channel || !channelsNeedingAgent.includes(v.channel) || !!v.agentId;
const agentIssue = { ...fe('AGENT_REQUIRED'), path: ['agentId'] };

export const CreateLeadBody = z.object(leadFields).refine(agentRule, agentIssue);
export const UpdateLeadBody = z.object({
  version: z.number(fe('VERSION_NEEDED')).int(),
  companyName: leadFields.companyName.optional(),
  creditCode: leadFields.creditCode,
  industryId: leadFields.industryId,
  chainNodeId: leadFields.chainNodeId,
  channel: LeadChannel.optional(),
  agentId: leadFields.agentId,
  zoneId: leadFields.zoneId,
  parkId: leadFields.parkId,
  estimatedInvestmentFen: Fen.optional(),
  contacts: z.array(LeadContact).max(20).optional(),
  notes: leadFields.notes,
  nextFollowUpOn: leadFields.nextFollowUpOn,
  sourceEventId: leadFields.sourceEventId,
});

export const leadSorts = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'estimatedInvestmentFen',
  '-estimatedInvestmentFen',
  // By the stage clock's deadline, most urgent first: only leads with a running clock (signed, lost and done leads
  // have no deadline to sort by).
  'clockDueAt',
  '-clockDueAt',
  // 企业名称 A→Z / Z→A (the database's collation; keyset on (company_name, id), index leads_company_name_idx).
  'companyName',
  '-companyName',
] as const;
export const LeadSort = z.enum(leadSorts, fe('ONE_OF', { values: leadSorts.join(', ') }));

export const LeadListQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(128, fe('TOO_LONG', { max: 128 }))
      .optional(),
    stage: LeadStage.optional(),
    ownerId: Id.optional(),
    zoneId: Id.optional(),
    industryId: Id.optional(),
    channel: LeadChannel.optional(),
    pool: z
      .enum(['true', 'false'], fe('BOOLEAN'))
      .transform((v) => v === 'true')
      .optional(),
    warning: z.enum(['red', 'yellow', 'green'], fe('LEVEL_COLOR')).optional(),
    /** Registered on or after / on or before these days (the zone's calendar), as the pipeline board filters them. */
    createdFrom: CalendarDate.optional(),
    createdTo: CalendarDate.optional(),
    /** true: leads whose stage clock is past its deadline (not in the public pool); false: clocks still in time. */
    overdue: z
      .enum(['true', 'false'], fe('BOOLEAN'))
      .transform((v) => v === 'true')
      .optional(),
    /** Leads from one promotion event. */
    sourceEventId: Id.optional(),
    sort: LeadSort.default('-createdAt'),
  })
  .extend(PageParams.shape);

/**
 * How many leads match, counted on the first page only (no cursor): exact up to LEAD_COUNT_CAP, beyond that
 * `exact: false` and `count` is the cap ("1,000+"), so a count over a million leads never scans them all.
 * When every filter is a dimension of lead_rollup (and the reader's scope can be said in them) the count is the
 * rollup's exact sum, beyond the cap too (issue 12; leads service `countTotal`). A thousand, not ten thousand:
 * what the rollup cannot count (a search, the pool, overdue clocks, warnings) is counted row by row, ~1 µs a row
 * through two range conditions, and counting to 10,001 took 9–36 ms of a list that must answer in 20; nobody
 * pages to the thousandth lead, they narrow the filter.
 */
export const LEAD_COUNT_CAP = 1_000;
export const LeadTotal = z.object({ count: z.number().int(), exact: z.boolean() });
export const LeadPage = Page(Lead).extend({ total: LeadTotal.nullable() });

/**
 * 撞单 (409 LEAD_DUPLICATE, LEAD_DUPLICATE_OPEN, LEAD_DUPLICATE_SIGNED): the company is already a lead; `details`
 * names who holds it and until when, so the person can ask them, claim it from the pool later, or dispute it.
 */
export const DuplicateLeadDetails = z.object({
  reason: z.literal('duplicate'),
  duplicate: z.literal(true),
  leadId: Id,
  companyName: z.string(),
  ownerId: Id,
  ownerName: z.string(),
  protectionExpiresAt: z.string().nullable().describe("ISO instant the holder's protection lapses; null once signed"),
  stage: LeadStage,
  /** Signed (LEAD_DUPLICATE_SIGNED): the company's first project, where its new investment is registered (增资扩产). */
  projectId: Id.nullable().optional(),
  expansion: z.literal(true).optional(),
  /** Your report of the company, logged against the first one (首报); a dispute names it. Null when the holder is you. */
  laterReportId: Id.nullable().optional(),
});
export type DuplicateLeadDetails = z.output<typeof DuplicateLeadDetails>;
export const DuplicateLeadConflict = errorBodyOf(DuplicateLeadDetails);

export const StageBody = z
  .object({ stage: LeadStage, reason: OptionalText(500) })
  .refine((b) => b.stage !== 'lost' || !!b.reason, { ...fe('LOST_REASON'), path: ['reason'] });
/** Like every edit, a reassignment sends the version it read: of two managers reassigning at once, one gets 409. */
export const ReassignBody = z.object({
  ownerId: Id,
  version: z.number(fe('VERSION_NEEDED')).int(),
  note: OptionalText(500),
});

export const activityKinds = ['visit', 'inspection', 'call', 'meeting', 'event'] as const;
export const ActivityKind = z.enum(activityKinds, fe('ONE_OF', { values: activityKinds.join(', ') }));
/** A visit out (外出拜访) or an inspection visit in (来访考察) renews the owner's protection. */
export const protectingActivityKinds: readonly z.infer<typeof ActivityKind>[] = ['visit', 'inspection'];

export const Activity = z.object({
  id: Id,
  leadId: Id,
  kind: ActivityKind,
  occurredOn: z.string(),
  staffIds: z.array(Id),
  staffNames: z.array(z.string()),
  contactsMet: z.string().nullable(),
  location: z.string().nullable(),
  summary: z.string(),
  nextStep: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const CreateActivityBody = z
  .object({
    kind: ActivityKind,
    occurredOn: CalendarDate,
    staffIds: z.array(Id).max(20).default([]),
    contactsMet: OptionalText(500),
    location: OptionalText(200),
    summary: Text(4000),
    nextStep: OptionalText(500),
    nextFollowUpOn: CalendarDate.nullish(),
  })
  .refine((a) => !a.nextFollowUpOn || a.nextFollowUpOn >= a.occurredOn, {
    ...fe('NEXT_FOLLOW_UP_BEFORE'),
    path: ['nextFollowUpOn'],
  });

export const StageHistoryEntry = z.object({
  id: Id,
  fromStage: LeadStage.nullable(),
  toStage: LeadStage,
  reason: z.string().nullable(),
  changedBy: Id,
  changedByName: z.string(),
  changedAt: z.string(),
  /** When the lead left this stage (the next entry's time); null while it is still there. */
  leftAt: z.string().nullable(),
  /** Time spent in the stage, in hours (up to now for the current stage). */
  hoursInStage: z.number(),
});
