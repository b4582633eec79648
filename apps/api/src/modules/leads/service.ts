import { isUniqueViolation, type leads, type Tx } from '@crm/db';
import {
  AppError,
  type CreateLeadBody,
  type DuplicateLeadDetails,
  LEAD_COUNT_CAP,
  invalid,
  type Lead,
  type LeadListQuery,
  normalizeCompanyName,
  notFound as sharedNotFound,
  notSaved,
  problem,
  type ReassignBody,
  type StageBody,
  stageRank,
  staleVersion,
  type UpdateLeadBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, pageOf } from '../../lib/cursor.ts';
import { dayEnd, dayStart, endOfDayPlus, momentOf, timeOf, today } from '../../lib/dates.ts';
import { cutByMonths, monthsSql, rollupIsCurrent } from '../../lib/rollups.ts';
import * as repo from './repository.ts';
import { syncClock } from '../clocks/clock.ts';
import { recordFirstReport, recordLaterReport } from '../filings/reports.ts';
import { notify } from '../inbox/notify.ts';

const READERS = ['staff', 'manager', 'finance', 'admin'] as const;
const isManager = (ctx: Ctx) => hasRole(ctx, 'manager', 'admin');
const notFound = () => sharedNotFound('lead');

/** Staff read their own leads and the public pool; managers, finance and admins read all. */
export function assertCanRead(ctx: Ctx, lead: Pick<Lead, 'ownerId' | 'inPool' | 'ownerName'>) {
  if (hasRole(ctx, 'manager', 'admin', 'finance') || lead.ownerId === ctx.actor.id || lead.inPool) return;
  throw problem('NOT_YOURS_READ', { entity: 'lead', owner: lead.ownerName });
}

/** Only the owner or a manager may change a lead. */
export function assertCanWrite(ctx: Ctx, lead: Pick<Lead, 'ownerId' | 'ownerName'>, what: string) {
  if (isManager(ctx) || (lead.ownerId === ctx.actor.id && hasRole(ctx, 'staff'))) return;
  throw problem('NOT_YOURS_WRITE', { action: what, entity: 'lead', owner: lead.ownerName });
}

export async function listLeads({ ctx, input }: { ctx: Ctx; input: z.infer<typeof LeadListQuery> }) {
  requireRole(ctx, [...READERS], 'see leads');
  const desc = input.sort.startsWith('-');
  const sort = input.sort.replace(/^-/, '') as repo.LeadSortKey;
  const after = input.cursor ? decodeCursor(input.cursor, repo.sortCursorKind[sort]) : undefined;
  const filters: repo.LeadFilters = {
    ...input,
    visibleTo: hasRole(ctx, 'manager', 'admin', 'finance') ? undefined : ctx.actor.id,
    createdSince: input.createdFrom ? dayStart(ctx, input.createdFrom) : undefined,
    createdBefore: input.createdTo ? dayEnd(ctx, input.createdTo) : undefined,
  };
  const moment = momentOf(ctx);
  const rows = await repo.listLeads(ctx.db, { ...filters, sort, direction: desc ? 'desc' : 'asc', limit: input.limit, after }, moment);
  const { items: page, nextCursor } = pageOf(
    rows,
    input.limit,
    (r) => r.lead,
    (r) => [r.sortKey, r.lead.id],
  );
  const more = nextCursor !== null;
  // The total is counted once, with the first page; a first page that is the whole list needs no count.
  const total = input.cursor ? null : !more ? { count: page.length, exact: true } : await countTotal(ctx, filters, input, sort, moment);
  return { items: page, nextCursor, total };
}

/**
 * The first page's total (issue 12). When every filter is a dimension lead_rollup holds (stage, owner, zone,
 * industry, channel, registration dates on whole months of the zone) and the reader's scope can be said in those
 * dimensions, the exact count is the rollup's sum, whatever its size. Otherwise (a search, the pool, warnings,
 * clocks, an event, dates cutting a month, a staff member's "own + pool" — the pool is a matter of protection
 * dates the rollup does not hold) the matching leads are counted up to the cap, as before.
 */
async function countTotal(
  ctx: Ctx,
  filters: repo.LeadFilters,
  days: { createdFrom?: string; createdTo?: string },
  sort: repo.LeadSortKey,
  moment: ReturnType<typeof momentOf>,
) {
  const countable =
    !filters.q?.trim() &&
    filters.pool === undefined &&
    filters.warning === undefined &&
    filters.overdue === undefined &&
    filters.sourceEventId === undefined &&
    sort !== 'clockDueAt' &&
    // Staff read their own and the pool: said in rollup terms only when the filter is their own leads, or lost
    // leads (always in the pool).
    (filters.visibleTo === undefined || filters.ownerId === filters.visibleTo || filters.stage === 'lost') &&
    rollupIsCurrent(ctx);
  if (countable) {
    const cut = cutByMonths(ctx, days.createdFrom, days.createdTo);
    if (cut.edges.length === 0) {
      const count = await repo.countLeadsInRollup(ctx.db, filters, monthsSql(cut));
      return { count, exact: true };
    }
  }
  return repo.countLeads(ctx.db, { ...filters, clockOnly: sort === 'clockDueAt' }, moment, LEAD_COUNT_CAP);
}

export async function getLead({ ctx, id }: { ctx: Ctx; id: string }): Promise<Lead> {
  requireRole(ctx, [...READERS], 'see leads');
  const lead = await repo.findLead(ctx.db, id, momentOf(ctx));
  if (!lead) throw notFound();
  assertCanRead(ctx, lead);
  return lead;
}

type RefInput = {
  industryId?: string | null;
  chainNodeId?: string | null;
  zoneId?: string | null;
  parkId?: string | null;
  agentId?: string | null;
  sourceEventId?: string | null;
};

/** Referenced records must exist and fit together: the chain node in the industry, the park in the zone. */
export async function checkReferences(tx: Tx, r: RefInput) {
  if (r.industryId) {
    const row = await repo.findIndustryId(tx, r.industryId);
    if (!row) throw invalid('industryId', 'DOES_NOT_EXIST', { entity: 'industry' });
  }
  if (r.chainNodeId) {
    const node = await repo.findChainNode(tx, r.chainNodeId);
    if (!node) throw invalid('chainNodeId', 'DOES_NOT_EXIST', { entity: 'chain node' });
    if (!r.industryId || node.industryId !== r.industryId) throw invalid('chainNodeId', 'NODE_IN_INDUSTRY');
  }
  if (r.zoneId) {
    const row = await repo.findZoneId(tx, r.zoneId);
    if (!row) throw invalid('zoneId', 'DOES_NOT_EXIST', { entity: 'zone' });
  }
  if (r.parkId) {
    const park = await repo.findPark(tx, r.parkId);
    if (!park) throw invalid('parkId', 'DOES_NOT_EXIST', { entity: 'park' });
    if (!r.zoneId || park.zoneId !== r.zoneId) throw invalid('parkId', 'PARK_IN_ZONE');
  }
  if (r.agentId) {
    const agent = await repo.findAgentStatus(tx, r.agentId);
    if (!agent) throw invalid('agentId', 'DOES_NOT_EXIST', { entity: 'agent' });
    if (agent.status === 'terminated') throw invalid('agentId', 'AGENT_TERMINATED');
  }
  if (r.sourceEventId) {
    const event = await repo.findEventId(tx, r.sourceEventId);
    if (!event) throw invalid('sourceEventId', 'DOES_NOT_EXIST', { entity: 'promotion event' });
  }
}

/** Protection runs to the end of the protectionDays-th day after today, in the zone (as a visit renews it). */
export const protectionFromToday = (ctx: Ctx) => endOfDayPlus(ctx, today(ctx), ctx.config.protectionDays);

/** 撞单: the same company twice is a conflict naming who has it and until when. */
async function assertNoDuplicate(ctx: Ctx, tx: Tx, key: { normalizedName: string; creditCode?: string | null }, excludeId?: string) {
  const dup = await repo.findDuplicate(tx, key, excludeId);
  if (!dup) return;
  const until = dup.protectionExpiresAt ? dup.protectionExpiresAt.toISOString() : null;
  const sameCode = key.creditCode && dup.companyName && normalizeCompanyName(dup.companyName) !== key.normalizedName;
  // sameCode is an English aside for integrators' messages; the catalogues' other languages leave it out.
  const who = { company: dup.companyName, owner: dup.ownerName, sameCode: sameCode ? ' (same unified social credit code)' : '' };
  const details: DuplicateLeadDetails = {
    reason: 'duplicate',
    duplicate: true,
    leadId: dup.id,
    companyName: dup.companyName,
    ownerId: dup.ownerId,
    ownerName: dup.ownerName,
    protectionExpiresAt: until,
    stage: dup.stage,
  };
  if (dup.stage === 'signed') {
    // A company already here is not a second lead: its new investment is registered from its project (增资扩产).
    const first = await repo.firstProjectOf(tx, dup.id);
    throw problem('LEAD_DUPLICATE_SIGNED', who, { ...details, projectId: first?.id ?? null, expansion: true } satisfies DuplicateLeadDetails);
  }
  if (dup.protectionExpiresAt) throw problem('LEAD_DUPLICATE', { ...who, protectedUntil: timeOf(ctx, dup.protectionExpiresAt) }, details);
  throw problem('LEAD_DUPLICATE_OPEN', who, details);
}

/**
 * A new lead's columns, created by hand or imported: stage new, its owner's protection from today (an import works it
 * out once for all its rows).
 */
export function newLeadValues(
  ctx: Ctx,
  input: z.infer<typeof CreateLeadBody> & { createdAt?: Date },
  ownerId: string,
  now: Date,
  protectionExpiresAt: Date = protectionFromToday(ctx),
) {
  return {
    companyName: input.companyName,
    normalizedName: normalizeCompanyName(input.companyName),
    creditCode: input.creditCode ?? null,
    industryId: input.industryId ?? null,
    chainNodeId: input.chainNodeId ?? null,
    channel: input.channel,
    agentId: input.agentId ?? null,
    zoneId: input.zoneId ?? null,
    parkId: input.parkId ?? null,
    estimatedInvestmentFen: input.estimatedInvestmentFen,
    contacts: input.contacts,
    notes: input.notes ?? null,
    nextFollowUpOn: input.nextFollowUpOn ?? null,
    sourceEventId: input.sourceEventId ?? null,
    ownerId,
    stage: 'new' as const,
    protectionExpiresAt,
    stageChangedAt: now,
    createdBy: ctx.actor.id,
    createdAt: input.createdAt ?? now,
    updatedAt: now,
  } satisfies typeof leads.$inferInsert;
}

export async function createLead({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateLeadBody> }): Promise<Lead> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'create leads');
  const now = ctx.now();
  const normalizedName = normalizeCompanyName(input.companyName);
  const key = { normalizedName, creditCode: input.creditCode ?? null };
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkReferences(tx, input);
      await assertNoDuplicate(ctx, tx, key);
      const row = await repo.insertLead(tx, newLeadValues(ctx, input, ctx.actor.id, now));
      if (!row) throw notSaved('lead');
      await repo.addStageHistory(tx, { leadId: row.id, fromStage: null, toStage: 'new', changedBy: ctx.actor.id, changedAt: now });
      // The 响应 clock starts, and the creation is the company's first report (首报).
      await syncClock(tx, ctx, row.id, { epochAt: now });
      await recordFirstReport(tx, {
        leadId: row.id,
        reportedBy: ctx.actor.id,
        reportedAt: now,
        zoneId: input.zoneId ?? null,
        companyName: input.companyName,
        channel: input.channel,
      });
      const lead = await repo.findLead(tx, row.id, momentOf(ctx, now));
      if (!lead) throw notSaved('lead');
      await audit(tx, ctx, { action: 'lead.create', entityType: 'lead', entityId: lead.id, after: lead });
      return lead;
    });
  } catch (error) {
    // Two people creating the same company at the same moment: the unique index refuses the second;
    // answer it with the same named conflict as the ordinary check.
    let conflict = error;
    if (isUniqueViolation(error)) {
      try {
        await ctx.db.transaction((tx) => assertNoDuplicate(ctx, tx, key));
      } catch (named) {
        conflict = named;
      }
    }
    // A later report of a company already reported is logged against the first one, not lost (首报).
    if (conflict instanceof AppError && conflict.code === 'CONFLICT' && (conflict.details as { duplicate?: boolean } | undefined)?.duplicate) {
      const details = conflict.details as DuplicateLeadDetails;
      const reportId = await recordLaterReport(ctx, {
        leadId: details.leadId,
        companyName: input.companyName,
        zoneId: input.zoneId ?? null,
        channel: input.channel,
      });
      throw new AppError(conflict.reason, conflict.params, { ...details, laterReportId: reportId } satisfies DuplicateLeadDetails);
    }
    throw conflict;
  }
}

export async function updateLead({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateLeadBody> }): Promise<Lead> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'edit leads');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!before) throw notFound();
    assertCanWrite(ctx, before, 'edit this lead');
    if (before.stage === 'signed') throw problem('LEAD_SIGNED_EDIT_PROJECT');
    const keep = <T>(value: T | undefined, old: T) => (value === undefined ? old : value);
    const next = {
      companyName: input.companyName ?? before.companyName,
      creditCode: keep(input.creditCode, before.creditCode),
      industryId: keep(input.industryId, before.industryId),
      chainNodeId: keep(input.chainNodeId, before.chainNodeId),
      channel: input.channel ?? before.channel,
      agentId: keep(input.agentId, before.agentId),
      zoneId: keep(input.zoneId, before.zoneId),
      parkId: keep(input.parkId, before.parkId),
      estimatedInvestmentFen: input.estimatedInvestmentFen ?? before.estimatedInvestmentFen,
      contacts: input.contacts ?? before.contacts,
      notes: keep(input.notes, before.notes),
      nextFollowUpOn: keep(input.nextFollowUpOn, before.nextFollowUpOn),
      sourceEventId: keep(input.sourceEventId, before.sourceEventId),
    };
    if (['agency', 'business_referral', 'commissioned', 'professional_agency'].includes(next.channel) && !next.agentId) {
      throw invalid('agentId', 'AGENT_REQUIRED');
    }
    await checkReferences(tx, next);
    const normalizedName = normalizeCompanyName(next.companyName);
    if (next.companyName !== before.companyName || next.creditCode !== before.creditCode) {
      await assertNoDuplicate(ctx, tx, { normalizedName, creditCode: next.creditCode }, id);
    }
    const row = await repo.updateLeadAt(tx, id, input.version, { ...next, normalizedName }, now);
    if (!row) throw staleVersion('lead', before.version, input.version);
    // A new estimate or zone may make the lead major (or not), or bring other rules: the clock follows.
    if (next.estimatedInvestmentFen !== before.estimatedInvestmentFen || next.zoneId !== before.zoneId) await syncClock(tx, ctx, id);
    const after = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!after) throw notFound();
    await audit(tx, ctx, { action: 'lead.update', entityType: 'lead', entityId: id, ...diff(before, after) });
    return after;
  });
}

export async function changeStage({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof StageBody> }): Promise<Lead> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'move leads');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockLead(tx, id);
    if (!locked) throw notFound();
    const before = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!before) throw notFound();
    assertCanWrite(ctx, before, 'move this lead');
    if (input.stage === 'signed') {
      throw invalid('stage', 'SIGN_WITH_POST');
    }
    if (before.stage === 'signed') throw problem('LEAD_SIGNED_STAGE_FIXED');
    if (before.stage === input.stage) throw invalid('stage', 'ALREADY_IN_STAGE', { stage: input.stage });
    await repo.setStage(tx, id, { stage: input.stage, reason: input.reason, furthestRank: stageRank(input.stage) ?? 0 }, now);
    await repo.addStageHistory(tx, {
      leadId: id,
      fromStage: before.stage,
      toStage: input.stage,
      reason: input.reason,
      changedBy: ctx.actor.id,
      changedAt: now,
    });
    // Moving a new lead on answers it (响应); reopening a lost lead starts its clocks over; losing one stops them.
    if (before.stage === 'lost') await syncClock(tx, ctx, id, { epochAt: now, resetCycle: true });
    else await syncClock(tx, ctx, id, before.stage === 'new' && input.stage !== 'lost' ? { respondedAt: now } : {});
    const after = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!after) throw notFound();
    await audit(tx, ctx, {
      action: 'lead.stage',
      entityType: 'lead',
      entityId: id,
      before: { stage: before.stage },
      after: { stage: after.stage, reason: input.reason ?? null },
    });
    return after;
  });
}

/**
 * Takes a lead from the public pool. The row is locked and the pool condition re-checked inside the
 * transaction, so of two people claiming at once exactly one wins and the other gets a 409.
 */
export async function claimLead({ ctx, id }: { ctx: Ctx; id: string }): Promise<Lead> {
  requireRole(ctx, ['staff'], 'claim leads from the public pool');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockLead(tx, id);
    if (!locked) throw notFound();
    const before = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!before) throw notFound();
    if (!before.inPool) {
      const details = { ownerId: before.ownerId, ownerName: before.ownerName, protectionExpiresAt: before.protectionExpiresAt };
      if (before.ownerId === ctx.actor.id) throw problem('LEAD_ALREADY_YOURS', {}, details);
      if (before.protectionExpiresAt) {
        throw problem('LEAD_NOT_IN_POOL', { owner: before.ownerName, protectedUntil: timeOf(ctx, new Date(before.protectionExpiresAt)) }, details);
      }
      throw problem('LEAD_NOT_IN_POOL_OPEN', { owner: before.ownerName }, details);
    }
    // The owner who let a lead lapse cannot simply re-claim it (that would make protection endless);
    // a manager can reassign it back. Recorded in docs/decisions.md.
    if (before.ownerId === ctx.actor.id && before.stage !== 'lost') {
      throw problem('LEAD_PROTECTION_LAPSED');
    }
    const reopened = before.stage === 'lost';
    await repo.setOwner(tx, id, { ownerId: ctx.actor.id, protectionExpiresAt: protectionFromToday(ctx), reopened }, now);
    if (reopened)
      await repo.addStageHistory(tx, {
        leadId: id,
        fromStage: 'lost',
        toStage: 'new',
        reason: 'claimed from the public pool',
        changedBy: ctx.actor.id,
        changedAt: now,
      });
    // The new owner gets the full time of the phase the lead is in (a reopened lead starts over at 响应).
    await syncClock(tx, ctx, id, { epochAt: now, resetCycle: reopened });
    const after = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!after) throw notFound();
    await audit(tx, ctx, {
      action: 'lead.claim',
      entityType: 'lead',
      entityId: id,
      before: { ownerId: before.ownerId, ownerName: before.ownerName, stage: before.stage, protectionExpiresAt: before.protectionExpiresAt },
      after: { ownerId: after.ownerId, ownerName: after.ownerName, stage: after.stage, protectionExpiresAt: after.protectionExpiresAt },
    });
    return after;
  });
}

export async function reassignLead({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof ReassignBody> }): Promise<Lead> {
  requireRole(ctx, ['manager'], 'reassign leads');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockLead(tx, id);
    if (!locked) throw notFound();
    const before = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion('lead', before.version, input.version);
    const target = await repo.findUserRow(tx, input.ownerId);
    if (!target?.active) throw invalid('ownerId', 'NO_ACTIVE_USER');
    if (!target.roles.includes('staff') && !target.roles.includes('manager')) throw invalid('ownerId', 'OWNER_ROLE');
    if (before.ownerId === target.id && !before.inPool) throw invalid('ownerId', 'ALREADY_OWNS', { owner: target.displayName });
    await repo.setOwner(tx, id, { ownerId: target.id, protectionExpiresAt: before.stage === 'signed' ? null : protectionFromToday(ctx) }, now);
    await syncClock(tx, ctx, id, { epochAt: now });
    // Told in the same transaction: the reassignment and its message commit together, once.
    await notify(tx, [
      {
        userId: target.id,
        kind: 'lead_reassigned',
        subjectType: 'lead',
        subjectId: id,
        key: now.toISOString(),
        params: { companyName: before.companyName, fromName: before.ownerName, byName: ctx.actor.displayName, note: input.note ?? null },
      },
    ]);
    const after = await repo.findLead(tx, id, momentOf(ctx, now));
    if (!after) throw notFound();
    await audit(tx, ctx, {
      action: 'lead.reassign',
      entityType: 'lead',
      entityId: id,
      before: { ownerId: before.ownerId, ownerName: before.ownerName },
      after: { ownerId: after.ownerId, ownerName: after.ownerName, note: input.note ?? null },
    });
    return after;
  });
}

/**
 * What signing does to the lead, in the signing's transaction with the lead row locked (the projects module signs;
 * the lead's own columns, history, clock and trail are written here): 签约 since the signing day, out of the pool and
 * of every clock for good.
 */
export async function markSigned(ctx: Ctx, tx: Tx, lead: Pick<Lead, 'id' | 'stage'>, signing: { signedOn: string; projectId: string; now: Date }) {
  const { now } = signing;
  await repo.setSigned(tx, lead.id, dayStart(ctx, signing.signedOn), now);
  await repo.addStageHistory(tx, { leadId: lead.id, fromStage: lead.stage, toStage: 'signed', changedBy: ctx.actor.id, changedAt: now });
  await syncClock(tx, ctx, lead.id); // a signed lead's clocks stop
  await audit(tx, ctx, {
    action: 'lead.sign',
    entityType: 'lead',
    entityId: lead.id,
    before: { stage: lead.stage },
    after: { stage: 'signed', projectId: signing.projectId },
  });
}

export async function getStageHistory({ ctx, id }: { ctx: Ctx; id: string }) {
  const lead = await getLead({ ctx, id });
  const rows = await repo.stageHistory(ctx.db, lead.id);
  const now = ctx.now();
  return rows.map(({ h, changedByName }, i) => {
    const next = rows[i + 1];
    const leftAt = next ? next.h.changedAt : null;
    const end = leftAt ?? (lead.stage === 'signed' || lead.stage === 'lost' ? h.changedAt : now);
    return {
      id: h.id,
      fromStage: h.fromStage as Lead['stage'] | null,
      toStage: h.toStage as Lead['stage'],
      reason: h.reason,
      changedBy: h.changedBy,
      changedByName,
      changedAt: h.changedAt.toISOString(),
      leftAt: leftAt?.toISOString() ?? null,
      hoursInStage: Math.round((end.getTime() - h.changedAt.getTime()) / 36_000) / 100,
    };
  });
}
