import { auditLog, users } from '@crm/db';
import { AuditEntry, AuditQuery, Page } from '@crm/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';

/** Managers and admins read the trail; nobody writes it except the services, inside their transactions. */
export async function readAudit({ ctx, input }: { ctx: Ctx; input: z.infer<typeof AuditQuery> }) {
  requireRole(ctx, ['manager', 'admin'], 'read the audit log');
  const before = input.cursor ? Number(decodeCursor(input.cursor, 'text', 'integer')[1]) : undefined;
  const rows = await ctx.db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        input.entityType ? eq(auditLog.entityType, input.entityType) : undefined,
        input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
        input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
        before !== undefined && Number.isSafeInteger(before) ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ entry, actorName }) => ({ ...entry, at: entry.at.toISOString(), actorName, before: entry.before ?? null, after: entry.after ?? null })),
    nextCursor: rows.length > input.limit && last ? encodeCursor('id', last.entry.id) : null,
  };
}

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    { ...app.access(['manager', 'admin']), schema: { tags: ['audit'], summary: 'The audit trail, newest first (manager, admin)', querystring: AuditQuery, response: { 200: Page(AuditEntry) } } },
    (req) => readAudit({ ctx: req.ctx(), input: req.query }),
  );
}
