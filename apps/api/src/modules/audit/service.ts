import { auditLog } from '@crm/db';
import { auditActionLabel, auditEntityTypeLabel, auditFieldLabel, type AuditQuery, fieldKind, formatAuditValue, type AuditEntityType } from '@crm/shared';
import type { FastifyReply } from 'fastify';
import { and, eq, gte, like, lt, not, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, pageOf } from '../../lib/cursor.ts';
import { dayEnd, dayStart } from '../../lib/dates.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';
import * as repo from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every (type, id) a page names: its entries' records and the ids their before/after refer to (owner, agent…). */
function wanted(entries: { entityType: string; entityId: string; before: unknown; after: unknown }[]): Map<AuditEntityType, Set<string>> {
  const want = new Map<AuditEntityType, Set<string>>();
  const add = (type: AuditEntityType, id: unknown) => {
    if (typeof id !== 'string' || !UUID.test(id) || !repo.hasNames(type)) return;
    let set = want.get(type);
    if (!set) {
      set = new Set();
      want.set(type, set);
    }
    set.add(id);
  };
  for (const e of entries) {
    add(e.entityType as AuditEntityType, e.entityId);
    for (const side of [e.before, e.after]) {
      if (!side || typeof side !== 'object' || Array.isArray(side)) continue;
      for (const [field, value] of Object.entries(side as Record<string, unknown>)) {
        const kind = fieldKind(field, e.entityType);
        if (kind.kind !== 'ref') continue;
        for (const id of Array.isArray(value) ? value : [value]) add(kind.entityType, id);
      }
    }
  }
  return want;
}

export type AuditInput = z.infer<typeof AuditQuery>;

/** The filters of the audit list, shared by the page and its export. */
export function auditWhere(ctx: Ctx, input: Omit<AuditInput, 'limit' | 'cursor'>): SQL | undefined {
  return and(
    input.action ? eq(auditLog.action, input.action) : undefined,
    // Sign-ins flood the trail: left out unless asked for, or unless an auth.* action is the filter.
    input.includeAuth || input.action?.startsWith('auth.') ? undefined : not(like(auditLog.action, 'auth.%')),
    input.entityType ? eq(auditLog.entityType, input.entityType) : undefined,
    input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
    input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
    input.from ? gte(auditLog.at, dayStart(ctx, input.from)) : undefined,
    input.to ? lt(auditLog.at, dayEnd(ctx, input.to)) : undefined,
  );
}

/** Rows of the trail with actor and record names, newest first, keyset-paged on the id. */
export async function auditPage(ctx: Ctx, input: AuditInput) {
  const before = input.cursor ? Number(decodeCursor(input.cursor, 'text', 'integer')[1]) : undefined;
  const rows = await repo.auditRows(
    ctx.db,
    and(auditWhere(ctx, input), before !== undefined && Number.isSafeInteger(before) ? lt(auditLog.id, before) : undefined),
    input.limit + 1,
  );
  const { items: page, nextCursor } = pageOf(
    rows,
    input.limit,
    (r) => r,
    (r) => ['id', r.entry.id],
  );
  const want = wanted(page.map((r) => r.entry));
  const names = await repo.resolveNames(ctx.db, want);
  const items = page.map(({ entry, actorName }) => {
    const refs: Record<string, string> = {};
    for (const side of [entry.before, entry.after]) {
      if (!side || typeof side !== 'object' || Array.isArray(side)) continue;
      for (const [field, value] of Object.entries(side as Record<string, unknown>)) {
        const kind = fieldKind(field, entry.entityType);
        if (kind.kind !== 'ref') continue;
        for (const id of Array.isArray(value) ? value : [value]) {
          const name = typeof id === 'string' ? names.get(`${kind.entityType}:${id}`) : undefined;
          if (name) refs[id as string] = name;
        }
      }
    }
    return {
      ...entry,
      at: entry.at.toISOString(),
      actorName,
      entityName: names.get(`${entry.entityType}:${entry.entityId}`) ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      names: refs,
    };
  });
  return { items, nextCursor };
}

/** Managers and admins read the trail; nobody writes it except the services, inside their transactions. */
export async function readAudit({ ctx, input }: { ctx: Ctx; input: AuditInput }) {
  requireRole(ctx, ['manager', 'admin'], 'read the audit log');
  return auditPage(ctx, input);
}

/**
 * The trail under the page's filter as .xlsx (审计日志): labels, not codes; names beside ids; changes as
 * "field: before → after" with money, times and people as the page shows them.
 */
export async function exportAudit({ ctx, reply, input }: { ctx: Ctx; reply: FastifyReply; input: Omit<AuditInput, 'limit' | 'cursor'> }) {
  requireRole(ctx, ['manager', 'admin'], 'read the audit log');
  type Item = Awaited<ReturnType<typeof auditPage>>['items'][number];
  const tz = ctx.config.timeZone;
  const show = (field: string, value: unknown, item: Item) => formatAuditValue(field, value, item.entityType, item.names, 'zh', tz);
  const changes = (item: Item): string => {
    const side = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
    const b = side(item.before);
    const a = side(item.after);
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
      .map((f) => `${auditFieldLabel(f)}: ${item.before ? `${show(f, b[f], item)} → ` : ''}${show(f, a[f], item)}`)
      .join('\n');
  };
  const columns: Column<Item>[] = [
    { header: '时间', kind: 'datetime', value: (e) => e.at },
    { header: '操作人', kind: 'text', width: 12, value: (e) => e.actorName ?? '系统' },
    { header: '动作', kind: 'text', width: 16, value: (e) => auditActionLabel(e.action) },
    { header: '对象类型', kind: 'text', width: 12, value: (e) => auditEntityTypeLabel(e.entityType) },
    { header: '对象', kind: 'text', width: 28, value: (e) => e.entityName },
    { header: '对象编号', kind: 'text', width: 38, value: (e) => e.entityId },
    { header: '变更', kind: 'text', width: 60, value: changes },
    { header: '请求编号', kind: 'text', width: 20, value: (e) => e.requestId },
  ];
  const rows = pages((cursor) => auditPage(ctx, { ...input, limit: 500, cursor }));
  return sendSheet(ctx, reply, { name: '审计日志', ascii: 'audit', columns, rows });
}
