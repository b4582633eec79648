import {
  fieldIssue,
  problem,
  staleVersion,
  type CreateSavedViewBody,
  type SavedView,
  type SavedViewFilters,
  type SavedViewListQuery,
  type UpdateSavedViewBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { hasRole, requireRole, within, type Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

/** Whoever reads the leads list may keep views of it. */
const READERS = ['staff', 'manager', 'finance', 'admin'] as const;
const notFound = () => problem('VIEW_NOT_FOUND');
/** Managers (and admins) share views with everyone; a shared view is filters only, each reader still sees only their leads. */
const canShare = (ctx: Ctx) => hasRole(ctx, 'manager', 'admin');

const toView = (ctx: Ctx, { v, ownerName }: repo.ViewRow): SavedView => ({
  id: v.id,
  list: v.list as SavedView['list'],
  name: v.name,
  filters: v.filters as z.infer<typeof SavedViewFilters>,
  shared: v.shared,
  ownerId: v.ownerId,
  ownerName,
  mine: v.ownerId === ctx.actor.id,
  version: v.version,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** One's own views first (by name), then the views shared with everyone. Both are few: no paging. */
export async function listViews({ ctx, input }: { ctx: Ctx; input: z.infer<typeof SavedViewListQuery> }): Promise<SavedView[]> {
  requireRole(ctx, [...READERS], 'see saved views');
  const rows = await repo.viewsOf(ctx.db, input.list, ctx.actor.id);
  return rows.map((r) => toView(ctx, r));
}

async function findOwn(ctx: Ctx, id: string, what: string) {
  const row = await repo.lockView(ctx.db, id);
  if (!row || (row.v.ownerId !== ctx.actor.id && !row.v.shared)) throw notFound();
  if (row.v.ownerId !== ctx.actor.id) throw problem('VIEW_NOT_YOURS', { owner: row.ownerName }, { action: what });
  return row;
}

const duplicateName = (name: string) => problem('VIEW_NAME_TAKEN', { name }, { reason: 'duplicate_name', fields: [fieldIssue('name', 'TAKEN')] });

async function assertNameFree(ctx: Ctx, list: string, name: string, exceptId?: string) {
  const clash = await repo.findByName(ctx.db, { ownerId: ctx.actor.id, list, name, exceptId });
  if (clash) throw duplicateName(name);
}

const refuseSharing = () => problem('VIEW_SHARING_MANAGERS');

export async function createView({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateSavedViewBody> }): Promise<SavedView> {
  requireRole(ctx, [...READERS], 'save views');
  if (input.shared && !canShare(ctx)) throw refuseSharing();
  return ctx.db.transaction(async (tx) => {
    const c = within(ctx, tx);
    await assertNameFree(c, input.list, input.name);
    const v = await repo.insertView(tx, {
      ownerId: ctx.actor.id,
      list: input.list,
      name: input.name,
      filters: input.filters as Record<string, string>,
      shared: input.shared,
    });
    if (!v) throw new Error('insert returned nothing');
    await audit(tx, ctx, {
      action: 'saved_view.create',
      entityType: 'saved_view',
      entityId: v.id,
      after: { name: v.name, list: v.list, filters: v.filters, shared: v.shared },
    });
    return toView(ctx, { v, ownerName: ctx.actor.displayName });
  });
}

export async function updateView({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateSavedViewBody> }): Promise<SavedView> {
  requireRole(ctx, [...READERS], 'change saved views');
  if (input.shared === true && !canShare(ctx)) throw refuseSharing();
  return ctx.db.transaction(async (tx) => {
    const c = within(ctx, tx);
    const { v: before, ownerName } = await findOwn(c, id, 'change this view');
    if (before.version !== input.version) throw staleVersion('view', before.version, input.version);
    if (input.name !== undefined && input.name !== before.name) await assertNameFree(c, before.list, input.name, id);
    const v = await repo.updateView(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filters !== undefined ? { filters: input.filters as Record<string, string> } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      version: before.version + 1,
    });
    if (!v) throw notFound();
    const pick = (x: typeof v) => ({ name: x.name, filters: x.filters, shared: x.shared });
    await audit(tx, ctx, { action: 'saved_view.update', entityType: 'saved_view', entityId: id, ...diff(pick(before), pick(v)) });
    return toView(ctx, { v, ownerName });
  });
}

export async function deleteView({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  requireRole(ctx, [...READERS], 'delete saved views');
  await ctx.db.transaction(async (tx) => {
    const { v } = await findOwn(within(ctx, tx), id, 'delete this view');
    await repo.deleteView(tx, id);
    await audit(tx, ctx, {
      action: 'saved_view.delete',
      entityType: 'saved_view',
      entityId: id,
      before: { name: v.name, list: v.list, filters: v.filters, shared: v.shared },
    });
  });
}
