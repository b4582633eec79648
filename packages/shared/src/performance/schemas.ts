import { fe, fieldText } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { BoundedTarget, Fen, FenSum, Id, Text } from '../common/schemas.ts';
import { performanceMetrics } from './scoring.ts';

/** A month (2026-10), a quarter (2026-Q3) or a year (2026). */
export const PeriodKey = z.string().regex(/^20\d{2}(-(0[1-9]|1[0-2]|Q[1-4]))?$/, fe('MONTH_QUARTER_YEAR'));

export const PerformanceMetricEnum = z.enum(performanceMetrics, fe('ONE_OF', { values: performanceMetrics.join(', ') }));

export const SchemeMetric = z.object({
  metric: PerformanceMetricEnum,
  weight: z
    .number()
    .int(fe('WHOLE_NUMBER'))
    .min(1, fe('AT_LEAST', { min: 1 }))
    .max(100),
  /** Per staff member (or the team's total when the scheme's targets are per team). Fen for investment metrics. */
  target: BoundedTarget,
});

const metricsField = z
  .array(SchemeMetric)
  .min(1, fe('AT_LEAST_ONE_METRIC'))
  .max(performanceMetrics.length)
  .superRefine((ms, ctx) => {
    const sum = ms.reduce((s, m) => s + m.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: fieldText('WEIGHTS_SUM', { sum }) });
    const names = ms.map((m) => m.metric);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: fieldText('METRIC_TWICE') });
  });

const schemeFields = {
  name: Text(64),
  targetMode: z.enum(['per_staff', 'per_team'], fe('PER_STAFF_OR_TEAM')),
  /** The period the targets are set for; other periods scale them (month × 3 = quarter, × 12 = year). */
  targetPeriod: z.enum(['month', 'quarter', 'year'], fe('PERIOD_KIND')),
  bottomPercent: z
    .number()
    .int()
    .min(0)
    .max(50, fe('AT_MOST_PERCENT', { max: 50 })),
  /** 末位 due process: working days a flagged person has to appeal once the period is closed. */
  appealWorkingDays: z
    .number()
    .int()
    .min(1, fe('AT_LEAST', { min: 1 }))
    .max(30, fe('TOO_BIG', { max: 30 })),
  metrics: metricsField,
  /** Per-person targets that replace the scheme's target for one staff member and metric. */
  staffTargets: z.record(Id, z.partialRecord(PerformanceMetricEnum, BoundedTarget)),
};
export const CreateSchemeBody = z.object({
  ...schemeFields,
  targetMode: schemeFields.targetMode.default('per_staff'),
  targetPeriod: schemeFields.targetPeriod.default('month'),
  bottomPercent: schemeFields.bottomPercent.default(10),
  appealWorkingDays: schemeFields.appealWorkingDays.default(5),
  staffTargets: schemeFields.staffTargets.default({}),
});
/** A PATCH changes only the fields sent: no defaults here, so a field left out keeps its value (issue 8). */
export const UpdateSchemeBody = z.object({
  version: z.number().int(),
  name: schemeFields.name.optional(),
  targetMode: schemeFields.targetMode.optional(),
  targetPeriod: schemeFields.targetPeriod.optional(),
  bottomPercent: schemeFields.bottomPercent.optional(),
  appealWorkingDays: schemeFields.appealWorkingDays.optional(),
  metrics: schemeFields.metrics.optional(),
  staffTargets: schemeFields.staffTargets.optional(),
});

export const Scheme = z.object({
  id: Id,
  name: z.string(),
  targetMode: z.enum(['per_staff', 'per_team']),
  targetPeriod: z.enum(['month', 'quarter', 'year']),
  bottomPercent: z.number().int(),
  appealWorkingDays: z.number().int(),
  metrics: z.array(SchemeMetric),
  staffTargets: z.record(z.string(), z.record(z.string(), z.number())),
  version: z.number().int(),
  createdAt: z.string(),
});

/** A figure as shown: counts (credit shares as decimals, 1.6667) as numbers; investment as a decimal string of fen. */
export const MetricActual = z.union([z.number(), FenSum]);
export const MetricFigure = z.object({
  metric: PerformanceMetricEnum,
  /** Counts with credit shares as decimals (1.6667); investment as fen in a decimal string (a sum can pass 2^53). */
  actual: MetricActual,
  target: z.number(),
  weight: z.number().int(),
  /** min(actual/target, 1.5) in basis points. */
  ratioBp: z.number().int(),
});
export const RankingRow = z.object({
  staffId: Id,
  staffName: z.string(),
  metrics: z.array(MetricFigure),
  /** Score in hundredths of a point (8333 = 83.33). */
  scoreHundredths: z.number().int(),
  rank: z.number().int(),
  bottom: z.boolean(),
  /** On a closed period, the 末位 flag's due process (absent on open periods and periods closed before appeals). */
  flag: z.lazy(() => FlagSummary).optional(),
});
export const Restatement = z.object({ staffId: Id, staffName: z.string(), metric: z.string(), reported: MetricActual, current: MetricActual });
export const Ranking = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  scheme: z.object({ id: Id, name: z.string(), bottomPercent: z.number().int() }),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  staffCount: z.number().int(),
  rows: z.array(RankingRow),
  /** For a closed period: figures that changed since it was reported (never silently applied). */
  restatements: z.array(Restatement),
});
export const PerformanceQuery = z.object({ period: PeriodKey, schemeId: Id });
export const DrillQuery = PerformanceQuery.extend({ staffId: Id, metric: PerformanceMetricEnum });
export const DrillItem = z.object({
  type: z.enum(['lead', 'activity', 'project']),
  id: Id,
  leadId: Id.nullable(),
  projectId: Id.nullable(),
  title: z.string(),
  date: z.string(),
  /** The credit share that counted (bp), for project metrics. */
  shareBp: z.number().int().nullable(),
  /** For projects: the verified contract investment that counts (null until verified). */
  amountFen: z.number().int().nullable(),
  /** A reported contract investment still waiting for verification: shown as pending, never counted. */
  pendingAmountFen: z.number().int().nullable(),
});
export const PayPoolBody = z.object({
  period: PeriodKey,
  schemeId: Id,
  baseFen: Fen,
  gradeMultiplier: z.number().int().min(1, fe('GRADE_MULTIPLIER')).max(5, fe('GRADE_MULTIPLIER')),
});
export const PayPool = z.object({
  poolFen: z.number().int(),
  baseFen: z.number().int(),
  gradeMultiplier: z.number().int(),
  parts: z.array(z.object({ staffId: Id, staffName: z.string(), scoreHundredths: z.number().int(), amountFen: z.number().int() })),
});

/**
 * 末位 due process (policy 二(一)2): a flag of a closed period is pending while its person may appeal, appealed until
 * a manager decides, then upheld or lifted; a pending flag past its window is in effect. `effective` says whether it
 * counts now.
 */
export const bottomFlagStatuses = ['pending', 'appealed', 'upheld', 'lifted', 'effective'] as const;
export const BottomFlagStatus = z.enum(bottomFlagStatuses);
export const FlagSummary = z.object({
  id: Id,
  status: BottomFlagStatus,
  appealBy: z.string(),
  effective: z.boolean(),
  version: z.number().int(),
});
export const BottomFlag = FlagSummary.extend({
  periodId: Id,
  period: z.string(),
  schemeId: Id,
  schemeName: z.string(),
  staffId: Id,
  staffName: z.string(),
  rank: z.number().int(),
  scoreHundredths: z.number().int(),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type BottomFlag = z.infer<typeof BottomFlag>;
export const BottomFlagQuery = z.object({
  schemeId: Id.optional(),
  period: PeriodKey.optional(),
  /** Only flags waiting for a manager's decision. */
  awaitingDecision: z
    .enum(['true', 'false'], fe('BOOLEAN'))
    .transform((v) => v === 'true')
    .optional(),
});
export const AppealBody = z.object({ version: z.number().int(), reason: Text(2000) });
export const DecideAppealBody = z.object({
  version: z.number().int(),
  outcome: z.enum(['uphold', 'lift'], fe('ONE_OF', { values: 'uphold, lift' })),
  note: Text(2000),
});

/** A zone's performance-pay pool saved for a closed period: draft → approved (by another, not a payee) → filed. */
export const SavePayPoolBody = PayPoolBody.extend({ zoneId: Id });
export const PayPoolStatus = z.enum(['draft', 'approved', 'filed']);
export const SavedPayPool = PayPool.extend({
  id: Id,
  period: z.string(),
  schemeId: Id,
  zoneId: Id,
  zoneName: z.string(),
  status: PayPoolStatus,
  makerName: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  filedByName: z.string().nullable(),
  filedAt: z.string().nullable(),
  filingReference: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type SavedPayPool = z.infer<typeof SavedPayPool>;
export const PayPoolListQuery = PerformanceQuery;
export const PayPoolVersionBody = z.object({ version: z.number().int() });
export const FilePayPoolBody = z.object({ version: z.number().int(), reference: Text(64) });
