import { activities, leads, users } from '@crm/db';
import { AppError, invalid, protectingActivityKinds, type Activity, type CreateActivityBody } from '@crm/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { dateOf, endOfDayPlus, momentOf, today } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { getLead } from '../leads/service.ts';
import { syncClock } from '../clocks/clock.ts';


export async function listActivities({ ctx, leadId }: { ctx: Ctx; leadId: string }): Promise<Activity[]> {
  await getLead({ ctx, id: leadId }); // read permission on the lead
  return loadActivities(ctx, leadId);
}

/** A lead's activities (or one of them) with the names of the staff present, in two queries. */
async function loadActivities(ctx: Ctx, leadId: string, activityId?: string): Promise<Activity[]> {
  const rows = await ctx.db
    .select({ a: activities, createdByName: users.displayName })
    .from(activities)
    .innerJoin(users, eq(users.id, activities.createdBy))
    .where(and(eq(activities.leadId, leadId), activityId ? eq(activities.id, activityId) : undefined))
    .orderBy(desc(activities.occurredOn), desc(activities.createdAt));
  const staffIds = [...new Set(rows.flatMap((r) => r.a.staffIds))];
  const names = staffIds.length ? await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, staffIds)) : [];
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
  if (input.occurredOn > today(ctx)) throw invalid('occurredOn', 'cannot be in the future; log an activity once it has happened');
  return ctx.db.transaction(async (tx) => {
    const locked = await leadRepo.lockLead(tx, leadId);
    if (!locked) throw new AppError('NOT_FOUND', 'This lead was not found. Check the id.');
    const lead = await leadRepo.findLead(tx, leadId, momentOf(ctx, now));
    if (!lead) throw new AppError('NOT_FOUND', 'This lead was not found. Check the id.');
    if (lead.inPool) {
      const lapsedOwner = lead.ownerId === ctx.actor.id && lead.stage !== 'lost';
      throw new AppError(
        'PRECONDITION_FAILED',
        lapsedOwner
          ? 'This lead is in the public pool (公海): your protection lapsed. Ask a manager to reassign it to you, then log the follow-up.'
          : 'This lead is in the public pool (公海): claim it first, then log the follow-up.',
        { reason: 'in_pool', leadId },
      );
    }
    if (lead.ownerId !== ctx.actor.id) {
      throw new AppError('FORBIDDEN', `You cannot log activities on this lead: it belongs to ${lead.ownerName}. Only its owner can; a colleague who was there is named among the staff present.`);
    }
    // Nothing happened with a company before it was a lead here (issue 8: a visit dated before the lead existed).
    const leadDay = dateOf(ctx, locked.createdAt);
    if (input.occurredOn < leadDay) throw invalid('occurredOn', `cannot be before the lead was created (${leadDay}), so log only what happened since then`);
    const staffIds = [...new Set([ctx.actor.id, ...input.staffIds])];
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, staffIds));
    if (found.length !== staffIds.length) throw invalid('staffIds', 'one of the staff present is not a user');
    const [row] = await tx
      .insert(activities)
      .values({
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
      })
      .returning();
    if (!row) throw new AppError('INTERNAL', 'The activity was not saved.');
    const renews = protectingActivityKinds.includes(input.kind) && lead.stage !== 'signed' && lead.stage !== 'lost';
    const renewedUntil = renews ? endOfDayPlus(ctx, input.occurredOn, ctx.config.protectionDays) : null;
    await tx
      .update(leads)
      .set({
        lastActivityAt: now,
        ...(input.nextFollowUpOn ? { nextFollowUpOn: input.nextFollowUpOn } : {}),
        // Only ever extends: a back-dated visit does not shorten protection.
        ...(renewedUntil ? { protectionExpiresAt: sql`greatest(${leads.protectionExpiresAt}, ${renewedUntil.toISOString()}::timestamptz)` } : {}),
        version: sql`${leads.version} + 1`,
        updatedAt: now,
      })
      .where(eq(leads.id, leadId));
    // Any contact logged answers a new lead (响应) and, once a followed lead is fed back, is its 跟进汇报.
    await syncClock(tx, ctx, leadId, { respondedAt: now, lastReportAt: now });
    await audit(tx, ctx, {
      action: 'activity.create',
      entityType: 'lead',
      entityId: leadId,
      after: { activityId: row.id, kind: row.kind, occurredOn: row.occurredOn, summary: row.summary, protectionRenewedUntil: renewedUntil?.toISOString() ?? null },
    });
    // Read back inside the transaction: a visit that was saved must never answer 500 because the read after the
    // commit failed (the user would log it again).
    const [activity] = await loadActivities(within(ctx, tx), leadId, row.id);
    if (!activity) throw new AppError('INTERNAL', 'The activity was not saved.');
    return activity;
  });
}
