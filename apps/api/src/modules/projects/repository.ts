import { agents, creditLines, creditSets, projectFigures, projectMilestones, projects, projectZoneTransfers, users, zones, type DbOrTx } from '@crm/db';
import { keysetAfter } from '../../lib/cursor.ts';
import type { Figure, Project, ProjectKind, ProjectMilestone } from '@crm/shared';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/**
 * Fen per 亩, half up, as a decimal string (an amount over 0.01 亩 is 100 times the amount: beyond a safe JSON
 * integer within the bounds); null without land or without a verified figure. landMu is numeric(12,2) text.
 */
export function perMu(amountFen: number | null, landMu: string | number): string | null {
  const centiMu = Math.round(Number(landMu) * 100);
  if (amountFen === null || centiMu <= 0) return null;
  const n = BigInt(amountFen) * 100n;
  const d = BigInt(centiMu);
  return ((n * 2n + d) / (2n * d)).toString();
}

/** The project's id, qualified (see lookup below). */
const PROJECT_ID = sql.raw('"projects"."id"');

/** The latest verified figure of a kind for a project (history is kept; money uses verified figures only). */
export const latestVerifiedSql = (kind: string): SQL<number | null> =>
  sql<
    number | null
  >`(select f.amount_fen from ${projectFigures} f where f.project_id = ${PROJECT_ID} and f.kind = ${kind} and f.verified_at is not null order by f.as_of desc, f.reported_at desc limit 1)`;

/*
 * The names are looked up per row shown, each in a scalar subquery, rather than joined (issue 12): the planner plans
 * a single-table query (planning a six-way join cost more than running it), and with an ORDER BY the index gives
 * and a LIMIT, each lookup runs only for the rows the page returns.
 * Written with qualified names: in a single-table select drizzle prints a column without its table, and inside a
 * subquery a bare "id" would be the subquery's own.
 */
const lookup = <T>(table: string, column: string, key: string) => sql<T>`(${sql.raw(`select x.${column} from ${table} x where x.id = "projects".${key}`)})`;
const columns = {
  p: projects,
  zoneName: lookup<string>('zones', 'name', 'zone_id'),
  parkName: lookup<string | null>('parks', 'name', 'park_id'),
  industryName: lookup<string>('industries', 'name', 'industry_id'),
  chainNodeName: lookup<string | null>('chain_nodes', 'name', 'chain_node_id'),
  agentName: lookup<string | null>('agents', 'name', 'agent_id'),
  ownerName: lookup<string>('users', 'display_name', 'owner_id'),
  verifiedOutputFen: latestVerifiedSql('annual_output'),
  verifiedTaxFen: latestVerifiedSql('annual_tax'),
};

type Row = {
  p: typeof projects.$inferSelect;
  zoneName: string;
  parkName: string | null;
  industryName: string;
  chainNodeName: string | null;
  agentName: string | null;
  ownerName: string;
  verifiedOutputFen: number | string | null;
  verifiedTaxFen: number | string | null;
};

const num = (v: number | string | null) => (v === null ? null : Number(v));

export const toProject = (r: Row): Project => ({
  id: r.p.id,
  leadId: r.p.leadId,
  name: r.p.name,
  contractInvestmentFen: r.p.contractInvestmentFen,
  verifiedContractInvestmentFen: r.p.verifiedContractInvestmentFen,
  // The last report differs from what a manager verified (or nothing is verified yet): 待核实.
  contractInvestmentPending: r.p.verifiedContractInvestmentFen !== r.p.contractInvestmentFen,
  registeredCapitalFen: r.p.registeredCapitalFen,
  plannedFixedAssetInvestmentFen: r.p.plannedFixedAssetInvestmentFen,
  landMu: Number(r.p.landMu),
  landApprovedOn: r.p.landApprovedOn,
  expectedAnnualOutputFen: r.p.expectedAnnualOutputFen,
  expectedAnnualTaxFen: r.p.expectedAnnualTaxFen,
  expectedJobs: r.p.expectedJobs,
  zoneId: r.p.zoneId,
  zoneName: r.zoneName,
  parkId: r.p.parkId,
  parkName: r.parkName,
  industryId: r.p.industryId,
  industryName: r.industryName,
  chainNodeId: r.p.chainNodeId,
  chainNodeName: r.chainNodeName,
  agentId: r.p.agentId,
  agentName: r.agentName,
  ownerId: r.p.ownerId,
  ownerName: r.ownerName,
  signedOn: r.p.signedOn,
  currentMilestone: r.p.currentMilestone,
  notes: r.p.notes,
  kind: r.p.kind as Project['kind'],
  parentProjectId: r.p.parentProjectId,
  projectCompanyName: r.p.projectCompanyName,
  projectCompanyCreditCode: r.p.projectCompanyCreditCode,
  taxpayerName: r.p.taxpayerName,
  taxpayerCreditCode: r.p.taxpayerCreditCode,
  perMu: { outputFenPerMu: perMu(num(r.verifiedOutputFen), r.p.landMu), taxFenPerMu: perMu(num(r.verifiedTaxFen), r.p.landMu) },
  version: r.p.version,
  createdAt: r.p.createdAt.toISOString(),
  updatedAt: r.p.updatedAt.toISOString(),
});

/** `reachedOn` of the project's current milestone comes along for the lifecycle board. */
export function selectProjects(db: DbOrTx) {
  return db
    .select({
      ...columns,
      reachedOn: sql<string>`(select m.reached_on::text from ${projectMilestones} m where m.project_id = ${PROJECT_ID} and m.milestone = "projects"."current_milestone")`,
    })
    .from(projects);
}

export async function findProject(db: DbOrTx, id: string): Promise<Project | null> {
  const [row] = await selectProjects(db).where(eq(projects.id, id)).prepare('project_by_id').execute();
  return row ? toProject(row) : null;
}

export async function milestonesOf(db: DbOrTx, projectId: string) {
  return db
    .select({ m: projectMilestones, name: users.displayName })
    .from(projectMilestones)
    .innerJoin(users, eq(users.id, projectMilestones.recordedBy))
    .where(eq(projectMilestones.projectId, projectId))
    .orderBy(asc(projectMilestones.reachedOn), asc(projectMilestones.createdAt));
}

const verifier = alias(users, 'verifier');
export async function figuresOf(db: DbOrTx, projectId: string): Promise<Figure[]> {
  const rows = await db
    .select({ f: projectFigures, reportedByName: users.displayName, verifiedByName: verifier.displayName })
    .from(projectFigures)
    .innerJoin(users, eq(users.id, projectFigures.reportedBy))
    .leftJoin(verifier, eq(verifier.id, projectFigures.verifiedBy))
    .where(eq(projectFigures.projectId, projectId))
    .orderBy(desc(projectFigures.asOf), desc(projectFigures.reportedAt));
  return rows.map(({ f, reportedByName, verifiedByName }) => ({
    id: f.id,
    kind: f.kind as Figure['kind'],
    amountFen: f.amountFen,
    asOf: f.asOf,
    source: f.source,
    note: f.note,
    reportedBy: f.reportedBy,
    reportedByName,
    reportedAt: f.reportedAt.toISOString(),
    verified: f.verifiedAt !== null,
    verifiedBy: f.verifiedBy,
    verifiedByName,
    verifiedAt: f.verifiedAt?.toISOString() ?? null,
  }));
}

export async function creditSetsOf(db: DbOrTx, projectId: string, onlyCurrent: boolean) {
  const setter = alias(users, 'setter');
  const sets = await db
    .select({ s: creditSets, agentName: agents.name, setByName: setter.displayName })
    .from(creditSets)
    .innerJoin(setter, eq(setter.id, creditSets.setBy))
    .leftJoin(agents, eq(agents.id, creditSets.agentId))
    .where(and(eq(creditSets.projectId, projectId), onlyCurrent ? eq(creditSets.isCurrent, true) : undefined))
    .orderBy(desc(creditSets.setAt));
  if (sets.length === 0) return [];
  const lines = await db
    .select({ l: creditLines, staffName: users.displayName })
    .from(creditLines)
    .innerJoin(users, eq(users.id, creditLines.staffId))
    .where(
      inArray(
        creditLines.setId,
        sets.map((s) => s.s.id),
      ),
    )
    .orderBy(asc(creditLines.position), asc(creditLines.id));
  return sets.map(({ s, agentName, setByName }) => ({
    id: s.id,
    agentId: s.agentId,
    agentName,
    note: s.note,
    isCurrent: s.isCurrent,
    setBy: s.setBy,
    setByName,
    setAt: s.setAt.toISOString(),
    credits: lines
      .filter((l) => l.l.setId === s.id)
      .map((l) => ({ staffId: l.l.staffId, staffName: l.staffName, role: l.l.role as 'owner', shareBp: l.l.shareBp })),
  }));
}

/** The projects a staff member reads: their own, and those where the current credits name them (the list and search). */
export const staffProjectSql = (actorId: string) =>
  or(
    eq(projects.ownerId, actorId),
    sql`exists (select 1 from ${creditLines} cl join ${creditSets} cs on cs.id = cl.set_id where cs.project_id = ${projects.id} and cs.is_current and cl.staff_id = ${actorId})`,
  );

/** The company's later projects (expansions, upgrades) of a first project, oldest first, each with its own amount. */
export async function expansionsOf(db: DbOrTx, projectId: string) {
  return db
    .select({
      id: projects.id,
      name: projects.name,
      kind: projects.kind,
      signedOn: projects.signedOn,
      contractInvestmentFen: projects.contractInvestmentFen,
      zoneName: zones.name,
    })
    .from(projects)
    .innerJoin(zones, eq(zones.id, projects.zoneId))
    .where(eq(projects.parentProjectId, projectId))
    .orderBy(asc(projects.signedOn), asc(projects.createdAt));
}

export async function transfersOf(db: DbOrTx, projectId: string) {
  const fromZone = alias(zones, 'from_zone');
  const toZone = alias(zones, 'to_zone');
  const rows = await db
    .select({ t: projectZoneTransfers, fromZoneName: fromZone.name, toZoneName: toZone.name, byName: users.displayName })
    .from(projectZoneTransfers)
    .innerJoin(fromZone, eq(fromZone.id, projectZoneTransfers.fromZoneId))
    .innerJoin(toZone, eq(toZone.id, projectZoneTransfers.toZoneId))
    .innerJoin(users, eq(users.id, projectZoneTransfers.transferredBy))
    .where(eq(projectZoneTransfers.projectId, projectId))
    .orderBy(desc(projectZoneTransfers.transferredAt));
  return rows.map(({ t, fromZoneName, toZoneName, byName }) => ({
    id: t.id,
    fromZoneId: t.fromZoneId,
    fromZoneName,
    toZoneId: t.toZoneId,
    toZoneName,
    reason: t.reason,
    transferredBy: t.transferredBy,
    transferredByName: byName,
    transferredAt: t.transferredAt.toISOString(),
  }));
}

export type ProjectListFilters = {
  q?: string;
  milestone?: ProjectMilestone;
  zoneId?: string;
  industryId?: string;
  ownerId?: string;
  kind?: ProjectKind;
  /** Only the projects this staff member owns or is credited on. */
  staffId?: string;
  limit: number;
  after: readonly [string, string] | null;
};

/** Newest first, keyset on (created_at, id); one row more than the page, for its next cursor. */
export async function listProjects(db: DbOrTx, f: ProjectListFilters) {
  return (
    selectProjects(db)
      .where(
        and(
          f.q ? ilike(projects.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
          f.milestone ? eq(projects.currentMilestone, f.milestone) : undefined,
          f.zoneId ? eq(projects.zoneId, f.zoneId) : undefined,
          f.industryId ? eq(projects.industryId, f.industryId) : undefined,
          f.ownerId ? eq(projects.ownerId, f.ownerId) : undefined,
          f.kind ? eq(projects.kind, f.kind) : undefined,
          f.staffId ? staffProjectSql(f.staffId) : undefined,
          keysetAfter(projects.createdAt, projects.id, f.after, { cast: 'timestamptz' }),
        ),
      )
      .orderBy(desc(projects.createdAt), desc(projects.id))
      // Written into the statement (a validated integer), not bound, so the named statement can keep a generic plan.
      .limit(sql.raw(String(Math.trunc(f.limit + 1))) as unknown as number)
      .prepare('projects_page')
      .execute()
  );
}

/** Whether the current credits of a project name this person (a stake in it). */
export async function creditedOn(db: DbOrTx, projectId: string, staffId: string) {
  const [credited] = await db
    .select({ id: creditLines.id })
    .from(creditLines)
    .innerJoin(creditSets, eq(creditSets.id, creditLines.setId))
    .where(and(eq(creditSets.projectId, projectId), eq(creditSets.isCurrent, true), eq(creditLines.staffId, staffId)))
    .limit(1);
  return credited ?? null;
}

export async function projectOfLead(db: DbOrTx, leadId: string) {
  const [existing] = await db.select({ id: projects.id, signedOn: projects.signedOn }).from(projects).where(eq(projects.leadId, leadId));
  return existing ?? null;
}

export async function projectName(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, id));
  return row ?? null;
}

/** Locks the project row for the rest of the transaction. */
export async function lockProject(db: DbOrTx, id: string) {
  const [locked] = await db.select().from(projects).where(eq(projects.id, id)).for('update');
  return locked ?? null;
}

/** The same lock, reading only the id. */
export async function lockProjectId(db: DbOrTx, id: string) {
  const [lock] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).for('update');
  return lock ?? null;
}

export async function insertProject(db: DbOrTx, values: typeof projects.$inferInsert) {
  const [project] = await db.insert(projects).values(values).returning();
  return project ?? null;
}

/** Writes project columns and moves its version on. */
export async function changeProject(db: DbOrTx, id: string, set: Partial<typeof projects.$inferInsert>, now: Date) {
  await db
    .update(projects)
    .set({ ...set, version: sql`${projects.version} + 1`, updatedAt: now })
    .where(eq(projects.id, id));
}

/** Writes an edit if the project is still at the version the editor read; null when it is not (or is gone). */
export async function updateProjectAt(db: DbOrTx, id: string, version: number, set: Partial<typeof projects.$inferInsert>) {
  const [row] = await db
    .update(projects)
    .set(set)
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning({ id: projects.id });
  return row ?? null;
}

export async function insertMilestone(db: DbOrTx, values: typeof projectMilestones.$inferInsert) {
  await db.insert(projectMilestones).values(values);
}

export async function milestoneRows(db: DbOrTx, projectId: string) {
  return db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId));
}

export async function insertFigure(db: DbOrTx, values: typeof projectFigures.$inferInsert) {
  await db.insert(projectFigures).values(values);
}

/** insertFigure, answering with the row written (for the trail). */
export async function insertFigureReturning(db: DbOrTx, values: typeof projectFigures.$inferInsert) {
  const [figure] = await db.insert(projectFigures).values(values).returning();
  return figure;
}

/** Locks one figure of the project. */
export async function lockFigure(db: DbOrTx, projectId: string, figureId: string) {
  const [figure] = await db
    .select()
    .from(projectFigures)
    .where(and(eq(projectFigures.id, figureId), eq(projectFigures.projectId, projectId)))
    .for('update');
  return figure ?? null;
}

export async function markFigureVerified(db: DbOrTx, figureId: string, verifiedBy: string, now: Date) {
  await db.update(projectFigures).set({ verifiedBy, verifiedAt: now }).where(eq(projectFigures.id, figureId));
}

/** The latest verified contract amount of a project. */
export async function latestVerifiedContract(db: DbOrTx, projectId: string) {
  const [latest] = await db
    .select({ amountFen: projectFigures.amountFen })
    .from(projectFigures)
    .where(and(eq(projectFigures.projectId, projectId), eq(projectFigures.kind, 'contract_investment'), sql`${projectFigures.verifiedAt} is not null`))
    .orderBy(desc(projectFigures.asOf), desc(projectFigures.reportedAt))
    .limit(1);
  return latest ?? null;
}

export async function insertZoneTransfer(db: DbOrTx, values: typeof projectZoneTransfers.$inferInsert) {
  await db.insert(projectZoneTransfers).values(values);
}

/** The current credit set stops being current (it stays as history). */
export async function retireCurrentCredits(db: DbOrTx, projectId: string) {
  await db
    .update(creditSets)
    .set({ isCurrent: false })
    .where(and(eq(creditSets.projectId, projectId), eq(creditSets.isCurrent, true)));
}

export async function insertCreditSet(db: DbOrTx, values: typeof creditSets.$inferInsert) {
  const [set] = await db.insert(creditSets).values(values).returning();
  return set ?? null;
}

export async function insertCreditLines(db: DbOrTx, values: (typeof creditLines.$inferInsert)[]) {
  await db.insert(creditLines).values(values);
}

export async function usersIn(db: DbOrTx, ids: string[]) {
  return db.select().from(users).where(sql`${users.id} in ${ids}`);
}

export async function findAgentId(db: DbOrTx, id: string) {
  const [agent] = await db.select({ id: agents.id }).from(agents).where(eq(agents.id, id));
  return agent ?? null;
}
