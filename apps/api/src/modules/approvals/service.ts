import { approvalItems, projects, type Tx } from '@crm/db';
import {
  type AcceptApprovalBody,
  type ApprovalKindBody,
  type ApprovalTimesQuery,
  type DecideApprovalBody,
  type DocumentsCompleteBody,
  invalid,
  notFound,
  notSaved,
  problem,
  type SubmitApprovalBody,
  type UpdateApprovalKindBody,
  workingDaysBetween,
} from '@crm/shared';
import { and, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { today } from '../../lib/dates.ts';
import * as projectRepo from '../projects/repository.ts';
import { assertCanReadProject, assertCanWriteProject } from '../projects/service.ts';
import * as repo from './repository.ts';

const halfUp = (days: number) => Math.ceil(days / 2);

// The catalogue of item kinds: everyone reads it, an admin edits it.
export async function listKinds(ctx: Ctx) {
  return repo.listKinds(ctx.db);
}

export async function createKind(ctx: Ctx, input: z.infer<typeof ApprovalKindBody>) {
  requireRole(ctx, ['admin'], 'edit the approval item catalogue');
  const target = input.targetWorkingDays ?? halfUp(input.statutoryWorkingDays);
  if (target > input.statutoryWorkingDays) throw invalid('targetWorkingDays', 'TARGET_OVER_STATUTORY', { max: input.statutoryWorkingDays });
  return ctx.db.transaction(async (tx) => {
    const taken = await repo.kindWithCode(tx, input.code);
    if (taken) throw problem('APPROVAL_KIND_CODE_TAKEN', { code: input.code });
    const row = await repo.insertKind(tx, { ...input, targetWorkingDays: target, createdAt: ctx.now(), updatedAt: ctx.now() });
    if (!row) throw notSaved('approval item kind');
    await audit(tx, ctx, { action: 'approval_kind.create', entityType: 'approval_item_kind', entityId: row.id, after: row });
    return row;
  });
}

export async function updateKind(ctx: Ctx, id: string, input: z.infer<typeof UpdateApprovalKindBody>) {
  requireRole(ctx, ['admin'], 'edit the approval item catalogue');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockKind(tx, id);
    if (!before) throw notFound('approval item kind');
    const statutory = input.statutoryWorkingDays ?? before.statutoryWorkingDays;
    // A new statutory figure without a target of its own brings the default target (half) along.
    const target = input.targetWorkingDays ?? (input.statutoryWorkingDays !== undefined ? halfUp(statutory) : before.targetWorkingDays);
    if (target > statutory) throw invalid('targetWorkingDays', 'TARGET_OVER_STATUTORY', { max: statutory });
    const row = await repo.updateKind(tx, id, { ...input, statutoryWorkingDays: statutory, targetWorkingDays: target, updatedAt: ctx.now() });
    if (!row) throw notSaved('approval item kind');
    await audit(tx, ctx, { action: 'approval_kind.update', entityType: 'approval_item_kind', entityId: id, before, after: row });
    return row;
  });
}

async function projectOf(_ctx: Ctx, db: Tx | Ctx['db'], projectId: string) {
  const project = await projectRepo.findProject(db, projectId);
  if (!project) throw notFound('project');
  return project;
}

/** A project's approval items with their clocks: whoever reads the project reads them. */
export async function listProjectItems(ctx: Ctx, projectId: string) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see approval items');
  const project = await projectOf(ctx, ctx.db, projectId);
  await assertCanReadProject(ctx, ctx.db, project);
  const rows = await repo.selectItems(ctx.db, eq(approvalItems.projectId, projectId));
  return rows.map((r) => repo.toItem(r, today(ctx)));
}

async function readBack(ctx: Ctx, tx: Tx, id: string) {
  const [row] = await repo.selectItems(tx, eq(approvalItems.id, id));
  if (!row) throw notFound('approval item');
  return repo.toItem(row, today(ctx));
}

/** Submits an item (申报): the project's owner or a manager records it. */
export async function submitItem(ctx: Ctx, projectId: string, input: z.infer<typeof SubmitApprovalBody>) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record approval items');
  if (input.submittedOn > today(ctx)) throw invalid('submittedOn', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const project = await projectOf(ctx, tx, projectId);
    assertCanWriteProject(ctx, project, 'record approval items');
    const kind = await repo.findKind(tx, input.kindId);
    if (!kind) throw invalid('kindId', 'DOES_NOT_EXIST', { entity: 'approval item kind' });
    if (!kind.active) throw invalid('kindId', 'KIND_INACTIVE');
    const now = ctx.now();
    const row = await repo.insertItem(tx, {
      projectId,
      kindId: kind.id,
      submittedOn: input.submittedOn,
      statutoryWorkingDays: kind.statutoryWorkingDays,
      targetWorkingDays: kind.targetWorkingDays,
      note: input.note ?? null,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw notSaved('approval item');
    await audit(tx, ctx, {
      action: 'approval.submit',
      entityType: 'approval_item',
      entityId: row.id,
      after: { projectId, kindId: kind.id, submittedOn: input.submittedOn },
    });
    return readBack(ctx, tx, row.id);
  });
}

/** Locks an item and checks that its writer may write its project and that it is the version they read. */
async function lockItem(ctx: Ctx, tx: Tx, id: string, version: number) {
  const item = await repo.lockItem(tx, id);
  if (!item) throw notFound('approval item');
  const project = await projectOf(ctx, tx, item.projectId);
  assertCanWriteProject(ctx, project, 'record approval items');
  if (item.version !== version) throw problem('APPROVAL_STALE');
  return item;
}

/**
 * Accepts an item (受理): complete, 容缺 (the missing documents and the day they are due are named) or 告知承诺.
 * The clock starts here; the kind's days as they are now are kept with the item.
 */
export async function acceptItem(ctx: Ctx, id: string, input: z.infer<typeof AcceptApprovalBody>) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record approval items');
  if (input.acceptedOn > today(ctx)) throw invalid('acceptedOn', 'FUTURE');
  if (input.mode === 'deficient') {
    if (!input.missingDocuments) throw invalid('missingDocuments', 'MISSING_DOCUMENTS_NEEDED');
    if (!input.missingDueOn) throw invalid('missingDueOn', 'MISSING_DUE_NEEDED');
    if (input.missingDueOn < input.acceptedOn) throw invalid('missingDueOn', 'BEFORE_PREVIOUS_STEP', { date: input.acceptedOn });
  }
  return ctx.db.transaction(async (tx) => {
    const item = await lockItem(ctx, tx, id, input.version);
    if (item.status !== 'submitted') throw problem('APPROVAL_WRONG_STATUS', { status: item.status });
    if (input.acceptedOn < item.submittedOn) throw invalid('acceptedOn', 'BEFORE_PREVIOUS_STEP', { date: item.submittedOn });
    const kind = await repo.findKind(tx, item.kindId);
    const deficient = input.mode === 'deficient';
    const after = {
      status: 'accepted' as const,
      acceptedOn: input.acceptedOn,
      acceptance: input.mode,
      missingDocuments: deficient ? (input.missingDocuments ?? null) : null,
      missingDueOn: deficient ? (input.missingDueOn ?? null) : null,
      statutoryWorkingDays: kind?.statutoryWorkingDays ?? item.statutoryWorkingDays,
      targetWorkingDays: kind?.targetWorkingDays ?? item.targetWorkingDays,
    };
    await repo.updateItem(tx, id, { ...after, version: item.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, { action: 'approval.accept', entityType: 'approval_item', entityId: id, before: { status: item.status }, after });
    return readBack(ctx, tx, id);
  });
}

/** The documents owed under 容缺 have come in. */
export async function documentsComplete(ctx: Ctx, id: string, input: z.infer<typeof DocumentsCompleteBody>) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record approval items');
  if (input.on > today(ctx)) throw invalid('on', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const item = await lockItem(ctx, tx, id, input.version);
    if (item.acceptance !== 'deficient' || item.documentsCompletedOn || item.status !== 'accepted')
      throw problem('APPROVAL_WRONG_STATUS', { status: item.status });
    if (item.acceptedOn && input.on < item.acceptedOn) throw invalid('on', 'BEFORE_PREVIOUS_STEP', { date: item.acceptedOn });
    await repo.updateItem(tx, id, { documentsCompletedOn: input.on, version: item.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, { action: 'approval.documents', entityType: 'approval_item', entityId: id, after: { documentsCompletedOn: input.on } });
    return readBack(ctx, tx, id);
  });
}

/** Approved or rejected (办结). Under 容缺 the approval waits for the documents owed; a rejection does not. */
export async function decideItem(ctx: Ctx, id: string, input: z.infer<typeof DecideApprovalBody>) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record approval items');
  if (input.decidedOn > today(ctx)) throw invalid('decidedOn', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const item = await lockItem(ctx, tx, id, input.version);
    if (item.status !== 'accepted') throw problem('APPROVAL_WRONG_STATUS', { status: item.status });
    if (item.acceptedOn && input.decidedOn < item.acceptedOn) throw invalid('decidedOn', 'BEFORE_PREVIOUS_STEP', { date: item.acceptedOn });
    if (input.outcome === 'approved' && item.acceptance === 'deficient' && !item.documentsCompletedOn) throw problem('APPROVAL_DOCUMENTS_MISSING');
    const note = input.note ?? item.note;
    await repo.updateItem(tx, id, { status: input.outcome, decidedOn: input.decidedOn, note, version: item.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, {
      action: 'approval.decide',
      entityType: 'approval_item',
      entityId: id,
      before: { status: item.status },
      after: { status: input.outcome, decidedOn: input.decidedOn },
    });
    return readBack(ctx, tx, id);
  });
}

/** Open items past their statutory days, or with 容缺 documents past their deadline: staff see their projects'. */
export async function overdueItems(ctx: Ctx) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see approval items');
  const staffOnly = !hasRole(ctx, 'manager', 'admin', 'finance');
  const rows = await repo.selectItems(ctx.db, and(eq(approvalItems.status, 'accepted'), staffOnly ? projectRepo.staffProjectSql(ctx.actor.id) : undefined));
  const day = today(ctx);
  return rows.map((r) => repo.toItem(r, day)).filter((i) => i.overdue);
}

/**
 * Average approval time (working days from acceptance to decision) per item kind and zone, of the items decided in
 * [from, to], against the kind's statutory and target days. The zone is the project's (after any transfer).
 */
export async function approvalTimes(ctx: Ctx, input: z.infer<typeof ApprovalTimesQuery>) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see approval times');
  const where: (SQL | undefined)[] = [
    inArray(approvalItems.status, ['approved', 'rejected']),
    input.from ? gte(approvalItems.decidedOn, input.from) : undefined,
    input.to ? lte(approvalItems.decidedOn, input.to) : undefined,
    input.zoneId ? eq(projects.zoneId, input.zoneId) : undefined,
  ];
  const [rows, kinds] = await Promise.all([repo.decidedItems(ctx.db, and(...where)), listKinds(ctx)]);
  const groups = new Map<string, { kindId: string; zoneId: string; zoneName: string; n: number; total: number; withinTarget: number; overStatutory: number }>();
  for (const r of rows) {
    if (!r.acceptedOn || !r.decidedOn) continue;
    const days = workingDaysBetween(r.acceptedOn, r.decidedOn);
    const key = `${r.kindId}:${r.zoneId}`;
    const g = groups.get(key) ?? { kindId: r.kindId, zoneId: r.zoneId, zoneName: r.zoneName, n: 0, total: 0, withinTarget: 0, overStatutory: 0 };
    g.n++;
    g.total += days;
    if (days <= r.target) g.withinTarget++;
    if (days > r.statutory) g.overStatutory++;
    groups.set(key, g);
  }
  const order = new Map(kinds.map((k, i) => [k.id, i]));
  return [...groups.values()]
    .sort((a, b) => (order.get(a.kindId) ?? 0) - (order.get(b.kindId) ?? 0) || a.zoneName.localeCompare(b.zoneName, 'zh-CN'))
    .map((g) => {
      const kind = kinds.find((k) => k.id === g.kindId);
      // Tenths, half up, from integers: 15 days over 2 items is "7.5".
      const tenths = Math.floor((g.total * 20 + g.n) / (2 * g.n));
      return {
        kindId: g.kindId,
        kindName: kind?.name ?? '',
        zoneId: g.zoneId,
        zoneName: g.zoneName,
        decided: g.n,
        averageWorkingDays: `${Math.floor(tenths / 10)}.${tenths % 10}`,
        statutoryWorkingDays: kind?.statutoryWorkingDays ?? 0,
        targetWorkingDays: kind?.targetWorkingDays ?? 0,
        withinTarget: g.withinTarget,
        overStatutory: g.overStatutory,
      };
    });
}

/**
 * The scheduler's part: every open item overdue as of `day` tells its project's owner once per reason and deadline
 * (the inbox's unique key makes a second scan a no-op). Open items are few (accepted, not yet decided).
 */
export async function overdueNotifications(db: Ctx['db'], day: string) {
  const rows = await repo.selectItems(db, eq(approvalItems.status, 'accepted'));
  const out: { userId: string; kind: 'approval_item_overdue'; subjectType: 'approval_item'; subjectId: string; key: string; params: Record<string, string> }[] =
    [];
  if (rows.length === 0) return out;
  const owners = await repo.projectOwners(db, [...new Set(rows.map((r) => r.a.projectId))]);
  const ownerOf = new Map(owners.map((o) => [o.id, o.ownerId]));
  for (const r of rows) {
    const item = repo.toItem(r, day);
    const userId = ownerOf.get(item.projectId);
    if (!userId || !item.overdue) continue;
    const why = item.documentsOverdue ? 'documents' : 'statutory';
    const dueOn = (item.documentsOverdue ? item.missingDueOn : item.statutoryDueOn) ?? '';
    out.push({
      userId,
      kind: 'approval_item_overdue',
      subjectType: 'approval_item',
      subjectId: item.id,
      key: `${why}:${dueOn}`,
      params: { projectId: item.projectId, projectName: item.projectName, kindName: item.kindName, why, dueOn },
    });
  }
  return out;
}
