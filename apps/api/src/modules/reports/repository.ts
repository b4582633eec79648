import { agents, industries, leads, projectMilestones, projects, users, zones, type DbOrTx } from '@crm/db';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';

/** The reports' queries: the only place in the module that speaks SQL. */

export async function findZone(db: DbOrTx, id: string) {
  const [row] = await db.select().from(zones).where(eq(zones.id, id));
  return row;
}

/** Leads created in [start, end), with their industry, zone and owner, oldest first. */
export const newLeads = (db: DbOrTx, start: Date, end: Date, zoneId?: string) =>
  db
    .select({ l: leads, industry: industries.name, zone: zones.name, owner: users.displayName })
    .from(leads)
    .innerJoin(users, eq(users.id, leads.ownerId))
    .leftJoin(industries, eq(industries.id, leads.industryId))
    .leftJoin(zones, eq(zones.id, leads.zoneId))
    .where(and(gte(leads.createdAt, start), lt(leads.createdAt, end), zoneId ? eq(leads.zoneId, zoneId) : undefined))
    .orderBy(asc(leads.createdAt))
    .limit(5000);

/** Projects signed from `from` to `to` (dates, inclusive). */
export const signedProjects = (db: DbOrTx, from: string, to: string, zoneId?: string) =>
  db
    .select({ p: projects, industry: industries.name, zone: zones.name, agent: agents.name, owner: users.displayName })
    .from(projects)
    .innerJoin(industries, eq(industries.id, projects.industryId))
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .innerJoin(users, eq(users.id, projects.ownerId))
    .leftJoin(agents, eq(agents.id, projects.agentId))
    .where(and(gte(projects.signedOn, from), sql`${projects.signedOn} <= ${to}::date`, zoneId ? eq(projects.zoneId, zoneId) : undefined))
    .orderBy(asc(projects.signedOn));

/** Projects that started construction or production from `from` to `to`, one row per milestone reached. */
export const landedProjects = (db: DbOrTx, from: string, to: string, zoneId?: string) =>
  db
    .select({ p: projects, m: projectMilestones, zone: zones.name, industry: industries.name })
    .from(projectMilestones)
    .innerJoin(projects, eq(projects.id, projectMilestones.projectId))
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .innerJoin(industries, eq(industries.id, projects.industryId))
    .where(
      and(
        sql`${projectMilestones.milestone} in ('construction_started', 'in_production')`,
        gte(projectMilestones.reachedOn, from),
        sql`${projectMilestones.reachedOn} <= ${to}::date`,
        zoneId ? eq(projects.zoneId, zoneId) : undefined,
      ),
    )
    .orderBy(asc(projectMilestones.reachedOn));

export const enclaveZones = (db: DbOrTx) => db.select().from(zones).where(eq(zones.isEnclave, true));
