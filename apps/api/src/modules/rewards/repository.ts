import {
  agentAgreements,
  agents,
  creditLines,
  creditSets,
  projectFigures,
  projectMilestones,
  projects,
  rewardCalculations,
  rewardLedgers,
  rewardLines,
  rewardPayments,
  rewardPolicies,
  rewardPolicyVersions,
  serviceFeeContracts,
  users,
  zoneIndustries,
  type DbOrTx,
} from '@crm/db';
import { asTraceStep, type Calculation, type FigureKind, type ProjectMilestone } from '@crm/shared';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../lib/context.ts';

/** The queries of reward calculations, their ledgers and payments: the only place in the module that speaks SQL. */

export type Tx = Parameters<Parameters<Ctx['db']['transaction']>[0]>[0];
export type CalculationRow = typeof rewardCalculations.$inferSelect;
export type LineRow = typeof rewardLines.$inferSelect;
/** Calculations that may still move: a newer calculation of the same ledger supersedes them. */
export const OPEN = ['draft', 'submitted', 'approved'] as const;

const maker = alias(users, 'maker');
const checker = alias(users, 'checker');

export async function loadCalculations(db: DbOrTx, where: ReturnType<typeof and>, limit = 1, orderDesc = true): Promise<(Calculation & { sortKey: string })[]> {
  const rows = await db
    .select({
      c: rewardCalculations,
      projectName: projects.name,
      contractTitle: serviceFeeContracts.title,
      policyName: rewardPolicies.name,
      versionNo: rewardPolicyVersions.versionNo,
      makerName: maker.displayName,
      checkerName: checker.displayName,
      sortKey: sql<string>`${rewardCalculations.createdAt}::text`,
    })
    .from(rewardCalculations)
    .innerJoin(maker, eq(maker.id, rewardCalculations.makerId))
    .leftJoin(checker, eq(checker.id, rewardCalculations.checkerId))
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .leftJoin(serviceFeeContracts, eq(serviceFeeContracts.id, rewardCalculations.contractId))
    .leftJoin(rewardPolicies, eq(rewardPolicies.id, rewardCalculations.policyId))
    .leftJoin(rewardPolicyVersions, eq(rewardPolicyVersions.id, rewardCalculations.versionId))
    .where(where)
    .orderBy(orderDesc ? desc(rewardCalculations.createdAt) : rewardCalculations.createdAt, desc(rewardCalculations.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.c.id);
  const payer = alias(users, 'payer');
  const lines = await db
    .select({ l: rewardLines, p: rewardPayments, paidByName: payer.displayName })
    .from(rewardLines)
    .leftJoin(rewardPayments, eq(rewardPayments.lineId, rewardLines.id))
    .leftJoin(payer, eq(payer.id, rewardPayments.paidBy))
    .where(inArray(rewardLines.calculationId, ids))
    .orderBy(desc(rewardLines.amountFen), rewardLines.payeeName);
  return rows.map((r) => ({
    id: r.c.id,
    kind: r.c.kind as Calculation['kind'],
    projectId: r.c.projectId,
    projectName: r.projectName,
    contractId: r.c.contractId,
    contractTitle: r.contractTitle,
    policyId: r.c.policyId,
    policyName: r.policyName,
    versionId: r.c.versionId,
    versionNo: r.versionNo,
    milestone: r.c.milestone,
    status: r.c.status as Calculation['status'],
    inputs: r.c.inputs,
    trace: r.c.trace.map((line) => asTraceStep(line).text),
    steps: r.c.trace.map(asTraceStep),
    totalFen: r.c.totalFen,
    dueFen: r.c.dueFen,
    overpaymentFen: r.c.overpaymentFen,
    lines: lines
      .filter((l) => l.l.calculationId === r.c.id)
      .map(({ l, p, paidByName }) => ({
        id: l.id,
        payeeType: l.payeeType as 'agent' | 'staff',
        payeeId: l.payeeId,
        payeeName: l.payeeName,
        shareBp: l.shareBp,
        amountFen: l.amountFen,
        alreadyPaidFen: l.alreadyPaidFen,
        overpaymentFen: l.overpaymentFen,
        payment: p ? { paidOn: p.paidOn, reference: p.reference, paidBy: p.paidBy, paidByName: paidByName ?? '' } : null,
      })),
    makerId: r.c.makerId,
    makerName: r.makerName,
    submittedAt: r.c.submittedAt?.toISOString() ?? null,
    checkerId: r.c.checkerId,
    checkerName: r.checkerName,
    decidedAt: r.c.decidedAt?.toISOString() ?? null,
    decisionNote: r.c.decisionNote,
    noticeFrom: r.c.noticeFrom,
    noticeUntil: r.c.noticeUntil,
    supersedesId: r.c.supersedesId,
    supersededById: r.c.supersededById,
    version: r.c.version,
    createdAt: r.c.createdAt.toISOString(),
    updatedAt: r.c.updatedAt.toISOString(),
    sortKey: r.sortKey,
  }));
}

/**
 * Takes the ledger's lock: one row per (subject, policy), created on first use and locked `for update`. Whoever
 * computes or pays under the same project and policy waits here, so what was paid is re-read and the payment
 * written inside one lock.
 */
export async function lockLedger(tx: Tx, subjectId: string, policyKey: string): Promise<void> {
  await tx.insert(rewardLedgers).values({ subjectId, policyKey }).onConflictDoNothing();
  await tx
    .select({ subjectId: rewardLedgers.subjectId })
    .from(rewardLedgers)
    .where(and(eq(rewardLedgers.subjectId, subjectId), eq(rewardLedgers.policyKey, policyKey)))
    .for('update');
}

/** Everything paid under a ledger, per payee (named as on the line that was paid), in the order first paid. */
export async function ledgerPayments(db: DbOrTx, subjectId: string, policyKey: string) {
  const rows = await db
    .select({
      payeeType: rewardPayments.payeeType,
      payeeId: rewardPayments.payeeId,
      payeeName: sql<string>`min(${rewardLines.payeeName})`,
      fen: sql<string>`sum(${rewardPayments.amountFen})::text`,
      first: sql<string>`min(${rewardPayments.createdAt})::text`,
    })
    .from(rewardPayments)
    .innerJoin(rewardLines, eq(rewardLines.id, rewardPayments.lineId))
    .where(and(eq(rewardPayments.subjectId, subjectId), eq(rewardPayments.policyKey, policyKey)))
    .groupBy(rewardPayments.payeeType, rewardPayments.payeeId)
    .orderBy(sql`min(${rewardPayments.createdAt})`);
  return rows.map((r) => ({ payeeType: r.payeeType as 'agent' | 'staff', payeeId: r.payeeId, payeeName: r.payeeName, fen: BigInt(r.fen) }));
}

/** Each payment of some projects, for their ledgers (newest last). */
export async function paymentsOfSubjects(db: DbOrTx, subjectIds: string[]) {
  if (subjectIds.length === 0) return [];
  return db
    .select({ p: rewardPayments, payeeName: rewardLines.payeeName })
    .from(rewardPayments)
    .innerJoin(rewardLines, eq(rewardLines.id, rewardPayments.lineId))
    .where(inArray(rewardPayments.subjectId, subjectIds))
    .orderBy(asc(rewardPayments.createdAt));
}

export async function lockCalculation(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardCalculations).where(eq(rewardCalculations.id, id)).for('update');
  return row ?? null;
}

export async function findCalculation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(rewardCalculations).where(eq(rewardCalculations.id, id));
  return row ?? null;
}

export const linesOf = (db: DbOrTx, calculationId: string) => db.select().from(rewardLines).where(eq(rewardLines.calculationId, calculationId));

type Subject = { column: 'project' | 'contract'; id: string };
const subjectIs = (s: Subject) => (s.column === 'project' ? eq(rewardCalculations.projectId, s.id) : eq(rewardCalculations.contractId, s.id));

/** The paid calculation of a ledger at a milestone (or service-fee period), if any. */
export async function paidAt(tx: Tx, subject: Subject, policyId: string | null, milestone: string) {
  const [row] = await tx
    .select({ id: rewardCalculations.id })
    .from(rewardCalculations)
    .where(and(subjectIs(subject), policyId ? eq(rewardCalculations.policyId, policyId) : undefined, eq(rewardCalculations.milestone, milestone), eq(rewardCalculations.status, 'paid')));
  return row ?? null;
}

/** The milestones of a ledger already paid. */
export async function paidMilestones(tx: Tx, projectId: string, policyId: string) {
  const rows = await tx
    .select({ id: rewardCalculations.id, milestone: rewardCalculations.milestone })
    .from(rewardCalculations)
    .where(and(eq(rewardCalculations.projectId, projectId), eq(rewardCalculations.policyId, policyId), eq(rewardCalculations.status, 'paid')));
  return rows;
}

/** Open calculations of a ledger (for a service fee: of one period), locked so an approval or payment waits. */
export async function lockOpen(tx: Tx, subject: Subject, policyId: string | null, milestone?: string) {
  return tx
    .select()
    .from(rewardCalculations)
    .where(
      and(
        subjectIs(subject),
        policyId ? eq(rewardCalculations.policyId, policyId) : undefined,
        milestone ? eq(rewardCalculations.milestone, milestone) : undefined,
        inArray(rewardCalculations.status, [...OPEN]),
      ),
    )
    .orderBy(asc(rewardCalculations.createdAt))
    .for('update');
}

/** The open calculation of each of a project's ledgers. */
export async function openOfProject(db: DbOrTx, projectId: string) {
  return db
    .select({ id: rewardCalculations.id, policyId: rewardCalculations.policyId, status: rewardCalculations.status, milestone: rewardCalculations.milestone, dueFen: rewardCalculations.dueFen })
    .from(rewardCalculations)
    .where(and(eq(rewardCalculations.projectId, projectId), inArray(rewardCalculations.status, [...OPEN])));
}

export async function markSuperseded(tx: Tx, ids: string[]) {
  if (ids.length === 0) return;
  await tx
    .update(rewardCalculations)
    .set({ status: 'superseded', version: sql`${rewardCalculations.version} + 1` })
    .where(inArray(rewardCalculations.id, ids));
}

export async function linkSuperseded(tx: Tx, ids: string[], byId: string) {
  if (ids.length === 0) return;
  await tx.update(rewardCalculations).set({ supersededById: byId }).where(inArray(rewardCalculations.id, ids));
}

export async function insertCalculation(tx: Tx, values: typeof rewardCalculations.$inferInsert, lines: Omit<typeof rewardLines.$inferInsert, 'calculationId'>[]) {
  const [calc] = await tx.insert(rewardCalculations).values(values).returning();
  if (!calc) return null;
  if (lines.length > 0) await tx.insert(rewardLines).values(lines.map((l) => ({ ...l, calculationId: calc.id })));
  return calc;
}

export async function updateCalculation(tx: Tx, id: string, changes: Partial<typeof rewardCalculations.$inferInsert>) {
  await tx.update(rewardCalculations).set(changes).where(eq(rewardCalculations.id, id));
}

/** Writes the payments; a row the unique key (subject, policy, payee, milestone) already holds is not written. */
export async function insertPayments(tx: Tx, rows: (typeof rewardPayments.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(rewardPayments).values(rows).onConflictDoNothing().returning({ id: rewardPayments.id });
}

// ---- what a computation reads -----------------------------------------------------------------------------

/** The project, read `for share`: a credit change or milestone waits until the computation or payment is done. */
export async function projectForShare(tx: Tx, id: string) {
  const [row] = await tx.select().from(projects).where(eq(projects.id, id)).for('share');
  return row ?? null;
}

/** The policy, read `for share`: a new version waits (adding one locks the policy row). */
export async function policyForShare(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardPolicies).where(eq(rewardPolicies.id, id)).for('share');
  return row ?? null;
}

export async function milestoneOf(db: DbOrTx, projectId: string, milestone: ProjectMilestone) {
  const [row] = await db.select().from(projectMilestones).where(and(eq(projectMilestones.projectId, projectId), eq(projectMilestones.milestone, milestone)));
  return row ?? null;
}

export const versionsOf = (db: DbOrTx, policyId: string) => db.select().from(rewardPolicyVersions).where(eq(rewardPolicyVersions.policyId, policyId));

/** The newest verified figure of a kind (by its date, then when it was reported). */
export async function latestVerifiedFigure(db: DbOrTx, projectId: string, kind: FigureKind) {
  const [row] = await db
    .select()
    .from(projectFigures)
    .where(and(eq(projectFigures.projectId, projectId), eq(projectFigures.kind, kind), isNotNull(projectFigures.verifiedAt)))
    .orderBy(desc(projectFigures.asOf), desc(projectFigures.reportedAt))
    .limit(1);
  return row ?? null;
}

export async function industryFlagsOf(db: DbOrTx, zoneId: string, industryId: string) {
  const links = await db.select().from(zoneIndustries).where(and(eq(zoneIndustries.zoneId, zoneId), eq(zoneIndustries.industryId, industryId)));
  return { leading: links.some((l) => l.kind === 'leading'), emerging: links.some((l) => l.kind === 'emerging') };
}

/** The current credit set with its staff in the order the manager entered them. */
export async function currentCredits(db: DbOrTx, projectId: string) {
  const [set] = await db.select().from(creditSets).where(and(eq(creditSets.projectId, projectId), eq(creditSets.isCurrent, true)));
  if (!set) return null;
  const lines = await db
    .select({ staffId: creditLines.staffId, shareBp: creditLines.shareBp, role: creditLines.role, name: users.displayName })
    .from(creditLines)
    .innerJoin(users, eq(users.id, creditLines.staffId))
    .where(eq(creditLines.setId, set.id))
    .orderBy(asc(creditLines.position), asc(creditLines.id));
  return { id: set.id, agentId: set.agentId, lines };
}

/** An agent with its agreements, the agent row read `for share` so a change of its flags or status waits. */
export async function agentForShare(tx: Tx, id: string) {
  const [agent] = await tx.select().from(agents).where(eq(agents.id, id)).for('share');
  if (!agent) return null;
  const agreements = await tx.select().from(agentAgreements).where(eq(agentAgreements.agentId, id)).orderBy(asc(agentAgreements.startsOn));
  return { agent, agreements };
}

export async function contractForShare(tx: Tx, id: string) {
  const [row] = await tx.select().from(serviceFeeContracts).where(eq(serviceFeeContracts.id, id)).for('share');
  return row ?? null;
}

/** The staff credited in some credit sets (a calculation's frozen set and the project's current one). */
export async function creditedStaffOfSets(db: DbOrTx, setIds: string[]) {
  if (setIds.length === 0) return [];
  const rows = await db.selectDistinct({ staffId: creditLines.staffId }).from(creditLines).where(inArray(creditLines.setId, setIds));
  return rows.map((r) => r.staffId);
}
