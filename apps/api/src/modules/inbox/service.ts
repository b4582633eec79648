import { industries, notifications, userIndustries } from '@crm/db';
import { type InboxQuery, invalid, type MyIndustriesBody, type Notification, problem } from '@crm/shared';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, keysetAfter, pageOf } from '../../lib/cursor.ts';

const EVERYONE = ['staff', 'manager', 'finance', 'admin'] as const;

const linkOf = (n: { subjectType: string; subjectId: string; params: Record<string, unknown> }): string =>
  n.subjectType === 'reward_calculation'
    ? `/finance/calculations/${n.subjectId}`
    : n.subjectType === 'dispute'
      ? `/leads/${String(n.params.leadId ?? '')}`
      : n.subjectType === 'bottom_flag'
        ? `/performance?scheme=${String(n.params.schemeId ?? '')}&period=${String(n.params.period ?? '')}`
        : n.subjectType === 'approval_item'
          ? `/projects/${String(n.params.projectId ?? '')}`
          : n.subjectType === 'reward_objection'
            ? `/notices?calculation=${String(n.params.calculationId ?? '')}`
            : `/leads/${n.subjectId}`;

const toNotification = (n: typeof notifications.$inferSelect): Notification => ({
  id: n.id,
  kind: n.kind as Notification['kind'],
  subjectType: n.subjectType as Notification['subjectType'],
  subjectId: n.subjectId,
  params: n.params,
  link: linkOf(n),
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** One's own inbox, newest first, in keyset pages. Nobody reads another's inbox. */
export async function listInbox({ ctx, input }: { ctx: Ctx; input: z.infer<typeof InboxQuery> }) {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const after = input.cursor ? decodeCursor(input.cursor, 'timestamp') : null;
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, ctx.actor.id),
        input.unread ? isNull(notifications.readAt) : undefined,
        keysetAfter(notifications.createdAt, notifications.id, after, { cast: 'timestamptz' }),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, toNotification, (r) => [r.createdAt.toISOString(), r.id]);
}

export async function unreadCount({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const [row] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)));
  return { count: row?.n ?? 0 };
}

export async function markRead({ ctx, id }: { ctx: Ctx; id: string }): Promise<Notification> {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const [row] = await ctx.db.select().from(notifications).where(eq(notifications.id, id));
  // Another user's message is "not found" for you: its existence is not yours to learn.
  if (!row || row.userId !== ctx.actor.id) throw problem('INBOX_MESSAGE_NOT_FOUND');
  if (row.readAt) return toNotification(row);
  const [updated] = await ctx.db.update(notifications).set({ readAt: ctx.now() }).where(eq(notifications.id, id)).returning();
  return toNotification(updated ?? row);
}

export async function markAllRead({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const done = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { count: done.length };
}

export async function myIndustries({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read your industries');
  const items = await ctx.db
    .select({ id: industries.id, name: industries.name })
    .from(userIndustries)
    .innerJoin(industries, eq(industries.id, userIndustries.industryId))
    .where(eq(userIndustries.userId, ctx.actor.id))
    .orderBy(industries.name);
  return { items };
}

/** The industries whose pool leads a staff member wants to hear about (replaces the list). */
export async function setMyIndustries({ ctx, input }: { ctx: Ctx; input: z.infer<typeof MyIndustriesBody> }) {
  requireRole(ctx, ['staff'], 'follow industries for public-pool leads');
  const ids = [...new Set(input.industryIds)];
  await ctx.db.transaction(async (tx) => {
    if (ids.length) {
      const found = await tx.select({ id: industries.id }).from(industries).where(inArray(industries.id, ids));
      if (found.length !== ids.length) throw invalid('industryIds', 'SOME_DO_NOT_EXIST', { entity: 'industries' });
    }
    const before = await tx.select({ id: userIndustries.industryId }).from(userIndustries).where(eq(userIndustries.userId, ctx.actor.id));
    await tx.delete(userIndustries).where(eq(userIndustries.userId, ctx.actor.id));
    if (ids.length) await tx.insert(userIndustries).values(ids.map((industryId) => ({ userId: ctx.actor.id, industryId })));
    await audit(tx, ctx, { action: 'user.industries', entityType: 'user', entityId: ctx.actor.id, before: { industryIds: before.map((b) => b.id) }, after: { industryIds: ids } });
  });
  return myIndustries({ ctx });
}
