import { activities, leads, users } from '@crm/db';
import { AppError, invalid, protectingActivityKinds, type Activity, type CreateActivityBody } from '@crm/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { endOfDayPlus, momentOf, today } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { assertCanWrite, getLead } from '../leads/service.ts';


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
 */
export async function createActivity({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof CreateActivityBody> }): Promise<Activity> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'log activities');
  const now = ctx.now();
  if (input.occurredOn > today(ctx)) throw invalid('occurredOn', 'cannot be in the future; log an activity once it has happened');
  return ctx.db.transaction(async (tx) => {
    const locked = await leadRepo.lockLead(tx, leadId);
    if (!locked) throw new AppError('NOT_FOUND', 'This lead was not found. Check the id.');
    const lead = await leadRepo.findLead(tx, leadId, momentOf(ctx, now));
    if (!lead) throw new AppError('NOT_FOUND', 'This lead was not found. Check the id.');
    assertCanWrite(ctx, lead, 'log activities on this lead');
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
