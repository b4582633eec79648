import { oneOf } from '../one-of.ts';
import { activityKinds, judgementDecisions, leadChannels, leadStages, projectMilestones } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.ts';
import { promotionEvents } from './events.ts';
import { users } from './users.ts';
import { chainNodes, industries, parks, zones } from './zones.ts';

export type LeadContact = { name: string; title?: string | null; phone?: string | null; email?: string | null };

export const leads = pgTable(
  'leads',
  {
    id: uuid().primaryKey().defaultRandom(),
    companyName: text().notNull(),
    // 撞单 rule: one lead per company. The credit code is unique when given; the normalised name always is
    // (decision recorded in docs/decisions.md).
    normalizedName: text().notNull(),
    creditCode: text(),
    industryId: uuid().references(() => industries.id),
    chainNodeId: uuid().references(() => chainNodes.id),
    channel: text({ enum: leadChannels }).notNull(),
    agentId: uuid().references(() => agents.id),
    zoneId: uuid().references(() => zones.id),
    parkId: uuid().references(() => parks.id),
    estimatedInvestmentFen: bigint({ mode: 'number' }).notNull().default(0),
    contacts: jsonb().$type<LeadContact[]>().notNull().default(sql`'[]'::jsonb`),
    notes: text(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    stage: text({ enum: leadStages }).notNull().default('new'),
    lostReason: text(),
    // When the owner's protection lapses the lead is in the public pool (公海). Null once signed.
    protectionExpiresAt: timestamp({ withTimezone: true }),
    nextFollowUpOn: date({ mode: 'string' }),
    lastActivityAt: timestamp({ withTimezone: true }),
    stageChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    // The furthest open stage ever reached (new 0 … negotiating 3, signed 4). Kept with every stage move so the
    // funnel over a million leads is one scan instead of a walk through the stage history; losing a lead keeps it.
    furthestStageRank: integer().notNull().default(0),
    // Stage clocks (issue 13): the facts the clock is computed from and the clock itself, kept on the lead so the
    // overdue list over a million leads is one index range (leads_clock_due_idx) rather than a computation per row.
    // clock_phase: respond | judge | feedback | report while a clock runs; done after a "decline" is fed back;
    // null for signed and lost leads.
    clockPhase: text(),
    clockStartedAt: timestamp({ withTimezone: true }),
    clockDueAt: timestamp({ withTimezone: true }),
    /** The instant the current owner's clocks count from: creation, a claim, a reassignment or a reopening. */
    clockEpochAt: timestamp({ withTimezone: true }),
    respondedAt: timestamp({ withTimezone: true }),
    judgedAt: timestamp({ withTimezone: true }),
    judgementDecision: text({ enum: judgementDecisions }), // follow | decline
    feedbackAt: timestamp({ withTimezone: true }),
    lastReportAt: timestamp({ withTimezone: true }),
    /** Estimated investment at or above the zone's threshold (¥5亿 by default): 研判 gets longer, managers are told. */
    isMajor: boolean().notNull().default(false),
    /** 已备案: the investor's confirmation (投资方确认函) is attached. */
    filedAt: timestamp({ withTimezone: true }),
    /** The promotion event (招商活动) the lead came from. */
    sourceEventId: uuid().references(() => promotionEvents.id),
    /**
     * The signed project's current milestone and contract investment, copied here by a trigger on projects (issue 12,
     * heavy reads) so the lead_rollup trigger sees every figure the funnel needs on the lead row itself. Never written
     * by the app.
     */
    projectMilestone: text({ enum: projectMilestones }),
    projectContractFen: bigint({ mode: 'number' }).notNull().default(0),
    createdBy: uuid().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('leads_project_milestone_check', t.projectMilestone, projectMilestones),
    oneOf('leads_judgement_decision_check', t.judgementDecision, judgementDecisions),
    oneOf('leads_stage_check', t.stage, leadStages),
    oneOf('leads_channel_check', t.channel, leadChannels),
    uniqueIndex('leads_normalized_name_uq').on(t.normalizedName),
    uniqueIndex('leads_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    // Keyset pagination: every list sorts by (column, id); each filter gets a composite index led by it.
    index('leads_created_idx').on(t.createdAt, t.id),
    index('leads_updated_idx').on(t.updatedAt, t.id),
    index('leads_investment_idx').on(t.estimatedInvestmentFen, t.id),
    index('leads_owner_created_idx').on(t.ownerId, t.createdAt, t.id),
    index('leads_stage_created_idx').on(t.stage, t.createdAt, t.id),
    index('leads_zone_created_idx').on(t.zoneId, t.createdAt, t.id),
    index('leads_industry_created_idx').on(t.industryId, t.createdAt, t.id),
    index('leads_channel_created_idx').on(t.channel, t.createdAt, t.id),
    index('leads_protection_idx').on(t.protectionExpiresAt),
    // leads_pipeline_idx (created_at) INCLUDE (...) is hand-written in drizzle/0004_pipeline_index.sql: drizzle
    // cannot express INCLUDE. It makes the funnel's and the board's aggregates index-only scans.
    // Kanban columns: the most recently moved cards of a stage.
    index('leads_stage_changed_idx').on(t.stage, t.stageChangedAt, t.id),
    // Substring search on company names at a million rows.
    index('leads_company_name_trgm_idx').using('gin', sql`${t.companyName} gin_trgm_ops`),
    // Sorting by company name (keyset on (company_name, id)).
    index('leads_company_name_idx').on(t.companyName, t.id),
    // The header search finds a lead by a contact's name or phone: substring search on the contacts' text.
    index('leads_contacts_trgm_idx').using('gin', sql`(${t.contacts}::text) gin_trgm_ops`),
    // The clock lists: everything due by a moment, most urgent first; one owner's; one zone's. Partial, so the
    // million signed and lost leads without a clock are not in them. leads_clock_due_idx (with INCLUDE for the
    // per-person and per-zone counts) is hand-written in its own migration.
    index('leads_owner_clock_idx').on(t.ownerId, t.clockDueAt, t.id).where(sql`${t.clockDueAt} is not null`),
    index('leads_zone_clock_idx').on(t.zoneId, t.clockDueAt, t.id).where(sql`${t.clockDueAt} is not null`),
    index('leads_source_event_idx').on(t.sourceEventId).where(sql`${t.sourceEventId} is not null`),
  ],
);

// When a lead entered each stage (issue "pipeline": time spent per stage).
export const leadStageHistory = pgTable(
  'lead_stage_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    fromStage: text({ enum: leadStages }),
    toStage: text({ enum: leadStages }).notNull(),
    reason: text(),
    changedBy: uuid().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [
    oneOf('lead_stage_history_to_stage_check', t.toStage, leadStages),
    oneOf('lead_stage_history_from_stage_check', t.fromStage, leadStages),
    index('lead_stage_history_lead_idx').on(t.leadId, t.changedAt),
  ],
);

// 跟进记录: visits out, inspection visits in, calls, meetings, events.
export const activities = pgTable(
  'activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    kind: text({ enum: activityKinds }).notNull(), // visit | inspection | call | meeting | event
    occurredOn: date({ mode: 'string' }).notNull(),
    staffIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    contactsMet: text(),
    location: text(),
    summary: text().notNull(),
    nextStep: text(),
    nextFollowUpOn: date({ mode: 'string' }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('activities_kind_check', t.kind, activityKinds),
    index('activities_lead_idx').on(t.leadId, t.occurredOn, t.id),
    index('activities_created_by_idx').on(t.createdBy, t.occurredOn),
    index('activities_occurred_idx').on(t.occurredOn, t.kind),
  ],
);
