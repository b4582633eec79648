import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Fen, FenSum, Id, OptionalText, PageParams, Text } from '../common/schemas.ts';
import { rewardKinds, rewardMilestones, RewardVersionJson, serviceFeePeriods } from '../rewards/types.ts';
import { type TraceKind, traceKinds } from '../rewards/trace.ts';

/** One step of a calculation's trace (issue 10). */
export const TraceStepSchema = z.object({
  kind: z.enum(traceKinds as [TraceKind, ...TraceKind[]]),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()).readonly()])),
  text: z.string(),
});

export const RewardKindEnum = z.enum(rewardKinds, fe('ONE_OF', { values: rewardKinds.join(', ') }));

export const PolicyVersion = z.object({
  id: Id,
  policyId: Id,
  versionNo: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  body: z.unknown(),
  note: z.string().nullable(),
  /** True once a calculation used it: it can no longer be replaced, only followed by a new version. */
  inUse: z.boolean(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: z.string(),
});
export const Policy = z.object({
  id: Id,
  name: z.string(),
  kind: RewardKindEnum,
  description: z.string().nullable(),
  versions: z.array(PolicyVersion),
  /** 公示 (issue 14): approved rewards above this amount are published before payment; null: never. */
  noticeThresholdFen: z.number().int().nullable(),
  noticeWorkingDays: z.number().int(),
  createdAt: z.string(),
});
export type Policy = z.infer<typeof Policy>;

export const CreatePolicyBody = z.object({
  name: Text(128),
  kind: RewardKindEnum,
  description: OptionalText(2000),
  /** The first version; more come through POST /api/policies/:id/versions. */
  version: RewardVersionJson.optional(),
  note: OptionalText(500),
  /** 公示 threshold in fen (default ¥50,000.00); null publishes nothing. */
  noticeThresholdFen: Fen.nullable().optional(),
  noticeWorkingDays: z
    .number(fe('WHOLE_NUMBER'))
    .int(fe('WHOLE_NUMBER'))
    .min(1, fe('AT_LEAST', { min: 1 }))
    .max(30, fe('AT_MOST', { max: 30 }))
    .optional(),
});
export const PolicyNoticeBody = z.object({
  noticeThresholdFen: Fen.nullable(),
  noticeWorkingDays: z
    .number(fe('WHOLE_NUMBER'))
    .int(fe('WHOLE_NUMBER'))
    .min(1, fe('AT_LEAST', { min: 1 }))
    .max(30, fe('AT_MOST', { max: 30 })),
});
export const CreateVersionBody = z.object({ version: RewardVersionJson, note: OptionalText(500) });

export const calculationStatuses = ['draft', 'submitted', 'approved', 'rejected', 'paid', 'superseded'] as const;
export const CalculationStatus = z.enum(calculationStatuses, fe('ONE_OF', { values: calculationStatuses.join(', ') }));

export const RewardLine = z.object({
  id: Id,
  payeeType: z.enum(['agent', 'staff']),
  payeeId: Id,
  payeeName: z.string(),
  shareBp: z.number().int().nullable(),
  amountFen: z.number().int(),
  alreadyPaidFen: z.number().int(),
  overpaymentFen: z.number().int(),
  payment: z.object({ paidOn: z.string(), reference: z.string(), paidBy: Id, paidByName: z.string() }).nullable(),
});

export const Calculation = z.object({
  id: Id,
  kind: RewardKindEnum,
  projectId: Id.nullable(),
  projectName: z.string().nullable(),
  contractId: Id.nullable(),
  contractTitle: z.string().nullable(),
  policyId: Id.nullable(),
  policyName: z.string().nullable(),
  versionId: Id.nullable(),
  versionNo: z.number().int().nullable(),
  milestone: z.string(),
  status: CalculationStatus,
  inputs: z.unknown(),
  /** The steps' English text, one line each (as before issue 10). */
  trace: z.array(z.string()),
  /** The same steps structured: kind + values (amounts in fen as digit strings, dates, keys), English text. */
  steps: z.array(TraceStepSchema),
  totalFen: z.number().int(),
  dueFen: z.number().int(),
  overpaymentFen: z.number().int(),
  lines: z.array(RewardLine),
  makerId: Id,
  makerName: z.string(),
  submittedAt: z.string().nullable(),
  checkerId: Id.nullable(),
  checkerName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** 公示: the notice window (working days in the zone), null when the amount was below the threshold. */
  noticeFrom: z.string().nullable(),
  noticeUntil: z.string().nullable(),
  supersedesId: Id.nullable(),
  supersededById: Id.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Calculation = z.infer<typeof Calculation>;

/** 公示异议 (issue 14). */
export const objectionStatuses = ['open', 'upheld', 'dismissed'] as const;
export const Objection = z.object({
  id: Id,
  calculationId: Id,
  raisedBy: Id,
  raisedByName: z.string(),
  reason: z.string(),
  status: z.enum(objectionStatuses),
  resolvedBy: Id.nullable(),
  resolvedByName: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Objection = z.infer<typeof Objection>;
/** A calculation's objections for its page, with the zone's today so the page tells an open window from an ended one. */
export const CalculationObjections = z.object({ items: z.array(Objection), today: z.string() });
export type CalculationObjections = z.infer<typeof CalculationObjections>;
export const ObjectionBody = z.object({ reason: Text(1000) });
export const ResolveObjectionBody = z.object({
  version: z.number().int(),
  outcome: z.enum(['upheld', 'dismissed'], fe('ONE_OF', { values: 'upheld, dismissed' })),
  resolution: Text(1000),
});
/** One item of the 公示 list: an approved reward in (or past) its notice window, with its objections. */
export const NoticeItem = z.object({
  calculationId: Id,
  projectId: Id.nullable(),
  projectName: z.string().nullable(),
  policyName: z.string().nullable(),
  milestone: z.string(),
  status: z.string(),
  dueFen: z.number().int(),
  payees: z.array(z.object({ payeeType: z.enum(['agent', 'staff']), payeeName: z.string(), amountFen: z.number().int() })),
  noticeFrom: z.string(),
  noticeUntil: z.string(),
  /** open: within the window; closed: the window has ended. */
  window: z.enum(['open', 'closed']),
  objections: z.array(Objection),
});
export type NoticeItem = z.infer<typeof NoticeItem>;
export const NoticeList = z.object({ items: z.array(NoticeItem), today: z.string() });

/** 追回 (issue 14): a paid amount flagged as overpaid and what has come back of it. */
export const Recovery = z.object({
  id: Id,
  paymentId: Id,
  calculationId: Id,
  projectId: Id.nullable(),
  projectName: z.string().nullable(),
  policyId: Id.nullable(),
  payeeType: z.enum(['agent', 'staff']),
  payeeId: Id,
  payeeName: z.string(),
  milestone: z.string(),
  paidFen: z.number().int(),
  owedFen: z.number().int(),
  recoveredFen: z.number().int(),
  outstandingFen: z.number().int(),
  reason: z.string(),
  status: z.enum(['open', 'settled']),
  flaggedBy: Id,
  flaggedByName: z.string(),
  instalments: z.array(z.object({ id: Id, amountFen: z.number().int(), receivedOn: z.string(), reference: z.string(), recordedByName: z.string() })),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Recovery = z.infer<typeof Recovery>;
export const FlagRecoveryBody = z.object({
  paymentId: Id,
  owedFen: Fen.refine((v) => v > 0, fe('MORE_THAN_ZERO')),
  reason: Text(1000),
});
export const RecoveryInstalmentBody = z.object({
  version: z.number().int(),
  amountFen: Fen.refine((v) => v > 0, fe('MORE_THAN_ZERO')),
  receivedOn: CalendarDate,
  reference: Text(128),
});

export const ComputeRewardBody = z.object({
  projectId: Id,
  policyId: Id,
  milestone: z.enum(rewardMilestones, fe('ONE_OF', { values: rewardMilestones.join(', ') })),
});
export const ComputeServiceFeeBody = z.object({
  contractId: Id,
  /** A calendar month (2026-10) or quarter (2026-Q4), matching the contract's period. */
  period: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2]|Q[1-4])$/, fe('MONTH_OR_QUARTER')),
});
export const DecisionBody = z.object({ version: z.number().int(), note: OptionalText(500) });
export const RejectBody = z.object({ version: z.number().int(), note: Text(500) });
export const PayBody = z.object({
  version: z.number().int(),
  paidOn: CalendarDate,
  reference: Text(128),
});
export const CalculationListQuery = z
  .object({
    status: CalculationStatus.optional(),
    kind: RewardKindEnum.optional(),
    projectId: Id.optional(),
  })
  .extend(PageParams.shape);

export const ServiceFeeContract = z.object({
  id: Id,
  agentId: Id,
  agentName: z.string(),
  title: z.string(),
  feeFen: z.number().int(),
  period: z.enum(serviceFeePeriods),
  startsOn: z.string(),
  endsOn: z.string(),
  createdAt: z.string(),
});
export const CreateServiceFeeContractBody = z
  .object({
    agentId: Id,
    title: Text(128),
    feeFen: Fen.refine((v) => v > 0, fe('MORE_THAN_ZERO')),
    period: z.enum(serviceFeePeriods, fe('FEE_PERIOD_KIND')),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
  })
  .refine((c) => c.endsOn >= c.startsOn, { ...fe('END_BEFORE_START'), path: ['endsOn'] });

export const ForecastRow = z.object({
  projectId: Id.nullable(),
  leadId: Id.nullable(),
  name: z.string(),
  stage: z.string(),
  policyId: Id,
  policyName: z.string(),
  basisFen: z.number().int(),
  /** The full reward on today's versions and the latest verified figures (the plan where none is verified). */
  totalFen: z.number().int(),
  /** Everything paid under the policy for the project, to whomever it went (the ledger). */
  paidFen: z.number().int(),
  remainingFen: z.number().int(),
  /** Paid beyond what the project is entitled to so far (a downward correction): flagged for recovery, 待追回. */
  recoveryFen: z.number().int(),
});
export const Forecast = z.object({
  rows: z.array(ForecastRow),
  /** Sums over every row, as decimal strings (they can pass a safe JSON integer). */
  totalRemainingFen: FenSum,
  signedRemainingFen: FenSum,
  pipelineRemainingFen: FenSum,
  recoveryFen: FenSum,
  /** Tracked recoveries (追回) not yet settled: what is still owed back, summed. */
  recoveriesOutstandingFen: FenSum,
  asOf: z.string(),
});

/** A project's reward ledger per policy (奖励台账): what is earned so far, what was paid to whom, what to recover. */
export const LedgerPaymentEntry = z.object({
  paymentId: Id,
  calculationId: Id,
  payeeType: z.enum(['agent', 'staff']),
  payeeId: Id,
  payeeName: z.string(),
  milestone: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  reference: z.string(),
});
export const ProjectLedgerEntry = z.object({
  policyId: Id,
  policyName: z.string(),
  kind: RewardKindEnum,
  /** The forecast's figures for this project and policy (null where the policy has no version in effect today). */
  totalFen: z.number().int().nullable(),
  entitledFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  remainingFen: z.number().int().nullable(),
  recoveryFen: z.number().int(),
  payments: z.array(LedgerPaymentEntry),
  /** Tracked recoveries of this ledger's payments (issue 14). */
  recoveries: z.array(Recovery),
  /** The open (draft, submitted or approved) calculation, at most one per project and policy. */
  openCalculation: z.object({ id: Id, status: CalculationStatus, milestone: z.string(), dueFen: z.number().int() }).nullable(),
});
export const ProjectLedger = z.object({ projectId: Id, entries: z.array(ProjectLedgerEntry), asOf: z.string() });
export type ProjectLedger = z.infer<typeof ProjectLedger>;
