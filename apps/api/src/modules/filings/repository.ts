import { companyReports, leadAttachments, leads, reportDisputes, users, zones, type DbOrTx } from '@crm/db';
import type { disputeStatuses } from '@crm/shared';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const reporter = alias(users, 'reporter');
type ReportRow = typeof companyReports.$inferSelect;
type DisputeRow = typeof reportDisputes.$inferSelect;

async function reportRows(db: DbOrTx, where: SQL) {
  return db
    .select({ r: companyReports, name: reporter.displayName, zoneName: zones.name })
    .from(companyReports)
    .innerJoin(reporter, eq(reporter.id, companyReports.reportedBy))
    .leftJoin(zones, eq(zones.id, companyReports.zoneId))
    .where(where)
    .orderBy(asc(companyReports.reportedAt), asc(companyReports.id));
}

/** Every report of a lead's company, with the reporter's and the zone's names, oldest first. */
export const reportsOfLead = (db: DbOrTx, leadId: string) => reportRows(db, eq(companyReports.leadId, leadId));

export const reportsByIds = (db: DbOrTx, ids: string[]) => reportRows(db, inArray(companyReports.id, ids));

/** Disputes (newest first, at most 500) of one lead, or one dispute, or those of a status (all without a filter). */
export async function disputeRows(db: DbOrTx, by: { leadId: string } | { id: string } | { status?: (typeof disputeStatuses)[number] }) {
  const raiser = alias(users, 'raiser');
  const settler = alias(users, 'settler');
  const where =
    'leadId' in by
      ? eq(reportDisputes.leadId, by.leadId)
      : 'id' in by
        ? eq(reportDisputes.id, by.id)
        : by.status
          ? eq(reportDisputes.status, by.status)
          : undefined;
  return db
    .select({ d: reportDisputes, raisedByName: raiser.displayName, settledByName: settler.displayName, companyName: leads.companyName })
    .from(reportDisputes)
    .innerJoin(raiser, eq(raiser.id, reportDisputes.raisedBy))
    .leftJoin(settler, eq(settler.id, reportDisputes.settledBy))
    .innerJoin(leads, eq(leads.id, reportDisputes.leadId))
    .where(where)
    .orderBy(desc(reportDisputes.createdAt))
    .limit(500);
}

export async function findReport(db: DbOrTx, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(companyReports).where(eq(companyReports.id, id));
  return row ?? null;
}

export async function firstReportOf(db: DbOrTx, leadId: string): Promise<ReportRow | null> {
  const [first] = await db
    .select()
    .from(companyReports)
    .where(and(eq(companyReports.leadId, leadId), eq(companyReports.isFirst, true)));
  return first ?? null;
}

export async function openDisputeOf(db: DbOrTx, leadId: string) {
  const [open] = await db
    .select({ id: reportDisputes.id })
    .from(reportDisputes)
    .where(and(eq(reportDisputes.leadId, leadId), eq(reportDisputes.status, 'open')));
  return open ?? null;
}

export async function insertDispute(db: DbOrTx, values: Pick<DisputeRow, 'leadId' | 'firstReportId' | 'claimReportId' | 'raisedBy' | 'reason' | 'createdAt'>) {
  const [row] = await db.insert(reportDisputes).values(values).returning({ id: reportDisputes.id });
  return row ?? null;
}

/** Locks the dispute for the rest of the transaction (two settlements queue up). */
export async function lockDispute(db: DbOrTx, id: string): Promise<DisputeRow | null> {
  const [d] = await db.select().from(reportDisputes).where(eq(reportDisputes.id, id)).for('update');
  return d ?? null;
}

export async function settle(db: DbOrTx, id: string, set: Pick<DisputeRow, 'status' | 'settledBy' | 'settledAt' | 'settlementNote'>) {
  await db.update(reportDisputes).set(set).where(eq(reportDisputes.id, id));
}

export async function setFirstMark(db: DbOrTx, reportId: string, isFirst: boolean) {
  await db.update(companyReports).set({ isFirst }).where(eq(companyReports.id, reportId));
}

export async function insertFirstReport(
  db: DbOrTx,
  r: { leadId: string; reportedBy: string; reportedAt: Date; zoneId: string | null; companyName: string; channel: string },
): Promise<void> {
  await db.insert(companyReports).values({ ...r, isFirst: true });
}

export async function insertLaterReport(db: DbOrTx, values: Pick<ReportRow, 'leadId' | 'reportedBy' | 'reportedAt' | 'zoneId' | 'companyName' | 'channel'>) {
  const [row] = await db
    .insert(companyReports)
    .values({ ...values, isFirst: false })
    .returning({ id: companyReports.id });
  return row ?? null;
}

// Reads of other modules' tables, for names and checks.

export async function leadCompanyName(db: DbOrTx, leadId: string) {
  const [lead] = await db.select({ companyName: leads.companyName }).from(leads).where(eq(leads.id, leadId));
  return lead ?? null;
}

export async function leadOwner(db: DbOrTx, leadId: string) {
  const [lead] = await db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, leadId));
  return lead ?? null;
}

export async function userName(db: DbOrTx, userId: string) {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function userAccess(db: DbOrTx, userId: string) {
  const [row] = await db.select({ id: users.id, active: users.active, roles: users.roles }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

// Attachments.

export async function attachmentsOfLead(db: DbOrTx, leadId: string) {
  return db
    .select({ a: leadAttachments, name: users.displayName })
    .from(leadAttachments)
    .innerJoin(users, eq(users.id, leadAttachments.uploadedBy))
    .where(eq(leadAttachments.leadId, leadId))
    .orderBy(desc(leadAttachments.createdAt));
}

export async function insertAttachment(db: DbOrTx, values: typeof leadAttachments.$inferInsert) {
  const [row] = await db.insert(leadAttachments).values(values).returning({ id: leadAttachments.id });
  return row ?? null;
}

export async function attachmentWithName(db: DbOrTx, id: string) {
  const [saved] = await db
    .select({ a: leadAttachments, name: users.displayName })
    .from(leadAttachments)
    .innerJoin(users, eq(users.id, leadAttachments.uploadedBy))
    .where(eq(leadAttachments.id, id));
  return saved ?? null;
}

export async function findAttachment(db: DbOrTx, leadId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(leadAttachments)
    .where(and(eq(leadAttachments.id, attachmentId), eq(leadAttachments.leadId, leadId)));
  return row ?? null;
}
