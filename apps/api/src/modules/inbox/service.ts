import { notifications } from '@crm/db';
import { type InboxQuery, invalid, type MyIndustriesBody, type Notification, problem } from '@crm/shared';
import { isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, keysetAfter, pageOf } from '../../lib/cursor.ts';
import * as repo from './repository.ts';

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
  const rows = await repo.messagesOf(
    ctx.db,
    ctx.actor.id,
    [input.unread ? isNull(notifications.readAt) : undefined, keysetAfter(notifications.createdAt, notifications.id, after, { cast: 'timestamptz' })],
    input.limit + 1,
  );
  return pageOf(rows, input.limit, toNotification, (r) => [r.createdAt.toISOString(), r.id]);
}

export async function unreadCount({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  return { count: await repo.unreadCount(ctx.db, ctx.actor.id) };
}

export async function markRead({ ctx, id }: { ctx: Ctx; id: string }): Promise<Notification> {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const row = await repo.findMessage(ctx.db, id);
  // Another user's message is "not found" for you: its existence is not yours to learn.
  if (!row || row.userId !== ctx.actor.id) throw problem('INBOX_MESSAGE_NOT_FOUND');
  if (row.readAt) return toNotification(row);
  const updated = await repo.markRead(ctx.db, id, ctx.now());
  return toNotification(updated ?? row);
}

export async function markAllRead({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read the inbox');
  const done = await repo.markAllRead(ctx.db, ctx.actor.id, ctx.now());
  return { count: done.length };
}

export async function myIndustries({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'read your industries');
  const items = await repo.industriesFollowed(ctx.db, ctx.actor.id);
  return { items };
}

/** The industries whose pool leads a staff member wants to hear about (replaces the list). */
export async function setMyIndustries({ ctx, input }: { ctx: Ctx; input: z.infer<typeof MyIndustriesBody> }) {
  requireRole(ctx, ['staff'], 'follow industries for public-pool leads');
  const ids = [...new Set(input.industryIds)];
  await ctx.db.transaction(async (tx) => {
    if (ids.length) {
      const found = await repo.industryIdsIn(tx, ids);
      if (found.length !== ids.length) throw invalid('industryIds', 'SOME_DO_NOT_EXIST', { entity: 'industries' });
    }
    const before = await repo.followedIndustryIds(tx, ctx.actor.id);
    await repo.setFollowedIndustries(tx, ctx.actor.id, ids);
    await audit(tx, ctx, {
      action: 'user.industries',
      entityType: 'user',
      entityId: ctx.actor.id,
      before: { industryIds: before.map((b) => b.id) },
      after: { industryIds: ids },
    });
  });
  return myIndustries({ ctx });
}
