import {
  agents,
  auditLog,
  industries,
  leads,
  performancePeriods,
  projects,
  promotionEvents,
  rewardCalculations,
  rewardPolicies,
  scoringSchemes,
  serviceFeeContracts,
  users,
  weeklyReports,
  zones,
  type DbOrTx,
} from '@crm/db';
import { auditActionLabel, auditEntityTypeLabel, auditFieldLabel, type AuditQuery, fieldKind, formatAuditValue, type AuditEntityType } from '@crm/shared';
import type { FastifyReply } from 'fastify';
import { and, desc, eq, gte, inArray, like, lt, not, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, pageOf } from '../../lib/cursor.ts';
import { dayEnd, dayStart } from '../../lib/dates.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One select per entity type answering (type, id, name) for the given ids; all of a page's go in one UNION ALL. */
const nameSources: Partial<Record<AuditEntityType, (db: DbOrTx, ids: string[]) => ReturnType<typeof selectNames>>> = {
  lead: (db, ids) => selectNames(db, 'lead', leads.id, sql`${leads.companyName}`, leads, ids),
  project: (db, ids) => selectNames(db, 'project', projects.id, sql`${projects.name}`, projects, ids),
  agent: (db, ids) => selectNames(db, 'agent', agents.id, sql`${agents.name}`, agents, ids),
  user: (db, ids) => selectNames(db, 'user', users.id, sql`${users.displayName}`, users, ids),
  zone: (db, ids) => selectNames(db, 'zone', zones.id, sql`${zones.name}`, zones, ids),
  industry: (db, ids) => selectNames(db, 'industry', industries.id, sql`${industries.name}`, industries, ids),
  policy: (db, ids) => selectNames(db, 'policy', rewardPolicies.id, sql`${rewardPolicies.name}`, rewardPolicies, ids),
  service_fee_contract: (db, ids) => selectNames(db, 'service_fee_contract', serviceFeeContracts.id, sql`${serviceFeeContracts.title}`, serviceFeeContracts, ids),
  scoring_scheme: (db, ids) => selectNames(db, 'scoring_scheme', scoringSchemes.id, sql`${scoringSchemes.name}`, scoringSchemes, ids),
  promotion_event: (db, ids) => selectNames(db, 'promotion_event', promotionEvents.id, sql`${promotionEvents.name}`, promotionEvents, ids),
  // A calculation reads as its project (or contract) and milestone / period.
  reward_calculation: (db, ids) =>
    selectNames(
      db,
      'reward_calculation',
      rewardCalculations.id,
      sql`coalesce((select ${projects.name} from ${projects} where ${projects.id} = ${rewardCalculations.projectId}), (select ${serviceFeeContracts.title} from ${serviceFeeContracts} where ${serviceFeeContracts.id} = ${rewardCalculations.contractId}), '') || ' · ' || ${rewardCalculations.milestone}`,
      rewardCalculations,
      ids,
    ),
  weekly_report: (db, ids) =>
    selectNames(db, 'weekly_report', weeklyReports.id, sql`(select ${users.displayName} from ${users} where ${users.id} = ${weeklyReports.userId}) || ' · ' || ${weeklyReports.week}`, weeklyReports, ids),
  performance_period: (db, ids) =>
    selectNames(
      db,
      'performance_period',
      performancePeriods.id,
      sql`(select ${scoringSchemes.name} from ${scoringSchemes} where ${scoringSchemes.id} = ${performancePeriods.schemeId}) || ' · ' || ${performancePeriods.period}`,
      performancePeriods,
      ids,
    ),
};

function selectNames(db: DbOrTx, type: string, id: Parameters<typeof inArray>[0], name: SQL, table: Parameters<ReturnType<DbOrTx['select']>['from']>[0], ids: string[]) {
  return db
    .select({ type: sql<string>`${type}::text`.as('type'), id: sql<string>`${id}::text`.as('id'), name: sql<string | null>`${name}`.as('name') })
    .from(table)
    .where(inArray(id, ids));
}

/** Every (type, id) a page names: its entries' records and the ids their before/after refer to (owner, agent…). */
function wanted(entries: { entityType: string; entityId: string; before: unknown; after: unknown }[]): Map<AuditEntityType, Set<string>> {
  const want = new Map<AuditEntityType, Set<string>>();
  const add = (type: AuditEntityType, id: unknown) => {
    if (typeof id !== 'string' || !UUID.test(id) || !nameSources[type]) return;
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

/** The names of a page's records, in one query (a UNION ALL over the entity types the page has). */
export async function resolveNames(db: DbOrTx, want: Map<AuditEntityType, Set<string>>): Promise<Map<string, string>> {
  const parts = [...want].map(([type, ids]) => nameSources[type]!(db, [...ids]));
  const names = new Map<string, string>();
  if (parts.length === 0) return names;
  const [first, ...rest] = parts;
  const query = rest.reduce((q, part) => q.unionAll(part) as unknown as typeof q, first!);
  for (const row of await query) if (row.name) names.set(`${row.type}:${row.id}`, row.name);
  return names;
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
  const rows = await ctx.db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(auditWhere(ctx, input), before !== undefined && Number.isSafeInteger(before) ? lt(auditLog.id, before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const { items: page, nextCursor } = pageOf(rows, input.limit, (r) => r, (r) => ['id', r.entry.id]);
  const want = wanted(page.map((r) => r.entry));
  const names = await resolveNames(ctx.db, want);
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
