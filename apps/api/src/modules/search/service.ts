import { agents, leads, projects, users } from '@crm/db';
import { SEARCH_LIMIT_PER_KIND, type SearchQuery, type SearchResult } from '@crm/shared';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { momentOf } from '../../lib/dates.ts';
import { filterSql } from '../leads/repository.ts';
import { staffProjectSql } from '../projects/repository.ts';

const READERS = ['staff', 'manager', 'finance', 'admin'] as const;
const owner = alias(users, 'search_owner');

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The header search (Ctrl+K): leads, projects, agents and people by name, unified social credit code or contact,
 * at most SEARCH_LIMIT_PER_KIND of each. Each kind is scoped exactly as its own list is, so nobody finds here what
 * they could not open: staff find their own leads and the public pool, their own or credited projects, and no
 * people (they have no page to open a colleague on); managers, finance and admins find every lead and project.
 */
export async function search({ ctx, input }: { ctx: Ctx; input: z.infer<typeof SearchQuery> }): Promise<z.infer<typeof SearchResult>> {
  requireRole(ctx, [...READERS], 'search');
  const q = input.q;
  const pattern = like(q);
  const code = /^[0-9A-Z]{18}$/i.test(q) ? q.toUpperCase() : null;
  const seesAll = hasRole(ctx, 'manager', 'admin', 'finance');
  const limit = SEARCH_LIMIT_PER_KIND;

  const leadRows = ctx.db
    .select({ id: leads.id, title: leads.companyName, creditCode: leads.creditCode, ownerName: owner.displayName })
    .from(leads)
    .innerJoin(owner, eq(owner.id, leads.ownerId))
    .where(
      and(
        code ? eq(leads.creditCode, code) : or(ilike(leads.companyName, pattern), sql`${leads.contacts}::text ilike ${pattern}`),
        // The list's own visibility rule (own leads and the pool for staff).
        filterSql({ visibleTo: seesAll ? undefined : ctx.actor.id }, momentOf(ctx)),
      ),
    )
    .orderBy(sql`${leads.companyName} ilike ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} desc`, asc(leads.companyName), asc(leads.id))
    .limit(limit);

  const projectRows = ctx.db
    .select({ id: projects.id, title: projects.name, ownerName: owner.displayName })
    .from(projects)
    .innerJoin(owner, eq(owner.id, projects.ownerId))
    .where(and(ilike(projects.name, pattern), seesAll ? undefined : staffProjectSql(ctx.actor.id)))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(limit);

  const agentRows = ctx.db
    .select({ id: agents.id, title: agents.name, contactName: agents.contactName, phone: agents.phone, creditCode: agents.creditCode })
    .from(agents)
    .where(code ? eq(agents.creditCode, code) : or(ilike(agents.name, pattern), ilike(agents.contactName, pattern), ilike(agents.phone, pattern)))
    .orderBy(asc(agents.name), asc(agents.id))
    .limit(limit);

  const peopleRows = hasRole(ctx, 'manager', 'admin')
    ? ctx.db
        .select({ id: users.id, title: users.displayName, username: users.username })
        .from(users)
        .where(and(eq(users.active, true), or(ilike(users.displayName, pattern), ilike(users.username, pattern), ilike(users.phone, pattern))))
        .orderBy(asc(users.displayName), asc(users.id))
        .limit(limit)
    : Promise.resolve([]);

  const [l, p, a, u] = await Promise.all([leadRows, projectRows, agentRows, peopleRows]);
  return {
    leads: l.map((r) => ({ id: r.id, title: r.title, detail: [r.creditCode, r.ownerName].filter(Boolean).join(' · ') || null })),
    projects: p.map((r) => ({ id: r.id, title: r.title, detail: r.ownerName })),
    agents: a.map((r) => ({ id: r.id, title: r.title, detail: [r.contactName, r.phone].filter(Boolean).join(' · ') || null })),
    people: u.map((r) => ({ id: r.id, title: r.title, detail: r.username })),
  };
}
