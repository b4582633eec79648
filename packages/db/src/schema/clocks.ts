import { oneOf } from '../one-of.ts';
import { feedbackMethods, feedbackRecipients, judgementDecisions } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { leads } from './leads.ts';
import { users } from './users.ts';
import { zones } from './zones.ts';

/**
 * The stage-clock rules of a zone (a city's 招商线索管理办法): days to respond, to judge (longer for major
 * projects), to feed the judgement back, and how often a followed project is reported. A zone without a row uses
 * the defaults (the column defaults, mirrored by DEFAULT_CLOCK_RULES in @crm/shared). The same row carries the
 * zone's daily digest robot (企业微信 / 钉钉) and the manager who is told of its major leads and escalations.
 */
export const zoneClockRules = pgTable('zone_clock_rules', {
  zoneId: uuid()
    .primaryKey()
    .references(() => zones.id),
  respondDays: integer().notNull().default(1),
  judgeDays: integer().notNull().default(3),
  judgeMajorDays: integer().notNull().default(7),
  feedbackDays: integer().notNull().default(7),
  reportEveryDays: integer().notNull().default(14),
  majorThresholdFen: bigint({ mode: 'number' }).notNull().default(50_000_000_000),
  /** 分管领导: told of the zone's major leads and escalations; every active manager when null. */
  managerId: uuid().references(() => users.id),
  webhookKind: text(), // wecom | dingtalk
  webhookUrl: text(),
  /** 钉钉 "加签" secret: the digest is signed with it when set. */
  webhookSecret: text(),
  /** Hour of the zone's day (0–23) after which the daily digest is sent. */
  digestHour: integer().notNull().default(9),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
});

/**
 * Exceptions to "Saturday and Sunday are rest days": statutory holidays (法定节假日) and the weekend days worked in
 * exchange (调休). A deadline that falls on a rest day moves to the next working day (民法典 第二百零三条).
 */
export const workCalendar = pgTable('work_calendar', {
  day: date({ mode: 'string' }).primaryKey(),
  working: boolean().notNull(),
  note: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
});

// 研判: the structured judgement of a lead on the dimensions the rules name, with the decision to follow or not.
export type JudgementDimensions = Record<string, { rating: string; note?: string | null }>;
export const leadJudgements = pgTable(
  'lead_judgements',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    dimensions: jsonb().$type<JudgementDimensions>().notNull(),
    decision: text({ enum: judgementDecisions }).notNull(), // follow | decline
    reason: text().notNull(),
    expertReview: boolean().notNull().default(false),
    judgedBy: uuid()
      .notNull()
      .references(() => users.id),
    judgedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [oneOf('lead_judgements_decision_check', t.decision, judgementDecisions), index('lead_judgements_lead_idx').on(t.leadId, t.judgedAt)],
);

// 反馈: the judgement told to the investor or the referrer: to whom, how, when.
export const leadFeedbacks = pgTable(
  'lead_feedbacks',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    judgementId: uuid()
      .notNull()
      .references(() => leadJudgements.id),
    recipientKind: text({ enum: feedbackRecipients }).notNull(), // investor | referrer
    recipientName: text().notNull(),
    method: text({ enum: feedbackMethods }).notNull(), // phone | visit | meeting | wechat | email | letter
    givenOn: date({ mode: 'string' }).notNull(),
    summary: text().notNull(),
    givenBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [
    oneOf('lead_feedbacks_method_check', t.method, feedbackMethods),
    oneOf('lead_feedbacks_recipient_kind_check', t.recipientKind, feedbackRecipients),
    index('lead_feedbacks_lead_idx').on(t.leadId, t.createdAt),
  ],
);

/**
 * Every clock that ended: whose it was, when it started, when it was due and when it was met. The medians of
 * time-to-respond and time-to-judge and the on-time counts of the performance metrics are read from here.
 */
export const leadClockHistory = pgTable(
  'lead_clock_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    zoneId: uuid(),
    phase: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    metAt: timestamp({ withTimezone: true }).notNull(),
    onTime: boolean().notNull(),
  },
  (t) => [
    index('lead_clock_history_owner_idx').on(t.ownerId, t.metAt),
    index('lead_clock_history_met_idx').on(t.metAt),
    index('lead_clock_history_lead_idx').on(t.leadId, t.metAt),
  ],
);
