import { oneOf } from '../one-of.ts';
import { calculationStatuses, objectionStatuses, rewardKinds } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { projects } from './projects.ts';
import { users } from './users.ts';

// 奖励政策: a policy has versions; a version is never edited once written (a change is a new version).
export const rewardPolicies = pgTable(
  'reward_policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    kind: text({ enum: rewardKinds }).notNull(), // agent_reward | staff_incentive | service_fee
    description: text(),
    // 公示 (issue 14): an approved reward above the threshold is published for so many working days before it may be
    // paid. Null threshold: no notice. The window is fixed on the calculation when it is approved.
    noticeThresholdFen: bigint({ mode: 'number' }).default(5_000_000),
    noticeWorkingDays: integer().notNull().default(5),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [oneOf('reward_policies_kind_check', t.kind, rewardKinds)],
);

export const rewardPolicyVersions = pgTable(
  'reward_policy_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    policyId: uuid()
      .notNull()
      .references(() => rewardPolicies.id),
    versionNo: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    // The version as the engine reads it (RewardVersionJson): tiers, threshold, multipliers, cap, installments.
    body: jsonb().notNull(),
    note: text(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [uniqueIndex('reward_policy_versions_no_uq').on(t.policyId, t.versionNo)],
);

// 购买招商服务: a fee per month or quarter paid to an agent between two dates.
export const serviceFeeContracts = pgTable(
  'service_fee_contracts',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid()
      .notNull()
      .references(() => agents.id),
    title: text().notNull(),
    feeFen: bigint({ mode: 'number' }).notNull(),
    period: text().notNull(), // month | quarter
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [index('service_fee_contracts_agent_idx').on(t.agentId)],
);

/**
 * 奖励核算: one calculation for a (project, policy, milestone) — or a (service-fee contract, period) — with its
 * inputs frozen and a readable trace. Never edited after submission and never deleted: a correction is a new
 * calculation that supersedes this one.
 */
export const rewardCalculations = pgTable(
  'reward_calculations',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: rewardKinds }).notNull(), // agent_reward | staff_incentive | service_fee
    projectId: uuid().references(() => projects.id),
    contractId: uuid().references(() => serviceFeeContracts.id),
    policyId: uuid().references(() => rewardPolicies.id),
    versionId: uuid().references(() => rewardPolicyVersions.id),
    // The milestone for rewards; the period key (2026-10 or 2026-Q4) for service fees.
    // The milestone for rewards, the period ('2026-11', '2026-Q4') for service fees: not one list, so not checked.
    milestone: text().notNull(),
    status: text({ enum: calculationStatuses }).notNull().default('draft'), // draft | submitted | approved | rejected | paid | superseded
    inputs: jsonb().notNull(),
    /** Structured steps ({ kind, values, text }); rows written before issue 10 hold English lines (strings). */
    trace: jsonb().$type<(string | { kind: string; values: Record<string, unknown>; text: string })[]>().notNull(),
    totalFen: bigint({ mode: 'number' }).notNull(),
    dueFen: bigint({ mode: 'number' }).notNull(),
    overpaymentFen: bigint({ mode: 'number' }).notNull().default(0),
    makerId: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    checkerId: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    /** 公示: the last day of the public notice (null: the amount was below the threshold, no notice). */
    noticeFrom: date({ mode: 'string' }),
    noticeUntil: date({ mode: 'string' }),
    supersedesId: uuid(),
    supersededById: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('reward_calculations_status_check', t.status, calculationStatuses),
    oneOf('reward_calculations_kind_check', t.kind, rewardKinds),
    index('reward_calculations_status_idx').on(t.status, t.createdAt),
    index('reward_calculations_project_idx').on(t.projectId, t.policyId, t.milestone),
    // At most one live (not superseded, not rejected) calculation per subject and milestone.
    uniqueIndex('reward_calculations_live_uq')
      .on(sql`coalesce(${t.projectId}, ${t.contractId})`, sql`coalesce(${t.policyId}, ${t.contractId})`, t.milestone)
      .where(sql`${t.status} in ('draft', 'submitted', 'approved', 'paid')`),
  ],
);

/** The payees of a calculation and their amounts: the agent, the credited staff (largest remainder), or the service agent. */
export const rewardLines = pgTable(
  'reward_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    calculationId: uuid()
      .notNull()
      .references(() => rewardCalculations.id),
    payeeType: text().notNull(), // agent | staff
    payeeId: uuid().notNull(),
    payeeName: text().notNull(),
    shareBp: integer(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    alreadyPaidFen: bigint({ mode: 'number' }).notNull().default(0),
    overpaymentFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [index('reward_lines_calc_idx').on(t.calculationId)],
);

/**
 * 奖励台账: one row per (project, policy) — or (service-fee contract, contract) — that money has been computed
 * under. It holds no money itself: it is the lock. Computing and paying take `select … for update` on it, so
 * re-reading what was paid and writing a payment happen inside one lock for the whole ledger (issue 8), the same
 * way on PGlite and on a server Postgres.
 */
export const rewardLedgers = pgTable(
  'reward_ledgers',
  {
    subjectId: uuid().notNull(), // project or service-fee contract
    policyKey: uuid().notNull(), // policy, or the contract for service fees
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.policyKey] })],
);

/**
 * Money moves here, once: the unique key (subject, policy, payee, milestone) refuses a second payment
 * whatever the application does, even when two people press "paid" at the same moment.
 */
export const rewardPayments = pgTable(
  'reward_payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    calculationId: uuid()
      .notNull()
      .references(() => rewardCalculations.id),
    lineId: uuid()
      .notNull()
      .references(() => rewardLines.id),
    subjectId: uuid().notNull(), // project or service-fee contract
    policyKey: uuid().notNull(), // policy, or the contract for service fees
    payeeType: text().notNull(),
    payeeId: uuid().notNull(),
    milestone: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date({ mode: 'string' }).notNull(),
    reference: text().notNull(),
    paidBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  // The unique key starts with (subject, policy): it also serves the ledger's sum of what was paid.
  (t) => [
    uniqueIndex('reward_payments_once_uq').on(t.subjectId, t.policyKey, t.payeeType, t.payeeId, t.milestone),
    index('reward_payments_paid_idx').on(t.paidOn),
  ],
);

/** 公示异议: an objection anyone signed in may raise during a calculation's notice; a manager upholds or dismisses it. */
export const rewardObjections = pgTable(
  'reward_objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    calculationId: uuid()
      .notNull()
      .references(() => rewardCalculations.id),
    raisedBy: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    status: text({ enum: objectionStatuses }).notNull().default('open'), // open | upheld | dismissed
    resolvedBy: uuid().references(() => users.id),
    resolution: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [oneOf('reward_objections_status_check', t.status, objectionStatuses), index('reward_objections_calc_idx').on(t.calculationId, t.status)],
);

/** 追回: a paid amount flagged as overpaid, tracked until what is owed has come back. */
export const rewardRecoveries = pgTable(
  'reward_recoveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    paymentId: uuid()
      .notNull()
      .references(() => rewardPayments.id),
    calculationId: uuid()
      .notNull()
      .references(() => rewardCalculations.id),
    subjectId: uuid().notNull(),
    policyKey: uuid().notNull(),
    payeeType: text().notNull(),
    payeeId: uuid().notNull(),
    owedFen: bigint({ mode: 'number' }).notNull(),
    recoveredFen: bigint({ mode: 'number' }).notNull().default(0),
    reason: text().notNull(),
    status: text().notNull().default('open'), // open | settled
    flaggedBy: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [index('reward_recoveries_subject_idx').on(t.subjectId, t.policyKey), index('reward_recoveries_payment_idx').on(t.paymentId)],
);

export const rewardRecoveryInstalments = pgTable(
  'reward_recovery_instalments',
  {
    id: uuid().primaryKey().defaultRandom(),
    recoveryId: uuid()
      .notNull()
      .references(() => rewardRecoveries.id),
    amountFen: bigint({ mode: 'number' }).notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    reference: text().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [index('reward_recovery_instalments_recovery_idx').on(t.recoveryId)],
);
