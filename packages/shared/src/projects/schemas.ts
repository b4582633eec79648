import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Fen, FenSum, Id, OptionalText, PageParams, Text } from '../common/schemas.ts';
import { errorBodyOf } from '../errors.ts';
import { LeadChannel, LeadStage } from '../leads/schemas.ts';
import { CreditCode } from '../agents/schemas.ts';
import { rewardMilestones } from '../rewards/types.ts';

/** Project milestones in their fixed order (domain.md "Project"); land_acquired may be skipped. */
export const projectMilestones = rewardMilestones;
export const ProjectMilestone = z.enum(projectMilestones, fe('ONE_OF', { values: projectMilestones.join(', ') }));
export type ProjectMilestone = z.infer<typeof ProjectMilestone>;
export const optionalMilestones: readonly ProjectMilestone[] = ['land_acquired'];

/**
 * Reported figures, each verified by a manager before it counts. `contract_investment` is the signed contract's
 * amount: reported at signing and by any later edit, it moves money and ranks only once verified (issue 8).
 */
export const figureKinds = ['actual_fixed_asset_investment', 'actual_paid_in', 'annual_output', 'annual_tax', 'contract_investment'] as const;
export const FigureKind = z.enum(figureKinds, fe('ONE_OF', { values: figureKinds.join(', ') }));
export type FigureKind = z.infer<typeof FigureKind>;

/**
 * What a project is to its company: the first project (新建), or a later one of a company already here, linked to
 * the first — an expansion or capital increase (增资扩产) or a technical upgrade (技改). A later project's figures
 * are the increase only (issue 14).
 */
export const projectKinds = ['new', 'expansion', 'tech_upgrade'] as const;
export const ProjectKind = z.enum(projectKinds, fe('ONE_OF', { values: projectKinds.join(', ') }));
export type ProjectKind = z.infer<typeof ProjectKind>;
export const laterProjectKinds = ['expansion', 'tech_upgrade'] as const;

/** 项目公司 and the taxpayer whose figures are reported: names and their own unified social credit codes. */
export const ProjectCompanyFields = {
  projectCompanyName: OptionalText(200),
  projectCompanyCreditCode: CreditCode.nullish(),
  taxpayerName: OptionalText(200),
  taxpayerCreditCode: CreditCode.nullish(),
};

export const creditRoles = ['first_contact', 'owner', 'negotiator', 'service'] as const;
export const CreditRole = z.enum(creditRoles, fe('ONE_OF', { values: creditRoles.join(', ') }));

/** 亩 with at most two decimals, as a number (land is not money; it is stored exactly as numeric(12,2)). */
export const LandMu = z
  .number(fe('MU_NUMBER'))
  .min(0, fe('NEGATIVE'))
  .max(1_000_000, fe('TOO_LARGE'))
  .refine((v) => Math.round(v * 100) === Number((v * 100).toFixed(6)), fe('TWO_DECIMALS'));

/** 409 LEAD_ALREADY_SIGNED: the lead's project exists already; `details` names it (null when none was found). */
export const LeadAlreadySignedDetails = z.object({ projectId: Id.nullable() });
export type LeadAlreadySignedDetails = z.output<typeof LeadAlreadySignedDetails>;
export const LeadAlreadySignedConflict = errorBodyOf(LeadAlreadySignedDetails);

export const SignLeadBody = z.object({
  signedOn: CalendarDate,
  contractInvestmentFen: Fen.refine((v) => v > 0, fe('MORE_THAN_ZERO')),
  registeredCapitalFen: Fen.default(0),
  plannedFixedAssetInvestmentFen: Fen.default(0),
  landMu: LandMu.default(0),
  /** 用地批准日期 (issue 14: 批而未供 is approved land not yet supplied). */
  landApprovedOn: CalendarDate.nullish(),
  expectedAnnualOutputFen: Fen.default(0),
  expectedAnnualTaxFen: Fen.default(0),
  expectedJobs: z.number().int(fe('WHOLE_NUMBER')).min(0, fe('NEGATIVE')).max(1_000_000).default(0),
  zoneId: Id,
  parkId: Id.nullish(),
  industryId: Id,
  chainNodeId: Id.nullish(),
  agentId: Id.nullish(),
  notes: OptionalText(2000),
  ...ProjectCompanyFields,
});

/**
 * 登记增资扩产: a later project of a company already here. Every amount is the increase (the new money), never the
 * company's total; zone and industry default to the first project's.
 */
export const ExpansionBody = SignLeadBody.extend({
  kind: z.enum(laterProjectKinds, fe('ONE_OF', { values: laterProjectKinds.join(', ') })),
  name: OptionalText(200),
  zoneId: Id.optional(),
  industryId: Id.optional(),
});

/** A move of a project's credit to another zone (manager): the reason is kept with the history. */
export const ZoneTransferBody = z.object({ zoneId: Id, parkId: Id.nullish(), reason: Text(500), version: z.number(fe('VERSION_NEEDED')).int() });
export const ZoneTransfer = z.object({
  id: Id,
  fromZoneId: Id,
  fromZoneName: z.string(),
  toZoneId: Id,
  toZoneName: z.string(),
  reason: z.string(),
  transferredBy: Id,
  transferredByName: z.string(),
  transferredAt: z.string(),
});

export const MilestoneEntry = z.object({
  milestone: ProjectMilestone,
  reachedOn: z.string(),
  recordedBy: Id,
  recordedByName: z.string(),
  note: z.string().nullable(),
});
export const Figure = z.object({
  id: Id,
  kind: FigureKind,
  amountFen: z.number().int(),
  asOf: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  reportedBy: Id,
  reportedByName: z.string(),
  reportedAt: z.string(),
  verified: z.boolean(),
  verifiedBy: Id.nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type Figure = z.infer<typeof Figure>;
export const CreditLine = z.object({ staffId: Id, staffName: z.string(), role: CreditRole, shareBp: z.number().int() });
export const CreditSet = z.object({
  id: Id,
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  note: z.string().nullable(),
  isCurrent: z.boolean(),
  setBy: Id,
  setByName: z.string(),
  setAt: z.string(),
  credits: z.array(CreditLine),
});

/**
 * Per-mu figures (亩产论英雄, policy 二(四)3): fen per 亩 of the latest verified annual output and tax, as decimal
 * strings — an amount within bounds over 0.01 亩 is 100 times the amount, beyond a safe JSON integer.
 */
export const PerMu = z.object({ outputFenPerMu: FenSum.nullable(), taxFenPerMu: FenSum.nullable() });

export const Project = z.object({
  id: Id,
  leadId: Id,
  name: z.string(),
  /** The contract investment as last reported (at signing or by an edit). */
  contractInvestmentFen: z.number().int(),
  /** The contract investment a manager verified: what rewards and rankings use; null until one is verified. */
  verifiedContractInvestmentFen: z.number().int().nullable(),
  /** True while a reported contract investment waits for a manager's verification (shown as 待核实). */
  contractInvestmentPending: z.boolean(),
  registeredCapitalFen: z.number().int(),
  plannedFixedAssetInvestmentFen: z.number().int(),
  landMu: z.number(),
  landApprovedOn: z.string().nullable(),
  expectedAnnualOutputFen: z.number().int(),
  expectedAnnualTaxFen: z.number().int(),
  expectedJobs: z.number().int(),
  zoneId: Id,
  zoneName: z.string(),
  parkId: Id.nullable(),
  parkName: z.string().nullable(),
  industryId: Id,
  industryName: z.string(),
  chainNodeId: Id.nullable(),
  chainNodeName: z.string().nullable(),
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string(),
  signedOn: z.string(),
  currentMilestone: ProjectMilestone,
  notes: z.string().nullable(),
  kind: ProjectKind,
  /** The company's first project when this one is an expansion or upgrade of a company already here. */
  parentProjectId: Id.nullable(),
  projectCompanyName: z.string().nullable(),
  projectCompanyCreditCode: z.string().nullable(),
  taxpayerName: z.string().nullable(),
  taxpayerCreditCode: z.string().nullable(),
  perMu: PerMu,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;
export const ProjectDetail = Project.extend({
  milestones: z.array(MilestoneEntry),
  figures: z.array(Figure),
  credits: CreditSet.nullable(),
  /** The first project (for a later one) and the company's later projects (for the first), each with its own amount. */
  parent: z.object({ id: Id, name: z.string() }).nullable(),
  expansions: z.array(
    z.object({ id: Id, name: z.string(), kind: ProjectKind, signedOn: z.string(), contractInvestmentFen: z.number().int(), zoneName: z.string() }),
  ),
  transfers: z.array(ZoneTransfer),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const UpdateProjectBody = z.object({
  version: z.number(fe('VERSION_NEEDED')).int(),
  contractInvestmentFen: Fen.optional(),
  registeredCapitalFen: Fen.optional(),
  plannedFixedAssetInvestmentFen: Fen.optional(),
  landMu: LandMu.optional(),
  landApprovedOn: CalendarDate.nullish(),
  expectedAnnualOutputFen: Fen.optional(),
  expectedAnnualTaxFen: Fen.optional(),
  expectedJobs: z.number().int().min(0).max(1_000_000).optional(),
  parkId: Id.nullish(),
  chainNodeId: Id.nullish(),
  notes: OptionalText(2000),
  ...ProjectCompanyFields,
});

export const MilestoneBody = z.object({ milestone: ProjectMilestone, date: CalendarDate, note: OptionalText(500) });
export const FigureBody = z.object({ kind: FigureKind, amountFen: Fen, asOf: CalendarDate, source: OptionalText(200), note: OptionalText(500) });
export const FigureParams = z.object({ id: Id, figureId: Id });
export const CreditsBody = z.object({
  credits: z
    .array(z.object({ staffId: Id, role: CreditRole, shareBp: z.number().int(fe('BP_WHOLE_SHORT')).min(1, fe('SHARE_AT_LEAST_ONE')).max(10000) }))
    .min(1, fe('AT_LEAST_ONE_CREDIT'))
    .max(20),
  agentId: Id.nullish(),
  note: OptionalText(500),
});

export const ProjectListQuery = z
  .object({
    q: z.string().trim().max(128).optional(),
    milestone: ProjectMilestone.optional(),
    zoneId: Id.optional(),
    industryId: Id.optional(),
    ownerId: Id.optional(),
    kind: ProjectKind.optional(),
  })
  .extend(PageParams.shape);

// Boards and the funnel.
export const PipelineFilters = z.object({
  zoneId: Id.optional(),
  channel: LeadChannel.optional(),
  industryId: Id.optional(),
  ownerId: Id.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});
export const BoardColumn = z.object({
  stage: LeadStage,
  count: z.number().int(),
  /** The column's sum: a decimal string (a sum of many amounts can pass a safe JSON integer). */
  estimatedInvestmentFen: FenSum,
  cards: z.array(
    z.object({
      id: Id,
      companyName: z.string(),
      ownerName: z.string(),
      estimatedInvestmentFen: z.number().int(),
      warning: z.enum(['red', 'yellow', 'green']),
      stageChangedAt: z.string(),
      nextFollowUpOn: z.string().nullable(),
    }),
  ),
});
export const LifecycleColumn = z.object({
  milestone: ProjectMilestone,
  count: z.number().int(),
  /** The column's sum, as a decimal string. */
  contractInvestmentFen: FenSum,
  projects: z.array(
    z.object({
      id: Id,
      name: z.string(),
      zoneName: z.string(),
      contractInvestmentFen: z.number().int(),
      landMu: z.number(),
      perMu: PerMu,
      reachedOn: z.string(),
    }),
  ),
});
export const funnelSteps = ['leads', 'contacted', 'visited', 'negotiating', 'signed', 'construction', 'production'] as const;
export const FunnelStep = z.object({
  step: z.enum(funnelSteps),
  count: z.number().int(),
  /** The step's sum, as a decimal string. */
  investmentFen: FenSum,
  /** count / previous step's count, in basis points; null for the first step or when the previous is 0. */
  conversionBp: z.number().int().nullable(),
  /** count / leads, in basis points. */
  overallBp: z.number().int().nullable(),
});
export const Funnel = z.object({ steps: z.array(FunnelStep), filters: PipelineFilters });
