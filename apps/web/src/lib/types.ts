import type {
  Activity as ActivitySchema,
  Agent as AgentSchema,
  AuditEntry as AuditEntrySchema,
  CreateActivityBody as CreateActivityBodySchema,
  CreateAgentBody as CreateAgentBodySchema,
  CreateIndustryBody as CreateIndustryBodySchema,
  CreateLeadBody as CreateLeadBodySchema,
  CreateUserBody as CreateUserBodySchema,
  CreateZoneBody as CreateZoneBodySchema,
  ChainNodeInput as ChainNodeInputSchema,
  Industry as IndustrySchema,
  Lead as LeadSchema,
  LeadListQuery as LeadListQuerySchema,
  ReassignBody as ReassignBodySchema,
  SessionUser as SessionUserSchema,
  StageBody as StageBodySchema,
  StageHistoryEntry as StageHistoryEntrySchema,
  UpdateAgentBody as UpdateAgentBodySchema,
  UpdateIndustryBody as UpdateIndustryBodySchema,
  UpdateLeadBody as UpdateLeadBodySchema,
  UpdateUserBody as UpdateUserBodySchema,
  UpdateZoneBody as UpdateZoneBodySchema,
  User as UserSchema,
  UserSummary as UserSummarySchema,
  Zone as ZoneSchema,
  BoardColumn as BoardColumnSchema,
  CreditSet as CreditSetSchema,
  CreditsBody as CreditsBodySchema,
  Figure as FigureSchema,
  FigureBody as FigureBodySchema,
  FunnelStep as FunnelStepSchema,
  LifecycleColumn as LifecycleColumnSchema,
  MilestoneBody as MilestoneBodySchema,
  PipelineFilters as PipelineFiltersSchema,
  Project as ProjectSchema,
  ProjectDetail as ProjectDetailSchema,
  SignLeadBody as SignLeadBodySchema,
} from '@crm/shared';

import type {
  Calculation as CalculationSchema,
  ComputeRewardBody as ComputeRewardBodySchema,
  ComputeServiceFeeBody as ComputeServiceFeeBodySchema,
  CreatePolicyBody as CreatePolicyBodySchema,
  CreateServiceFeeContractBody as CreateServiceFeeContractBodySchema,
  CreateVersionBody as CreateVersionBodySchema,
  DecisionBody as DecisionBodySchema,
  Forecast as ForecastSchema,
  ProjectLedger as ProjectLedgerSchema,
  PayBody as PayBodySchema,
  Policy as PolicySchema,
  RejectBody as RejectBodySchema,
  RewardVersionJson as RewardVersionJsonSchema,
  ServiceFeeContract as ServiceFeeContractSchema,
  TieredRewardVersionJson as TieredRewardVersionJsonSchema,
} from '@crm/shared';

import type {
  CreateSchemeBody as CreateSchemeBodySchema,
  Dashboard as DashboardSchema,
  DrillItem as DrillItemSchema,
  PayPool as PayPoolSchema,
  PayPoolBody as PayPoolBodySchema,
  BottomFlag as BottomFlagSchema,
  SavedPayPool as SavedPayPoolSchema,
  Ranking as RankingSchema,
  Report as ReportSchema,
  Scheme as SchemeSchema,
  UpdateSchemeBody as UpdateSchemeBodySchema,
  ZoneTargetsBody as ZoneTargetsBodySchema,
} from '@crm/shared';
import type {
  LeadPage as LeadPageSchema,
  SavedView as SavedViewSchema,
  SavedViewFilters as SavedViewFiltersSchema,
  SearchResult as SearchResultSchema,
} from '@crm/shared';

/**
 * Types read off the shared zod schemas (zod's public z.output / z.input; the import is type-only, nothing of zod is
 * bundled for it): `z.output` is what the API sends back, `z.input` what we may send.
 */
import type { Page as PageSchema } from '@crm/shared';
import type { z } from 'zod';

/** A keyset page of a list (@crm/shared `Page(item)`): the items and the cursor of the next page, null on the last. */
export type Page<T> = z.output<ReturnType<typeof PageSchema<z.ZodType<T>>>>;
export type Items<T> = { items: T[] };

export type SessionUser = z.output<typeof SessionUserSchema>;
export type Role = SessionUser['roles'][number];
export type User = z.output<typeof UserSchema>;
export type UserSummary = z.output<typeof UserSummarySchema>;
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;

export type Zone = z.output<typeof ZoneSchema>;
export type ZoneLevel = Zone['level'];
export type CreateZoneBody = z.input<typeof CreateZoneBodySchema>;
export type UpdateZoneBody = z.input<typeof UpdateZoneBodySchema>;
export type Industry = z.output<typeof IndustrySchema>;
export type ChainNode = Industry['chainNodes'][number];
export type ChainPosition = ChainNode['position'];
export type CreateIndustryBody = z.input<typeof CreateIndustryBodySchema>;
export type UpdateIndustryBody = z.input<typeof UpdateIndustryBodySchema>;
export type ChainNodeInput = z.input<typeof ChainNodeInputSchema>;

export type Agent = z.output<typeof AgentSchema>;
export type AgentKind = Agent['kind'];
export type AgentStatus = Agent['status'];
export type CreateAgentBody = z.input<typeof CreateAgentBodySchema>;
export type UpdateAgentBody = z.input<typeof UpdateAgentBodySchema>;

export type Lead = z.output<typeof LeadSchema>;
export type LeadStage = Lead['stage'];
export type LeadChannel = Lead['channel'];
export type LeadListQuery = z.input<typeof LeadListQuerySchema>;
export type LeadSort = NonNullable<LeadListQuery['sort']>;
export type CreateLeadBody = z.input<typeof CreateLeadBodySchema>;
export type UpdateLeadBody = z.input<typeof UpdateLeadBodySchema>;
export type StageBody = z.input<typeof StageBodySchema>;
export type ReassignBody = z.input<typeof ReassignBodySchema>;
export type StageHistoryEntry = z.output<typeof StageHistoryEntrySchema>;
/** red: follow-up overdue or protection lapsed; yellow: protection lapses within 14 days; green otherwise. */
export type Warning = Lead['warning'];

export type Activity = z.output<typeof ActivitySchema>;
export type ActivityKind = Activity['kind'];
export type CreateActivityBody = z.input<typeof CreateActivityBodySchema>;

export type AuditEntry = z.output<typeof AuditEntrySchema>;

export type Project = z.output<typeof ProjectSchema>;
export type ProjectDetail = z.output<typeof ProjectDetailSchema>;
export type ProjectMilestone = Project['currentMilestone'];
export type Figure = z.output<typeof FigureSchema>;
export type FigureKind = Figure['kind'];
export type CreditSet = z.output<typeof CreditSetSchema>;
export type CreditLine = CreditSet['credits'][number];
export type CreditRole = CreditLine['role'];
export type SignLeadBody = z.input<typeof SignLeadBodySchema>;
export type MilestoneBody = z.input<typeof MilestoneBodySchema>;
export type FigureBody = z.input<typeof FigureBodySchema>;
export type CreditsBody = z.input<typeof CreditsBodySchema>;

export type PipelineFilters = z.input<typeof PipelineFiltersSchema>;
export type BoardColumn = z.output<typeof BoardColumnSchema>;
export type BoardCard = BoardColumn['cards'][number];
export type LifecycleColumn = z.output<typeof LifecycleColumnSchema>;
export type LifecycleCard = LifecycleColumn['projects'][number];
export type FunnelStep = z.output<typeof FunnelStepSchema>;

// ---- reward policies, calculations, payments, service fees, forecast (finance) ----
export type Policy = z.output<typeof PolicySchema>;
export type PolicyVersion = Policy['versions'][number];
export type RewardKind = Policy['kind'];
export type CreatePolicyBody = z.input<typeof CreatePolicyBodySchema>;
export type CreateVersionBody = z.input<typeof CreateVersionBodySchema>;
/** A version's body as the API stores and returns it (`PolicyVersion.body` is typed unknown on the wire). */
export type RewardVersionJson = z.output<typeof RewardVersionJsonSchema>;
export type TieredRewardVersionJson = z.output<typeof TieredRewardVersionJsonSchema>;
export type RewardVersionInput = z.input<typeof RewardVersionJsonSchema>;

export type Calculation = z.output<typeof CalculationSchema>;
export type CalculationStatus = Calculation['status'];
export type RewardLine = Calculation['lines'][number];
export type ComputeRewardBody = z.input<typeof ComputeRewardBodySchema>;
export type ComputeServiceFeeBody = z.input<typeof ComputeServiceFeeBodySchema>;
export type DecisionBody = z.input<typeof DecisionBodySchema>;
export type RejectBody = z.input<typeof RejectBodySchema>;
export type PayBody = z.input<typeof PayBodySchema>;
export type ServiceFeeContract = z.output<typeof ServiceFeeContractSchema>;
export type CreateServiceFeeContractBody = z.input<typeof CreateServiceFeeContractBodySchema>;
export type Forecast = z.output<typeof ForecastSchema>;
export type ForecastRow = Forecast['rows'][number];
export type ProjectLedger = z.output<typeof ProjectLedgerSchema>;
export type ProjectLedgerEntry = ProjectLedger['entries'][number];

// ---- performance (绩效考核), the managers' dashboard (驾驶舱), reports (月调度、季汇报) ----
export type Scheme = z.output<typeof SchemeSchema>;
export type SchemeMetric = Scheme['metrics'][number];
export type PerformanceMetric = SchemeMetric['metric'];
export type CreateSchemeBody = z.input<typeof CreateSchemeBodySchema>;
export type UpdateSchemeBody = z.input<typeof UpdateSchemeBodySchema>;
export type Ranking = z.output<typeof RankingSchema>;
export type RankingRow = Ranking['rows'][number];
export type BottomFlag = z.output<typeof BottomFlagSchema>;
export type SavedPayPool = z.output<typeof SavedPayPoolSchema>;
export type FlagSummary = NonNullable<RankingRow['flag']>;
export type MetricFigure = RankingRow['metrics'][number];
export type Restatement = Ranking['restatements'][number];
export type DrillItem = z.output<typeof DrillItemSchema>;
export type PayPoolBody = z.input<typeof PayPoolBodySchema>;
export type PayPool = z.output<typeof PayPoolSchema>;
export type Dashboard = z.output<typeof DashboardSchema>;
export type TrendMonth = Dashboard['trend'][number];
export type ZoneProgress = Dashboard['zones'][number];
export type ChainIndustry = Dashboard['chain'][number];
export type PerMuRow = Dashboard['perMu'][number];
export type ZoneTargetsBody = z.input<typeof ZoneTargetsBodySchema>;
export type Report = z.output<typeof ReportSchema>;
export type ReportRow = Report['newLeads'][number];

// ---- the daily rhythm (issue 13): stage clocks, inbox, 首报/备案, 招商活动, 一周一报 ----
import type {
  Attachment as AttachmentSchema,
  CreateEventBody as CreateEventBodySchema,
  EventDetail as EventDetailSchema,
  FeedbackBody as FeedbackBodySchema,
  JudgementBody as JudgementBodySchema,
  LeadClockDetail as LeadClockDetailSchema,
  LeadReports as LeadReportsSchema,
  Notification as NotificationSchema,
  OverdueSummary as OverdueSummarySchema,
  PromotionEvent as PromotionEventSchema,
  Timings as TimingsSchema,
  UpdateEventBody as UpdateEventBodySchema,
  WeeklyReport as WeeklyReportSchema,
  WeeklyTeam as WeeklyTeamSchema,
} from '@crm/shared';

export type LeadClock = NonNullable<Lead['clock']>;
export type LeadClockDetail = z.output<typeof LeadClockDetailSchema>;
export type JudgementBody = z.input<typeof JudgementBodySchema>;
export type FeedbackBody = z.input<typeof FeedbackBodySchema>;
export type OverdueSummary = z.output<typeof OverdueSummarySchema>;
export type Timings = z.output<typeof TimingsSchema>;
export type InboxMessage = z.output<typeof NotificationSchema>;
export type LeadReports = z.output<typeof LeadReportsSchema>;
export type Attachment = z.output<typeof AttachmentSchema>;
export type PromotionEvent = z.output<typeof PromotionEventSchema>;
export type EventDetail = z.output<typeof EventDetailSchema>;
export type CreateEventBody = z.input<typeof CreateEventBodySchema>;
export type UpdateEventBody = z.input<typeof UpdateEventBodySchema>;
export type WeeklyReport = z.output<typeof WeeklyReportSchema>;
export type WeeklyTeam = z.output<typeof WeeklyTeamSchema>;

/** The leads list's page: its first page carries the bounded total. */
export type LeadPage = z.output<typeof LeadPageSchema>;
export type LeadTotal = NonNullable<LeadPage['total']>;
export type SavedView = z.output<typeof SavedViewSchema>;
export type SavedViewFilters = z.output<typeof SavedViewFiltersSchema>;
export type SearchResult = z.output<typeof SearchResultSchema>;
export type SearchHit = SearchResult['leads'][number];
import type { IndicatorSheet as IndicatorSheetSchema, IndicatorEntries as IndicatorEntriesSchema, LandYield as LandYieldSchema } from '@crm/shared';
export type IndicatorSheet = z.output<typeof IndicatorSheetSchema>;
export type IndicatorZone = IndicatorSheet['zones'][number];
export type IndicatorRowT = IndicatorZone['rows'][number];
export type IndicatorEntries = z.output<typeof IndicatorEntriesSchema>;
export type LandYield = z.output<typeof LandYieldSchema>;
