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
import type { LeadPage as LeadPageSchema, SavedView as SavedViewSchema, SavedViewFilters as SavedViewFiltersSchema, SearchResult as SearchResultSchema } from '@crm/shared';

/**
 * Types read off the shared zod schemas without importing zod here (zod is @crm/shared's dependency):
 * `Output` is what the API sends back, `Input` what we may send.
 */
export type Output<T> = T extends { _zod: { output: infer O } } ? O : never;
export type Input<T> = T extends { _zod: { input: infer I } } ? I : never;

export type Page<T> = { items: T[]; nextCursor: string | null };
export type Items<T> = { items: T[] };

export type SessionUser = Output<typeof SessionUserSchema>;
export type Role = SessionUser['roles'][number];
export type User = Output<typeof UserSchema>;
export type UserSummary = Output<typeof UserSummarySchema>;
export type CreateUserBody = Input<typeof CreateUserBodySchema>;
export type UpdateUserBody = Input<typeof UpdateUserBodySchema>;

export type Zone = Output<typeof ZoneSchema>;
export type ZoneLevel = Zone['level'];
export type CreateZoneBody = Input<typeof CreateZoneBodySchema>;
export type UpdateZoneBody = Input<typeof UpdateZoneBodySchema>;
export type Industry = Output<typeof IndustrySchema>;
export type ChainNode = Industry['chainNodes'][number];
export type ChainPosition = ChainNode['position'];
export type CreateIndustryBody = Input<typeof CreateIndustryBodySchema>;
export type UpdateIndustryBody = Input<typeof UpdateIndustryBodySchema>;
export type ChainNodeInput = Input<typeof ChainNodeInputSchema>;

export type Agent = Output<typeof AgentSchema>;
export type AgentKind = Agent['kind'];
export type AgentStatus = Agent['status'];
export type CreateAgentBody = Input<typeof CreateAgentBodySchema>;
export type UpdateAgentBody = Input<typeof UpdateAgentBodySchema>;

export type Lead = Output<typeof LeadSchema>;
export type LeadStage = Lead['stage'];
export type LeadChannel = Lead['channel'];
export type LeadListQuery = Input<typeof LeadListQuerySchema>;
export type LeadSort = NonNullable<LeadListQuery['sort']>;
export type CreateLeadBody = Input<typeof CreateLeadBodySchema>;
export type UpdateLeadBody = Input<typeof UpdateLeadBodySchema>;
export type StageBody = Input<typeof StageBodySchema>;
export type ReassignBody = Input<typeof ReassignBodySchema>;
export type StageHistoryEntry = Output<typeof StageHistoryEntrySchema>;
/** red: follow-up overdue or protection lapsed; yellow: protection lapses within 14 days; green otherwise. */
export type Warning = Lead['warning'];

export type Activity = Output<typeof ActivitySchema>;
export type ActivityKind = Activity['kind'];
export type CreateActivityBody = Input<typeof CreateActivityBodySchema>;

export type AuditEntry = Output<typeof AuditEntrySchema>;

export type Project = Output<typeof ProjectSchema>;
export type ProjectDetail = Output<typeof ProjectDetailSchema>;
export type ProjectMilestone = Project['currentMilestone'];
export type Figure = Output<typeof FigureSchema>;
export type FigureKind = Figure['kind'];
export type CreditSet = Output<typeof CreditSetSchema>;
export type CreditLine = CreditSet['credits'][number];
export type CreditRole = CreditLine['role'];
export type SignLeadBody = Input<typeof SignLeadBodySchema>;
export type MilestoneBody = Input<typeof MilestoneBodySchema>;
export type FigureBody = Input<typeof FigureBodySchema>;
export type CreditsBody = Input<typeof CreditsBodySchema>;

export type PipelineFilters = Input<typeof PipelineFiltersSchema>;
export type BoardColumn = Output<typeof BoardColumnSchema>;
export type BoardCard = BoardColumn['cards'][number];
export type LifecycleColumn = Output<typeof LifecycleColumnSchema>;
export type LifecycleCard = LifecycleColumn['projects'][number];
export type FunnelStep = Output<typeof FunnelStepSchema>;

/** The 409 body of a double claim (撞单): who holds the company and until when. */
export type DuplicateLeadDetails = {
  leadId: string;
  ownerId: string;
  ownerName: string;
  protectionExpiresAt: string | null;
  /** Sent by the API beside the contract's four fields. */
  stage?: LeadStage;
  /** Your report of the company, logged against the first one (首报); you may dispute with it. */
  laterReportId?: string | null;
  /** A signed company: its first project, where a new investment is registered as an expansion (增资扩产). */
  projectId?: string | null;
};

// ---- reward policies, calculations, payments, service fees, forecast (finance) ----
export type Policy = Output<typeof PolicySchema>;
export type PolicyVersion = Policy['versions'][number];
export type RewardKind = Policy['kind'];
export type CreatePolicyBody = Input<typeof CreatePolicyBodySchema>;
export type CreateVersionBody = Input<typeof CreateVersionBodySchema>;
/** A version's body as the API stores and returns it (`PolicyVersion.body` is typed unknown on the wire). */
export type RewardVersionJson = Output<typeof RewardVersionJsonSchema>;
export type TieredRewardVersionJson = Output<typeof TieredRewardVersionJsonSchema>;
export type RewardVersionInput = Input<typeof RewardVersionJsonSchema>;

export type Calculation = Output<typeof CalculationSchema>;
export type CalculationStatus = Calculation['status'];
export type RewardLine = Calculation['lines'][number];
export type ComputeRewardBody = Input<typeof ComputeRewardBodySchema>;
export type ComputeServiceFeeBody = Input<typeof ComputeServiceFeeBodySchema>;
export type DecisionBody = Input<typeof DecisionBodySchema>;
export type RejectBody = Input<typeof RejectBodySchema>;
export type PayBody = Input<typeof PayBodySchema>;
export type ServiceFeeContract = Output<typeof ServiceFeeContractSchema>;
export type CreateServiceFeeContractBody = Input<typeof CreateServiceFeeContractBodySchema>;
export type Forecast = Output<typeof ForecastSchema>;
export type ForecastRow = Forecast['rows'][number];
export type ProjectLedger = Output<typeof ProjectLedgerSchema>;
export type ProjectLedgerEntry = ProjectLedger['entries'][number];

// ---- performance (绩效考核), the managers' dashboard (驾驶舱), reports (月调度、季汇报) ----
export type Scheme = Output<typeof SchemeSchema>;
export type SchemeMetric = Scheme['metrics'][number];
export type PerformanceMetric = SchemeMetric['metric'];
export type CreateSchemeBody = Input<typeof CreateSchemeBodySchema>;
export type UpdateSchemeBody = Input<typeof UpdateSchemeBodySchema>;
export type Ranking = Output<typeof RankingSchema>;
export type RankingRow = Ranking['rows'][number];
export type BottomFlag = Output<typeof BottomFlagSchema>;
export type SavedPayPool = Output<typeof SavedPayPoolSchema>;
export type FlagSummary = NonNullable<RankingRow['flag']>;
export type MetricFigure = RankingRow['metrics'][number];
export type Restatement = Ranking['restatements'][number];
export type DrillItem = Output<typeof DrillItemSchema>;
export type PayPoolBody = Input<typeof PayPoolBodySchema>;
export type PayPool = Output<typeof PayPoolSchema>;
export type Dashboard = Output<typeof DashboardSchema>;
export type TrendMonth = Dashboard['trend'][number];
export type ZoneProgress = Dashboard['zones'][number];
export type ChainIndustry = Dashboard['chain'][number];
export type PerMuRow = Dashboard['perMu'][number];
export type ZoneTargetsBody = Input<typeof ZoneTargetsBodySchema>;
export type Report = Output<typeof ReportSchema>;
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
export type LeadClockDetail = Output<typeof LeadClockDetailSchema>;
export type JudgementBody = Input<typeof JudgementBodySchema>;
export type FeedbackBody = Input<typeof FeedbackBodySchema>;
export type OverdueSummary = Output<typeof OverdueSummarySchema>;
export type Timings = Output<typeof TimingsSchema>;
export type InboxMessage = Output<typeof NotificationSchema>;
export type LeadReports = Output<typeof LeadReportsSchema>;
export type Attachment = Output<typeof AttachmentSchema>;
export type PromotionEvent = Output<typeof PromotionEventSchema>;
export type EventDetail = Output<typeof EventDetailSchema>;
export type CreateEventBody = Input<typeof CreateEventBodySchema>;
export type UpdateEventBody = Input<typeof UpdateEventBodySchema>;
export type WeeklyReport = Output<typeof WeeklyReportSchema>;
export type WeeklyTeam = Output<typeof WeeklyTeamSchema>;

/** The leads list's page: its first page carries the bounded total. */
export type LeadPage = Output<typeof LeadPageSchema>;
export type LeadTotal = NonNullable<LeadPage['total']>;
export type SavedView = Output<typeof SavedViewSchema>;
export type SavedViewFilters = Output<typeof SavedViewFiltersSchema>;
export type SearchResult = Output<typeof SearchResultSchema>;
export type SearchHit = SearchResult['leads'][number];
import type { IndicatorSheet as IndicatorSheetSchema, IndicatorEntries as IndicatorEntriesSchema, LandYield as LandYieldSchema } from '@crm/shared';
export type IndicatorSheet = Output<typeof IndicatorSheetSchema>;
export type IndicatorZone = IndicatorSheet['zones'][number];
export type IndicatorRowT = IndicatorZone['rows'][number];
export type IndicatorEntries = Output<typeof IndicatorEntriesSchema>;
export type LandYield = Output<typeof LandYieldSchema>;
