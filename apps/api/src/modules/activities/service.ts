import { type Activity, type CreateActivityBody, invalid, notFound, notSaved, problem, protectingActivityKinds } from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { dateOf, endOfDayPlus, momentOf, today } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { getLead } from '../leads/service.ts';
import { syncClock } from '../clocks/clock.ts';
import * as repo from './repository.ts';

export async function listActivities({ ctx, leadId }: { ctx: Ctx; leadId: string }): Promise<Activity[]> {
  await getLead({ ctx, id: leadId }); // read permission on the lead
  return loadActivities(ctx, leadId);
}

/** A lead's activities (or one of them) with the names of the staff present, in two queries. */
async function loadActivities(ctx: Ctx, leadId: string, activityId?: string): Promise<Activity[]> {
  const rows = await repo.activitiesOf(ctx.db, leadId, activityId);
  const staffIds = [...new Set(rows.flatMap((r) => r.a.staffIds))];
  const names = staffIds.length ? await repo.userNames(ctx.db, staffIds) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map(({ a, createdByName }) => ({
    id: a.id,
    leadId: a.leadId,
    kind: a.kind as Activity['kind'],
    occurredOn: a.occurredOn,
    staffIds: a.staffIds,
    staffNames: a.staffIds.map((id) => nameOf.get(id) ?? ''),
    contactsMet: a.contactsMet,
    location: a.location,
    summary: a.summary,
    nextStep: a.nextStep,
    nextFollowUpOn: a.nextFollowUpOn,
    createdBy: a.createdBy,
    createdByName,
    createdAt: a.createdAt.toISOString(),
  }));
}

/**
 * Logs a visit, inspection, call, meeting or event on a lead. A visit out or an inspection visit in renews
 * the owner's protection to `protectionDays` after the day it happened (domain.md "Protection").
 *
 * Only the lead's owner logs (issue 9): a follow-up is the owner's record and renews the owner's protection, so a
 * colleague who went along is named among the staff present, never the logger. A lead in the public pool has no
 * owner to protect: it must be claimed first (the lapsed owner, whom /claim refuses, asks a manager to reassign it),
 * otherwise logging a visit would hand a lapsed owner back the protection that /claim refuses them.
 */
export async function createActivity({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof CreateActivityBody> }): Promise<Activity> {
  requireRole(ctx, ['staff'], 'log activities');
  const now = ctx.now();
  if (input.occurredOn > today(ctx)) throw invalid('occurredOn', 'FUTURE_ACTIVITY');
  return ctx.db.transaction(async (tx) => {
    const locked = await leadRepo.lockLead(tx, leadId);
    if (!locked) throw notFound('lead');
    const lead = await leadRepo.findLead(tx, leadId, momentOf(ctx, now));
    if (!lead) throw notFound('lead');
    if (lead.inPool) {
      const lapsedOwner = lead.ownerId === ctx.actor.id && lead.stage !== 'lost';
      throw problem(lapsedOwner ? 'LEAD_IN_POOL_LAPSED' : 'LEAD_IN_POOL_CLAIM', {}, { reason: 'in_pool', leadId });
    }
    if (lead.ownerId !== ctx.actor.id) {
      throw problem('ACTIVITY_NOT_OWNER', { owner: lead.ownerName });
    }
    // Nothing happened with a company before it was a lead here (issue 8: a visit dated before the lead existed).
    const leadDay = dateOf(ctx, locked.createdAt);
    if (input.occurredOn < leadDay) throw invalid('occurredOn', 'BEFORE_LEAD_CREATED', { date: leadDay });
    const staffIds = [...new Set([ctx.actor.id, ...input.staffIds])];
    const found = await repo.existingUserIds(tx, staffIds);
    if (found.length !== staffIds.length) throw invalid('staffIds', 'NOT_A_USER_PRESENT');
    const row = await repo.insertActivity(tx, {
      leadId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      staffIds,
      contactsMet: input.contactsMet ?? null,
      location: input.location ?? null,
      summary: input.summary,
      nextStep: input.nextStep ?? null,
      nextFollowUpOn: input.nextFollowUpOn ?? null,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw notSaved('activity');
    const renews = protectingActivityKinds.includes(input.kind) && lead.stage !== 'signed' && lead.stage !== 'lost';
    const renewedUntil = renews ? endOfDayPlus(ctx, input.occurredOn, ctx.config.protectionDays) : null;
    // The lead's columns are the leads module's to write (protection only ever extends there).
    await leadRepo.recordActivity(tx, leadId, { nextFollowUpOn: input.nextFollowUpOn, renewedUntil }, now);
    // Any contact logged answers a new lead (响应) and, once a followed lead is fed back, is its 跟进汇报.
    await syncClock(tx, ctx, leadId, { respondedAt: now, lastReportAt: now });
    await audit(tx, ctx, {
      action: 'activity.create',
      entityType: 'lead',
      entityId: leadId,
      after: {
        activityId: row.id,
        kind: row.kind,
        occurredOn: row.occurredOn,
        summary: row.summary,
        protectionRenewedUntil: renewedUntil?.toISOString() ?? null,
      },
    });
    // Read back inside the transaction: a visit that was saved must never answer 500 because the read after the
    // commit failed (the user would log it again).
    const [activity] = await loadActivities(within(ctx, tx), leadId, row.id);
    if (!activity) throw notSaved('activity');
    return activity;
  });
}
