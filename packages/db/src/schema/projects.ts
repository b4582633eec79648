import { oneOf } from '../one-of.ts';
// A project's milestones are the reward milestones (the shared list is exported under both names).
import { approvalStatuses, creditRoles, figureKinds, projectKinds, rewardMilestones } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid, boolean, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { leads } from './leads.ts';
import { users } from './users.ts';
import { chainNodes, industries, parks, zones } from './zones.ts';

// 项目: created when a lead is signed (domain.md "Project").
export const projects = pgTable(
  'projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    name: text().notNull(),
    // As last reported (at signing or by an edit); shown, and counted in the pipeline's descriptive sums.
    contractInvestmentFen: bigint({ mode: 'number' }).notNull(),
    // As a manager verified it (the newest verified contract_investment figure): the only one that moves money or
    // ranks people (issue 8). Null until verified; kept with the figure's verification in one transaction.
    verifiedContractInvestmentFen: bigint({ mode: 'number' }),
    registeredCapitalFen: bigint({ mode: 'number' }).notNull().default(0),
    plannedFixedAssetInvestmentFen: bigint({ mode: 'number' }).notNull().default(0),
    // 亩, two decimals; numeric so 120.55 亩 stays exact.
    landMu: numeric({ precision: 12, scale: 2 }).notNull().default('0'),
    // 用地批准日期: the day the land use was approved (批); supplied (供) is the land_acquired milestone, used (用)
    // is construction_started. Null: not approved yet or not recorded (issue 14, idle land 批而未供 / 供而未用).
    landApprovedOn: date({ mode: 'string' }),
    expectedAnnualOutputFen: bigint({ mode: 'number' }).notNull().default(0),
    expectedAnnualTaxFen: bigint({ mode: 'number' }).notNull().default(0),
    expectedJobs: integer().notNull().default(0),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    parkId: uuid().references(() => parks.id),
    industryId: uuid()
      .notNull()
      .references(() => industries.id),
    chainNodeId: uuid().references(() => chainNodes.id),
    agentId: uuid().references(() => agents.id),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    signedOn: date({ mode: 'string' }).notNull(),
    // The furthest milestone reached, kept with the milestone rows in one transaction (boards and funnels read it).
    currentMilestone: text({ enum: rewardMilestones }).notNull().default('signed'),
    notes: text(),
    // An expansion / capital increase (增资扩产, 技改 …) of a company already here is a project of its own linked to
    // the first: its figures are the increase only, so no sum ever counts the parent's amount twice (issue 14).
    parentProjectId: uuid().references((): AnyPgColumn => projects.id),
    kind: text({ enum: projectKinds }).notNull().default('new'),
    // 项目公司 and the taxpayer whose figures are reported (each may differ from the company that signed).
    projectCompanyName: text(),
    projectCompanyCreditCode: text(),
    taxpayerName: text(),
    taxpayerCreditCode: text(),
    createdBy: uuid().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('projects_kind_check', t.kind, projectKinds),
    oneOf('projects_current_milestone_check', t.currentMilestone, rewardMilestones),
    // A lead is signed at most once: the second signing hits this index.
    // Expansions share their company's lead, so only a first project is unique per lead.
    uniqueIndex('projects_lead_uq').on(t.leadId).where(sql`parent_project_id is null`),
    index('projects_parent_idx').on(t.parentProjectId),
    index('projects_created_idx').on(t.createdAt, t.id),
    index('projects_milestone_idx').on(t.currentMilestone, t.createdAt),
    index('projects_zone_idx').on(t.zoneId, t.createdAt),
    index('projects_owner_idx').on(t.ownerId),
  ],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    milestone: text({ enum: rewardMilestones }).notNull(),
    reachedOn: date({ mode: 'string' }).notNull(),
    note: text(),
    recordedBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [
    oneOf('project_milestones_milestone_check', t.milestone, rewardMilestones),
    uniqueIndex('project_milestones_uq').on(t.projectId, t.milestone),
    index('project_milestones_reached_idx').on(t.milestone, t.reachedOn),
  ],
);

// Reported figures are history: each report is a row; a manager verifies a figure before money is computed on it.
export const projectFigures = pgTable(
  'project_figures',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    kind: text({ enum: figureKinds }).notNull(), // actual_fixed_asset_investment | actual_paid_in | annual_output | annual_tax | contract_investment
    amountFen: bigint({ mode: 'number' }).notNull(),
    asOf: date({ mode: 'string' }).notNull(),
    source: text(),
    note: text(),
    reportedBy: uuid().notNull(),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    verifiedBy: uuid(),
    verifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [oneOf('project_figures_kind_check', t.kind, figureKinds), index('project_figures_project_idx').on(t.projectId, t.kind, t.asOf)],
);

// 业绩归属: credit sets are versions; the newest is current, older ones are the history.
export const creditSets = pgTable(
  'credit_sets',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    agentId: uuid().references(() => agents.id),
    note: text(),
    isCurrent: boolean().notNull().default(true),
    setBy: uuid().notNull(),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [index('credit_sets_project_idx').on(t.projectId, t.setAt), uniqueIndex('credit_sets_current_uq').on(t.projectId).where(sql`${t.isCurrent}`)],
);

export const creditLines = pgTable(
  'credit_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    setId: uuid()
      .notNull()
      .references(() => creditSets.id),
    staffId: uuid()
      .notNull()
      .references(() => users.id),
    role: text({ enum: creditRoles }).notNull(), // first_contact | owner | negotiator | service
    shareBp: integer().notNull(),
    // The order the manager entered the credits in: a split's equal remainders go to the earlier (issue 8).
    position: integer().notNull().default(0),
  },
  (t) => [
    oneOf('credit_lines_role_check', t.role, creditRoles),
    uniqueIndex('credit_lines_set_staff_role_uq').on(t.setId, t.staffId, t.role),
    index('credit_lines_staff_idx').on(t.staffId),
  ],
);

// A move of a project's credit from one zone to another: audited, with its reason, never edited (issue 14).
export const projectZoneTransfers = pgTable(
  'project_zone_transfers',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    fromZoneId: uuid()
      .notNull()
      .references(() => zones.id),
    toZoneId: uuid()
      .notNull()
      .references(() => zones.id),
    fromParkId: uuid().references(() => parks.id),
    toParkId: uuid().references(() => parks.id),
    reason: text().notNull(),
    transferredBy: uuid()
      .notNull()
      .references(() => users.id),
    transferredAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [index('project_zone_transfers_project_idx').on(t.projectId, t.transferredAt)],
);

// 审批事项 kinds (立项/备案, 用地, 规划, 施工许可, 环评, 能评 …): data an admin edits, with the statutory working days
// and the zone's target (half of the statutory by default, policy 二(四)5).
export const approvalItemKinds = pgTable(
  'approval_item_kinds',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    statutoryWorkingDays: integer().notNull(),
    targetWorkingDays: integer().notNull(),
    position: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('approval_item_kinds_code_uq').on(t.code)],
);

// One approval item of a project: submitted → accepted (完整, 容缺 with missing documents and their deadline, or
// 告知承诺) → approved / rejected. The clock runs in working days from acceptance.
export const approvalItems = pgTable(
  'approval_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    kindId: uuid()
      .notNull()
      .references(() => approvalItemKinds.id),
    status: text({ enum: approvalStatuses }).notNull().default('submitted'),
    submittedOn: date({ mode: 'string' }).notNull(),
    acceptedOn: date({ mode: 'string' }),
    acceptance: text(),
    missingDocuments: text(),
    missingDueOn: date({ mode: 'string' }),
    documentsCompletedOn: date({ mode: 'string' }),
    decidedOn: date({ mode: 'string' }),
    // The kind's days when the item was accepted: a later edit of the catalogue does not move a running clock.
    statutoryWorkingDays: integer().notNull(),
    targetWorkingDays: integer().notNull(),
    note: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('approval_items_status_check', t.status, approvalStatuses),
    index('approval_items_project_idx').on(t.projectId),
    index('approval_items_status_idx').on(t.status, t.kindId),
  ],
);
