import { agents, leads, projects, users, type DbOrTx } from '@crm/db';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Moment } from '../../lib/dates.ts';
import { filterSql } from '../leads/repository.ts';
import { staffProjectSql } from '../projects/repository.ts';

/** The header search's queries, one per kind: `pattern` is an escaped ILIKE pattern, `code` a credit code. */

const owner = alias(users, 'search_owner');

/** Names starting with the words come first; `prefix` is the escaped words. Staff (`visibleTo`) see their own and the pool. */
export function searchLeads(db: DbOrTx, q: { pattern: string; prefix: string; code: string | null; visibleTo?: string; now: Moment; limit: number }) {
  return db
    .select({ id: leads.id, title: leads.companyName, creditCode: leads.creditCode, ownerName: owner.displayName })
    .from(leads)
    .innerJoin(owner, eq(owner.id, leads.ownerId))
    .where(
      and(
        q.code ? eq(leads.creditCode, q.code) : or(ilike(leads.companyName, q.pattern), sql`${leads.contacts}::text ilike ${q.pattern}`),
        // The list's own visibility rule (own leads and the pool for staff).
        filterSql({ visibleTo: q.visibleTo }, q.now),
      ),
    )
    .orderBy(sql`${leads.companyName} ilike ${`${q.prefix}%`} desc`, asc(leads.companyName), asc(leads.id))
    .limit(q.limit);
}

/** `staffId`: only the projects this staff member owns or is credited on. */
export function searchProjects(db: DbOrTx, q: { pattern: string; staffId?: string; limit: number }) {
  return db
    .select({ id: projects.id, title: projects.name, ownerName: owner.displayName })
    .from(projects)
    .innerJoin(owner, eq(owner.id, projects.ownerId))
    .where(and(ilike(projects.name, q.pattern), q.staffId ? staffProjectSql(q.staffId) : undefined))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(q.limit);
}

export function searchAgents(db: DbOrTx, q: { pattern: string; code: string | null; limit: number }) {
  return db
    .select({ id: agents.id, title: agents.name, contactName: agents.contactName, phone: agents.phone, creditCode: agents.creditCode })
    .from(agents)
    .where(q.code ? eq(agents.creditCode, q.code) : or(ilike(agents.name, q.pattern), ilike(agents.contactName, q.pattern), ilike(agents.phone, q.pattern)))
    .orderBy(asc(agents.name), asc(agents.id))
    .limit(q.limit);
}

/** Active people by name, username or phone. */
export function searchPeople(db: DbOrTx, q: { pattern: string; limit: number }) {
  return db
    .select({ id: users.id, title: users.displayName, username: users.username })
    .from(users)
    .where(and(eq(users.active, true), or(ilike(users.displayName, q.pattern), ilike(users.username, q.pattern), ilike(users.phone, q.pattern))))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(q.limit);
}
