import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Fen, Id, OptionalText, Text } from '../common/schemas.ts';
import { clockPhases } from './rules.ts';

export const ClockPhaseEnum = z.enum(clockPhases);
export const ClockStateEnum = z.enum([...clockPhases, 'done']);

/** A lead's clock as lists and pages show it. */
export const LeadClock = z.object({
  state: ClockStateEnum,
  startedAt: z.string().nullable(),
  /** The last day of the period, in the zone (the deadline is 24:00 of that day). */
  dueOn: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Whole hours past the deadline (0 while not overdue). */
  hoursLate: z.number().int(),
});
export type LeadClock = z.infer<typeof LeadClock>;

/** 研判 dimensions named by the rules: industry fit, market, technology, environment, energy, returns. */
export const judgementDimensions = ['industryFit', 'market', 'technology', 'environment', 'energy', 'returns'] as const;
export type JudgementDimension = (typeof judgementDimensions)[number];
export const judgementRatings = ['favourable', 'neutral', 'unfavourable'] as const;
export const JudgementRating = z.enum(judgementRatings, fe('ONE_OF', { values: judgementRatings.join(', ') }));
export const judgementDecisions = ['follow', 'decline'] as const;
export const JudgementDecision = z.enum(judgementDecisions, fe('FOLLOW_OR_DECLINE'));

const DimensionInput = z.object({ rating: JudgementRating, note: OptionalText(500) }, fe('RATE_DIMENSION'));
export const JudgementBody = z.object({
  dimensions: z.object(
    Object.fromEntries(judgementDimensions.map((d) => [d, DimensionInput])) as Record<JudgementDimension, typeof DimensionInput>,
    fe('RATE_EVERY_DIMENSION'),
  ),
  decision: JudgementDecision,
  reason: Text(1000),
  /** Outside experts were consulted (major projects may take a week for it). */
  expertReview: z.boolean().default(false),
});

export const Judgement = z.object({
  id: Id,
  leadId: Id,
  dimensions: z.record(z.string(), z.object({ rating: JudgementRating, note: z.string().nullish() })),
  decision: JudgementDecision,
  reason: z.string(),
  expertReview: z.boolean(),
  judgedBy: Id,
  judgedByName: z.string(),
  judgedAt: z.string(),
});
export type Judgement = z.infer<typeof Judgement>;

export const feedbackMethods = ['phone', 'visit', 'meeting', 'wechat', 'email', 'letter'] as const;
export const FeedbackMethod = z.enum(feedbackMethods, fe('ONE_OF', { values: feedbackMethods.join(', ') }));
export const feedbackRecipients = ['investor', 'referrer'] as const;
export const FeedbackBody = z.object({
  recipientKind: z.enum(feedbackRecipients, fe('INVESTOR_OR_REFERRER')),
  recipientName: Text(64),
  method: FeedbackMethod,
  givenOn: CalendarDate,
  summary: Text(1000),
});
export const Feedback = z.object({
  id: Id,
  leadId: Id,
  judgementId: Id,
  recipientKind: z.enum(feedbackRecipients),
  recipientName: z.string(),
  method: FeedbackMethod,
  givenOn: z.string(),
  summary: z.string(),
  givenBy: Id,
  givenByName: z.string(),
  createdAt: z.string(),
});

export const ClockHistoryEntry = z.object({
  id: Id,
  phase: ClockPhaseEnum,
  ownerId: Id,
  ownerName: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  metAt: z.string(),
  onTime: z.boolean(),
});

export const ClockRulesFields = z.object({
  respondDays: z
    .number()
    .int(fe('WHOLE_DAYS'))
    .min(1, fe('AT_LEAST_ONE_DAY'))
    .max(30, fe('AT_MOST_DAYS', { max: 30 })),
  judgeDays: z
    .number()
    .int(fe('WHOLE_DAYS'))
    .min(1, fe('AT_LEAST_ONE_DAY'))
    .max(60, fe('AT_MOST_DAYS', { max: 60 })),
  judgeMajorDays: z
    .number()
    .int(fe('WHOLE_DAYS'))
    .min(1, fe('AT_LEAST_ONE_DAY'))
    .max(90, fe('AT_MOST_DAYS', { max: 90 })),
  feedbackDays: z
    .number()
    .int(fe('WHOLE_DAYS'))
    .min(1, fe('AT_LEAST_ONE_DAY'))
    .max(60, fe('AT_MOST_DAYS', { max: 60 })),
  reportEveryDays: z
    .number()
    .int(fe('WHOLE_DAYS'))
    .min(1, fe('AT_LEAST_ONE_DAY'))
    .max(90, fe('AT_MOST_DAYS', { max: 90 })),
  majorThresholdFen: Fen,
});

export const webhookKinds = ['wecom', 'dingtalk'] as const;
export const WebhookUrl = z.url({ protocol: /^https?$/, ...fe('WEBHOOK_URL') }).max(500, fe('TOO_LONG', { max: 500 }));

export const ZoneClockRulesBody = ClockRulesFields.extend({
  managerId: Id.nullable().default(null),
  webhookKind: z.enum(webhookKinds, fe('ROBOT_KIND_VALUES')).nullable().default(null),
  /** Omit to keep the stored URL; null removes it. */
  webhookUrl: WebhookUrl.nullish(),
  /** 钉钉 加签 secret. Omit to keep; null removes. */
  webhookSecret: z.string().trim().max(200).nullish(),
  digestHour: z.number().int().min(0, fe('HOUR')).max(23, fe('HOUR')).default(9),
  /** The version read (omit when the zone still runs on the defaults). */
  version: z.number().int().optional(),
})
  .refine((b) => b.judgeMajorDays >= b.judgeDays, { ...fe('MAJOR_JUDGE_TIME'), path: ['judgeMajorDays'] })
  .refine((b) => !b.webhookUrl || !!b.webhookKind, { ...fe('ROBOT_KIND'), path: ['webhookKind'] });

export const ZoneClockRules = ClockRulesFields.extend({
  zoneId: Id,
  zoneName: z.string(),
  /** True when the zone has no rules of its own and runs on the defaults. */
  isDefault: z.boolean(),
  managerId: Id.nullable(),
  managerName: z.string().nullable(),
  webhook: z.object({
    kind: z.enum(webhookKinds).nullable(),
    configured: z.boolean(),
    /** The full URL for administrators; others see only its host (the key in it is a secret). */
    url: z.string().nullable(),
    secretSet: z.boolean(),
  }),
  digestHour: z.number().int(),
  version: z.number().int(),
});

export const CalendarDayBody = z.object({ working: z.boolean(fe('WORKING_DAY')), note: OptionalText(100) });
export const CalendarDay = z.object({ day: z.string(), working: z.boolean(), note: z.string().nullable() });
export const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const DayParams = z.object({ day: CalendarDate });

export const OverdueSummaryQuery = z.object({ zoneId: Id.optional() });
export const OverdueCounts = z.object({ running: z.number().int(), dueToday: z.number().int(), overdue: z.number().int(), escalated: z.number().int() });
export const OverdueSummary = z.object({
  asOf: z.string(),
  totals: OverdueCounts,
  byOwner: z.array(OverdueCounts.extend({ ownerId: Id, ownerName: z.string() })),
  byZone: z.array(OverdueCounts.extend({ zoneId: Id.nullable(), zoneName: z.string().nullable() })),
  byPhase: z.array(OverdueCounts.extend({ phase: ClockPhaseEnum })),
});

export const TimingsQuery = z.object({ from: CalendarDate, to: CalendarDate }).refine((q) => q.from <= q.to, { ...fe('FROM_AFTER_TO'), path: ['to'] });
export const TimingRow = z.object({
  ownerId: Id,
  ownerName: z.string(),
  /** Median hours from a lead's arrival (or hand-over) to the first response; null with no response in the period. */
  respondMedianHours: z.number().nullable(),
  /** Median hours from the response to the 研判. */
  judgeMedianHours: z.number().nullable(),
  met: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
});
export const Timings = z.object({ from: z.string(), to: z.string(), rows: z.array(TimingRow) });

export const LeadClockDetail = z.object({
  clock: LeadClock.nullable(),
  isMajor: z.boolean(),
  rules: ClockRulesFields,
  judgements: z.array(Judgement),
  feedbacks: z.array(Feedback),
  history: z.array(ClockHistoryEntry),
});
