import { oneOf } from '../one-of.ts';
import { bottomFlagStatuses } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { zones } from './zones.ts';

export type SchemeMetric = { metric: string; weight: number; target: number };

// 绩效考核方案: metrics with weights summing to 100 and a target per staff member (or per team, shared out).
export const scoringSchemes = pgTable('scoring_schemes', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  targetMode: text().notNull().default('per_staff'), // per_staff | per_team
  // The period the targets are set for; scoring another period scales them (a month's target × 12 for a year).
  targetPeriod: text().notNull().default('month'), // month | quarter | year
  bottomPercent: integer().notNull().default(10),
  // 末位 due process: working days a flagged person has to appeal after the period is closed.
  appealWorkingDays: integer().notNull().default(5),
  metrics: jsonb().$type<SchemeMetric[]>().notNull(),
  // Per-staff target overrides: { [staffId]: { [metric]: target } }.
  staffTargets: jsonb().$type<Record<string, Record<string, number>>>().notNull().default({}),
  createdBy: uuid().notNull(),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
});

/**
 * A closed period: the ranking as reported to the committee, frozen. Later data changes never alter it; they
 * are shown beside it as restatements.
 */
export const performancePeriods = pgTable(
  'performance_periods',
  {
    id: uuid().primaryKey().defaultRandom(),
    schemeId: uuid()
      .notNull()
      .references(() => scoringSchemes.id),
    period: text().notNull(), // 2026-10 | 2026-Q3 | 2026
    snapshot: jsonb().notNull(),
    closedBy: uuid().notNull(),
    closedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [uniqueIndex('performance_periods_uq').on(t.schemeId, t.period)],
);

/**
 * A 末位 (bottom of the ranking) flag of a closed period, with its due process: pending while the flagged person
 * may appeal (until `appealBy`, in the zone's calendar), appealed until a manager decides, then upheld or lifted.
 * A pending flag whose window has passed is in effect (shown so; nothing needs to run at the deadline).
 */
export const bottomFlags = pgTable(
  'bottom_flags',
  {
    id: uuid().primaryKey().defaultRandom(),
    periodId: uuid()
      .notNull()
      .references(() => performancePeriods.id),
    staffId: uuid().notNull(),
    rank: integer().notNull(),
    scoreHundredths: integer().notNull(),
    status: text({ enum: bottomFlagStatuses }).notNull().default('pending'), // pending | appealed | upheld | lifted
    appealBy: text().notNull(), // YYYY-MM-DD, the last day an appeal is taken
    appealReason: text(),
    appealedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('bottom_flags_status_check', t.status, bottomFlagStatuses),
    uniqueIndex('bottom_flags_uq').on(t.periodId, t.staffId),
    index('bottom_flags_staff_idx').on(t.staffId),
  ],
);

/**
 * 绩效工资 (policy 三(三)): a zone's performance-pay pool for a closed period — base × the zone's grade (1–5), split by
 * the period's reported scores — saved as a draft, approved by someone other than its maker who gets none of it, and
 * filed (备案) by finance with the filing's reference. The split is kept as computed: approving signs these amounts.
 */
export const payPools = pgTable(
  'pay_pools',
  {
    id: uuid().primaryKey().defaultRandom(),
    periodId: uuid()
      .notNull()
      .references(() => performancePeriods.id),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    baseFen: bigint({ mode: 'number' }).notNull(),
    gradeMultiplier: integer().notNull(),
    poolFen: bigint({ mode: 'number' }).notNull(),
    parts: jsonb().$type<{ staffId: string; staffName: string; scoreHundredths: number; amountFen: number }[]>().notNull(),
    status: text().notNull().default('draft'), // draft | approved | filed
    makerId: uuid().notNull(),
    approvedBy: uuid(),
    approvedAt: timestamp({ withTimezone: true }),
    filedBy: uuid(),
    filedAt: timestamp({ withTimezone: true }),
    filingReference: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('pay_pools_uq').on(t.periodId, t.zoneId)],
);

// Zone targets for the managers' dashboard (policy 一(三): the 2025 goals), editable per year.
export const zoneTargets = pgTable(
  'zone_targets',
  {
    id: uuid().primaryKey().defaultRandom(),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    year: integer().notNull(),
    metric: text().notNull(), // signed_investment | fixed_asset_investment | annual_output | new_projects
    target: bigint({ mode: 'number' }).notNull(),
    note: text(),
    updatedBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('zone_targets_uq').on(t.zoneId, t.year, t.metric), index('zone_targets_year_idx').on(t.year)],
);
