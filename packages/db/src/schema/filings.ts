import { oneOf } from '../one-of.ts';
import { attachmentKinds, disputeStatuses } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { leads } from './leads.ts';
import { users } from './users.ts';
import { zones } from './zones.ts';

/**
 * 首报: who reported a company, when, for which zone. The lead's creation is the first report (is_first); anyone
 * who later tries to enter the same company — in any zone — is logged here against it instead of being lost.
 * Exactly one first report per lead (a partial unique index); a settled dispute may move it to another report.
 */
export const companyReports = pgTable(
  'company_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    reportedBy: uuid()
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    zoneId: uuid().references(() => zones.id),
    companyName: text().notNull(),
    channel: text(),
    note: text(),
    isFirst: boolean().notNull().default(false),
  },
  (t) => [uniqueIndex('company_reports_first_uq').on(t.leadId).where(sql`${t.isFirst}`), index('company_reports_lead_idx').on(t.leadId, t.reportedAt)],
);

// Two units claiming one company: the later reporter disputes the first report; a manager with no stake settles it.
export const reportDisputes = pgTable(
  'report_disputes',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    firstReportId: uuid()
      .notNull()
      .references(() => companyReports.id),
    claimReportId: uuid()
      .notNull()
      .references(() => companyReports.id),
    raisedBy: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    status: text({ enum: disputeStatuses }).notNull().default('open'), // open | first_stands | claimant_first
    settledBy: uuid().references(() => users.id),
    settledAt: timestamp({ withTimezone: true }),
    settlementNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [
    oneOf('report_disputes_status_check', t.status, disputeStatuses),
    // One open dispute per lead at a time: a second claim waits for the first to be settled.
    uniqueIndex('report_disputes_open_uq').on(t.leadId).where(sql`${t.status} = 'open'`),
    index('report_disputes_status_idx').on(t.status, t.createdAt),
  ],
);

// 投资方确认函 and other files of a lead: stored on disk under a generated name, with their checksum.
export const leadAttachments = pgTable(
  'lead_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id),
    kind: text({ enum: attachmentKinds }).notNull(), // investor_confirmation
    originalName: text().notNull(),
    storedName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [
    oneOf('lead_attachments_kind_check', t.kind, attachmentKinds),
    index('lead_attachments_lead_idx').on(t.leadId, t.createdAt),
    uniqueIndex('lead_attachments_stored_uq').on(t.storedName),
  ],
);
