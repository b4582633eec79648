import { approvalItemKinds, approvalItems, projects, zones, type DbOrTx } from '@crm/db';
import { addWorkingDays, type ApprovalItem, workingDaysBetween } from '@crm/shared';
import { asc, eq, inArray, type SQL } from 'drizzle-orm';

type Row = { a: typeof approvalItems.$inferSelect; kindName: string; projectName: string; zoneId: string; zoneName: string };

export function selectItems(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ a: approvalItems, kindName: approvalItemKinds.name, projectName: projects.name, zoneId: projects.zoneId, zoneName: zones.name })
    .from(approvalItems)
    .innerJoin(approvalItemKinds, eq(approvalItemKinds.id, approvalItems.kindId))
    .innerJoin(projects, eq(projects.id, approvalItems.projectId))
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .where(where)
    .orderBy(asc(approvalItemKinds.position), asc(approvalItems.submittedOn), asc(approvalItems.createdAt));
}

/**
 * An item with its clocks, as of `today` (the zone's). Working days run from acceptance: the statutory and target
 * due days are that many working days after it; an open item past its statutory day is overdue, and so are 容缺
 * documents still missing after their deadline.
 */
export function toItem(r: Row, today: string): ApprovalItem {
  const a = r.a;
  const open = a.status === 'accepted';
  const statutoryDueOn = a.acceptedOn ? addWorkingDays(a.acceptedOn, a.statutoryWorkingDays) : null;
  const targetDueOn = a.acceptedOn ? addWorkingDays(a.acceptedOn, a.targetWorkingDays) : null;
  const end = a.decidedOn ?? today;
  const elapsed = a.acceptedOn ? workingDaysBetween(a.acceptedOn, end) : null;
  const documentsOverdue =
    a.acceptance === 'deficient' && !a.documentsCompletedOn && a.status !== 'rejected' && a.missingDueOn !== null && a.missingDueOn < today;
  return {
    id: a.id,
    projectId: a.projectId,
    projectName: r.projectName,
    zoneId: r.zoneId,
    zoneName: r.zoneName,
    kindId: a.kindId,
    kindName: r.kindName,
    status: a.status as ApprovalItem['status'],
    submittedOn: a.submittedOn,
    acceptedOn: a.acceptedOn,
    acceptance: a.acceptance as ApprovalItem['acceptance'],
    missingDocuments: a.missingDocuments,
    missingDueOn: a.missingDueOn,
    documentsCompletedOn: a.documentsCompletedOn,
    decidedOn: a.decidedOn,
    statutoryWorkingDays: a.statutoryWorkingDays,
    targetWorkingDays: a.targetWorkingDays,
    statutoryDueOn,
    targetDueOn,
    elapsedWorkingDays: elapsed,
    overdue: (open && statutoryDueOn !== null && today > statutoryDueOn) || documentsOverdue,
    documentsOverdue,
    overTarget: elapsed !== null && elapsed > a.targetWorkingDays,
    note: a.note,
    version: a.version,
  };
}

// ---- the catalogue of item kinds ----------------------------------------------------------------------------

export const listKinds = (db: DbOrTx) => db.select().from(approvalItemKinds).orderBy(asc(approvalItemKinds.position), asc(approvalItemKinds.createdAt));

export async function kindWithCode(db: DbOrTx, code: string) {
  const [row] = await db.select({ id: approvalItemKinds.id }).from(approvalItemKinds).where(eq(approvalItemKinds.code, code));
  return row;
}

export async function insertKind(db: DbOrTx, values: typeof approvalItemKinds.$inferInsert) {
  const [row] = await db.insert(approvalItemKinds).values(values).returning();
  return row;
}

export async function lockKind(db: DbOrTx, id: string) {
  const [row] = await db.select().from(approvalItemKinds).where(eq(approvalItemKinds.id, id)).for('update');
  return row;
}

export async function updateKind(db: DbOrTx, id: string, changes: Partial<typeof approvalItemKinds.$inferInsert>) {
  const [row] = await db.update(approvalItemKinds).set(changes).where(eq(approvalItemKinds.id, id)).returning();
  return row;
}

export async function findKind(db: DbOrTx, id: string) {
  const [row] = await db.select().from(approvalItemKinds).where(eq(approvalItemKinds.id, id));
  return row;
}

// ---- items --------------------------------------------------------------------------------------------------

export async function insertItem(db: DbOrTx, values: typeof approvalItems.$inferInsert) {
  const [row] = await db.insert(approvalItems).values(values).returning();
  return row;
}

export async function lockItem(db: DbOrTx, id: string) {
  const [row] = await db.select().from(approvalItems).where(eq(approvalItems.id, id)).for('update');
  return row;
}

export async function updateItem(db: DbOrTx, id: string, changes: Partial<typeof approvalItems.$inferInsert>) {
  await db.update(approvalItems).set(changes).where(eq(approvalItems.id, id));
}

/** Decided items with their project's zone, for the approval times. */
export const decidedItems = (db: DbOrTx, where: SQL | undefined) =>
  db
    .select({
      kindId: approvalItems.kindId,
      zoneId: projects.zoneId,
      zoneName: zones.name,
      acceptedOn: approvalItems.acceptedOn,
      decidedOn: approvalItems.decidedOn,
      target: approvalItems.targetWorkingDays,
      statutory: approvalItems.statutoryWorkingDays,
    })
    .from(approvalItems)
    .innerJoin(projects, eq(projects.id, approvalItems.projectId))
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .where(where);

/** The owner of each of some projects. */
export const projectOwners = (db: DbOrTx, projectIds: string[]) =>
  db.select({ id: projects.id, ownerId: projects.ownerId }).from(projects).where(inArray(projects.id, projectIds));
