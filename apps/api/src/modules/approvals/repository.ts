import { approvalItemKinds, approvalItems, projects, zones, type DbOrTx } from '@crm/db';
import { addWorkingDays, type ApprovalItem, workingDaysBetween } from '@crm/shared';
import { asc, eq, type SQL } from 'drizzle-orm';

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
  const documentsOverdue = a.acceptance === 'deficient' && !a.documentsCompletedOn && a.status !== 'rejected' && a.missingDueOn !== null && a.missingDueOn < today;
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
