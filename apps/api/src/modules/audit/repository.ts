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
import type { AuditEntityType } from '@crm/shared';
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';

/** The audit trail's queries: the only place in the module that speaks SQL. */

/** One select per entity type answering (type, id, name) for the given ids; all of a page's go in one UNION ALL. */
const nameSources: Partial<Record<AuditEntityType, (db: DbOrTx, ids: string[]) => ReturnType<typeof selectNames>>> = {
  lead: (db, ids) => selectNames(db, 'lead', leads.id, sql`${leads.companyName}`, leads, ids),
  project: (db, ids) => selectNames(db, 'project', projects.id, sql`${projects.name}`, projects, ids),
  agent: (db, ids) => selectNames(db, 'agent', agents.id, sql`${agents.name}`, agents, ids),
  user: (db, ids) => selectNames(db, 'user', users.id, sql`${users.displayName}`, users, ids),
  zone: (db, ids) => selectNames(db, 'zone', zones.id, sql`${zones.name}`, zones, ids),
  industry: (db, ids) => selectNames(db, 'industry', industries.id, sql`${industries.name}`, industries, ids),
  policy: (db, ids) => selectNames(db, 'policy', rewardPolicies.id, sql`${rewardPolicies.name}`, rewardPolicies, ids),
  service_fee_contract: (db, ids) =>
    selectNames(db, 'service_fee_contract', serviceFeeContracts.id, sql`${serviceFeeContracts.title}`, serviceFeeContracts, ids),
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
    selectNames(
      db,
      'weekly_report',
      weeklyReports.id,
      sql`(select ${users.displayName} from ${users} where ${users.id} = ${weeklyReports.userId}) || ' · ' || ${weeklyReports.week}`,
      weeklyReports,
      ids,
    ),
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

function selectNames(
  db: DbOrTx,
  type: string,
  id: Parameters<typeof inArray>[0],
  name: SQL,
  table: Parameters<ReturnType<DbOrTx['select']>['from']>[0],
  ids: string[],
) {
  return db
    .select({ type: sql<string>`${type}::text`.as('type'), id: sql<string>`${id}::text`.as('id'), name: sql<string | null>`${name}`.as('name') })
    .from(table)
    .where(inArray(id, ids));
}

/** Whether records of a type have names to look up. */
export const hasNames = (type: AuditEntityType) => nameSources[type] !== undefined;

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

/** Rows of the trail under `where` with the actor's name, newest first. */
export const auditRows = (db: DbOrTx, where: SQL | undefined, limit: number) =>
  db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit);
