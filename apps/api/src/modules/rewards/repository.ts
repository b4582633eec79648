import {
  agentAgreements,
  agents,
  creditLines,
  creditSets,
  leads,
  projectFigures,
  projectMilestones,
  projects,
  rewardCalculations,
  rewardLedgers,
  rewardLines,
  rewardObjections,
  rewardPayments,
  rewardPolicies,
  rewardPolicyVersions,
  rewardRecoveries,
  rewardRecoveryInstalments,
  serviceFeeContracts,
  users,
  zoneIndustries,
  type DbOrTx,
  type Tx,
} from '@crm/db';
import { asTraceStep, type Calculation, type FigureKind, type Objection, type Policy, type ProjectMilestone, type Recovery } from '@crm/shared';
import { and, asc, desc, eq, gte, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

/**
 * The queries of the rewards module — calculations, their ledgers and payments, policies, contracts, 公示 objections,
 * recoveries and the forecast's bulk reads: the only place in the module that speaks SQL.
 */

export type { Tx };
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
    .where(
      and(
        subjectIs(subject),
        policyId ? eq(rewardCalculations.policyId, policyId) : undefined,
        eq(rewardCalculations.milestone, milestone),
        eq(rewardCalculations.status, 'paid'),
      ),
    );
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
    .select({
      id: rewardCalculations.id,
      policyId: rewardCalculations.policyId,
      status: rewardCalculations.status,
      milestone: rewardCalculations.milestone,
      dueFen: rewardCalculations.dueFen,
    })
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

export async function insertCalculation(
  tx: Tx,
  values: typeof rewardCalculations.$inferInsert,
  lines: Omit<typeof rewardLines.$inferInsert, 'calculationId'>[],
) {
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
  const [row] = await db
    .select()
    .from(projectMilestones)
    .where(and(eq(projectMilestones.projectId, projectId), eq(projectMilestones.milestone, milestone)));
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
  const links = await db
    .select()
    .from(zoneIndustries)
    .where(and(eq(zoneIndustries.zoneId, zoneId), eq(zoneIndustries.industryId, industryId)));
  return { leading: links.some((l) => l.kind === 'leading'), emerging: links.some((l) => l.kind === 'emerging') };
}

/** The current credit set with its staff in the order the manager entered them. */
export async function currentCredits(db: DbOrTx, projectId: string) {
  const [set] = await db
    .select()
    .from(creditSets)
    .where(and(eq(creditSets.projectId, projectId), eq(creditSets.isCurrent, true)));
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

// ---- policies and their versions --------------------------------------------------------------------------

export async function loadPolicies(db: DbOrTx, ids?: string[]): Promise<Policy[]> {
  const policies = await db
    .select()
    .from(rewardPolicies)
    .where(ids ? inArray(rewardPolicies.id, ids) : undefined)
    .orderBy(asc(rewardPolicies.createdAt));
  if (policies.length === 0) return [];
  const versions = await db
    .select({
      v: rewardPolicyVersions,
      createdByName: users.displayName,
      inUse: sql<boolean>`exists (select 1 from ${rewardCalculations} c where c.version_id = ${rewardPolicyVersions.id})`,
    })
    .from(rewardPolicyVersions)
    .innerJoin(users, eq(users.id, rewardPolicyVersions.createdBy))
    .where(
      inArray(
        rewardPolicyVersions.policyId,
        policies.map((p) => p.id),
      ),
    )
    .orderBy(asc(rewardPolicyVersions.versionNo));
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as Policy['kind'],
    description: p.description,
    noticeThresholdFen: p.noticeThresholdFen,
    noticeWorkingDays: p.noticeWorkingDays,
    createdAt: p.createdAt.toISOString(),
    versions: versions
      .filter((v) => v.v.policyId === p.id)
      .map(({ v, createdByName, inUse }) => ({
        id: v.id,
        policyId: v.policyId,
        versionNo: v.versionNo,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        body: v.body,
        note: v.note,
        inUse,
        createdBy: v.createdBy,
        createdByName,
        createdAt: v.createdAt.toISOString(),
      })),
  }));
}

/** The next version number of a policy (1 for its first). */
export async function nextVersionNo(tx: Tx, policyId: string): Promise<number> {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${rewardPolicyVersions.versionNo}), 0)::int + 1` })
    .from(rewardPolicyVersions)
    .where(eq(rewardPolicyVersions.policyId, policyId));
  return next;
}

export async function insertPolicyVersion(tx: Tx, values: typeof rewardPolicyVersions.$inferInsert) {
  const [row] = await tx.insert(rewardPolicyVersions).values(values).returning();
  return row ?? null;
}

export async function policyNamed(tx: Tx, name: string) {
  const [row] = await tx.select({ id: rewardPolicies.id }).from(rewardPolicies).where(eq(rewardPolicies.name, name));
  return row ?? null;
}

export async function insertPolicy(tx: Tx, values: typeof rewardPolicies.$inferInsert) {
  const [row] = await tx.insert(rewardPolicies).values(values).returning();
  return row ?? null;
}

export async function lockPolicy(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardPolicies).where(eq(rewardPolicies.id, id)).for('update');
  return row ?? null;
}

export async function updatePolicy(tx: Tx, id: string, changes: Partial<typeof rewardPolicies.$inferInsert>) {
  await tx.update(rewardPolicies).set(changes).where(eq(rewardPolicies.id, id));
}

export async function findPolicy(db: DbOrTx, id: string) {
  const [row] = await db.select().from(rewardPolicies).where(eq(rewardPolicies.id, id));
  return row ?? null;
}

// ---- service-fee contracts --------------------------------------------------------------------------------

export const contractsWithAgent = (db: DbOrTx) =>
  db
    .select({ c: serviceFeeContracts, agentName: agents.name })
    .from(serviceFeeContracts)
    .innerJoin(agents, eq(agents.id, serviceFeeContracts.agentId))
    .orderBy(desc(serviceFeeContracts.createdAt));

export async function insertContract(tx: Tx, values: typeof serviceFeeContracts.$inferInsert) {
  const [row] = await tx.insert(serviceFeeContracts).values(values).returning();
  return row ?? null;
}

// ---- 公示 and objections -----------------------------------------------------------------------------------

export async function openObjectionCount(tx: Tx, calculationId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rewardObjections)
    .where(and(eq(rewardObjections.calculationId, calculationId), eq(rewardObjections.status, 'open')));
  return n;
}

const raiser = alias(users, 'raiser');
const resolver = alias(users, 'resolver');

export async function objectionsOf(db: DbOrTx, calculationIds: string[]): Promise<Objection[]> {
  if (calculationIds.length === 0) return [];
  const rows = await db
    .select({ o: rewardObjections, raisedByName: raiser.displayName, resolvedByName: resolver.displayName })
    .from(rewardObjections)
    .innerJoin(raiser, eq(raiser.id, rewardObjections.raisedBy))
    .leftJoin(resolver, eq(resolver.id, rewardObjections.resolvedBy))
    .where(inArray(rewardObjections.calculationId, calculationIds))
    .orderBy(asc(rewardObjections.createdAt), asc(rewardObjections.id));
  return rows.map(({ o, raisedByName, resolvedByName }) => ({
    id: o.id,
    calculationId: o.calculationId,
    raisedBy: o.raisedBy,
    raisedByName,
    reason: o.reason,
    status: o.status as Objection['status'],
    resolvedBy: o.resolvedBy,
    resolvedByName: resolvedByName ?? null,
    resolution: o.resolution,
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
  }));
}

/** Approved rewards with a 公示 window, and those whose window ended on or after `since`, newest window first. */
export const noticeCalculations = (db: DbOrTx, since: string) =>
  db
    .select({ c: rewardCalculations, projectName: projects.name, policyName: rewardPolicies.name })
    .from(rewardCalculations)
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .leftJoin(rewardPolicies, eq(rewardPolicies.id, rewardCalculations.policyId))
    .where(and(isNotNull(rewardCalculations.noticeUntil), or(eq(rewardCalculations.status, 'approved'), gte(rewardCalculations.noticeUntil, since))))
    .orderBy(desc(rewardCalculations.noticeFrom), desc(rewardCalculations.id))
    .limit(500);

/** The lines of some calculations, largest first. */
export const linesOfCalculations = (db: DbOrTx, calculationIds: string[]) =>
  db.select().from(rewardLines).where(inArray(rewardLines.calculationId, calculationIds)).orderBy(desc(rewardLines.amountFen), rewardLines.payeeName);

export async function projectName(tx: Tx, id: string) {
  const [row] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, id));
  return row ?? null;
}

export async function insertObjection(tx: Tx, values: typeof rewardObjections.$inferInsert) {
  const [row] = await tx.insert(rewardObjections).values(values).returning();
  return row ?? null;
}

export async function findObjection(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardObjections).where(eq(rewardObjections.id, id));
  return row ?? null;
}

export async function lockObjection(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardObjections).where(eq(rewardObjections.id, id)).for('update');
  return row ?? null;
}

export async function updateObjection(tx: Tx, id: string, changes: Partial<typeof rewardObjections.$inferInsert>) {
  await tx.update(rewardObjections).set(changes).where(eq(rewardObjections.id, id));
}

export async function calculationExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: rewardCalculations.id }).from(rewardCalculations).where(eq(rewardCalculations.id, id));
  return !!row;
}

// ---- 追回 (recoveries) -------------------------------------------------------------------------------------

const flagger = alias(users, 'flagger');
const recorder = alias(users, 'recorder');

export async function loadRecoveries(db: DbOrTx, where: SQL | undefined): Promise<Recovery[]> {
  const rows = await db
    .select({
      r: rewardRecoveries,
      p: rewardPayments,
      payeeName: rewardLines.payeeName,
      projectName: projects.name,
      projectId: rewardCalculations.projectId,
      policyId: rewardCalculations.policyId,
      flaggedByName: flagger.displayName,
    })
    .from(rewardRecoveries)
    .innerJoin(rewardPayments, eq(rewardPayments.id, rewardRecoveries.paymentId))
    .innerJoin(rewardLines, eq(rewardLines.id, rewardPayments.lineId))
    .innerJoin(rewardCalculations, eq(rewardCalculations.id, rewardRecoveries.calculationId))
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .innerJoin(flagger, eq(flagger.id, rewardRecoveries.flaggedBy))
    .where(where)
    .orderBy(desc(rewardRecoveries.createdAt), desc(rewardRecoveries.id))
    .limit(500);
  const ids = rows.map((r) => r.r.id);
  const instalments = ids.length
    ? await db
        .select({ i: rewardRecoveryInstalments, recordedByName: recorder.displayName })
        .from(rewardRecoveryInstalments)
        .innerJoin(recorder, eq(recorder.id, rewardRecoveryInstalments.recordedBy))
        .where(inArray(rewardRecoveryInstalments.recoveryId, ids))
        .orderBy(asc(rewardRecoveryInstalments.receivedOn), asc(rewardRecoveryInstalments.createdAt))
    : [];
  return rows.map(({ r, p, payeeName, projectName, projectId, policyId, flaggedByName }) => ({
    id: r.id,
    paymentId: r.paymentId,
    calculationId: r.calculationId,
    projectId,
    projectName,
    policyId,
    payeeType: r.payeeType as 'agent' | 'staff',
    payeeId: r.payeeId,
    payeeName,
    milestone: p.milestone,
    paidFen: p.amountFen,
    owedFen: r.owedFen,
    recoveredFen: r.recoveredFen,
    outstandingFen: r.owedFen - r.recoveredFen,
    reason: r.reason,
    status: r.status as 'open' | 'settled',
    flaggedBy: r.flaggedBy,
    flaggedByName,
    instalments: instalments
      .filter((x) => x.i.recoveryId === r.id)
      .map(({ i, recordedByName }) => ({ id: i.id, amountFen: i.amountFen, receivedOn: i.receivedOn, reference: i.reference, recordedByName })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** What tracked recoveries still owe, summed (decimal string), for the forecast. */
export async function outstandingTotal(db: DbOrTx, filter: { policyId?: string }): Promise<string> {
  const [row] = await db
    .select({ fen: sql<string>`coalesce(sum(${rewardRecoveries.owedFen} - ${rewardRecoveries.recoveredFen}), 0)::text` })
    .from(rewardRecoveries)
    .where(and(eq(rewardRecoveries.status, 'open'), filter.policyId ? eq(rewardRecoveries.policyKey, filter.policyId) : undefined));
  return row?.fen ?? '0';
}

export async function findPayment(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardPayments).where(eq(rewardPayments.id, id));
  return row ?? null;
}

/** What all of a payment's recoveries together owe (decimal string). */
export async function flaggedOfPayment(tx: Tx, paymentId: string): Promise<string> {
  const [{ flagged } = { flagged: '0' }] = await tx
    .select({ flagged: sql<string>`coalesce(sum(${rewardRecoveries.owedFen}), 0)::text` })
    .from(rewardRecoveries)
    .where(eq(rewardRecoveries.paymentId, paymentId));
  return flagged;
}

export async function insertRecovery(tx: Tx, values: typeof rewardRecoveries.$inferInsert) {
  const [row] = await tx.insert(rewardRecoveries).values(values).returning();
  return row ?? null;
}

export async function lockRecovery(tx: Tx, id: string) {
  const [row] = await tx.select().from(rewardRecoveries).where(eq(rewardRecoveries.id, id)).for('update');
  return row ?? null;
}

export async function insertInstalment(tx: Tx, values: typeof rewardRecoveryInstalments.$inferInsert) {
  await tx.insert(rewardRecoveryInstalments).values(values);
}

export async function updateRecovery(tx: Tx, id: string, changes: Partial<typeof rewardRecoveries.$inferInsert>) {
  await tx.update(rewardRecoveries).set(changes).where(eq(rewardRecoveries.id, id));
}

// ---- what the forecast reads (bulk, never one query per project) ------------------------------------------

export const rewardPoliciesOf = (db: DbOrTx, policyId?: string) =>
  db
    .select()
    .from(rewardPolicies)
    .where(and(inArray(rewardPolicies.kind, ['agent_reward', 'staff_incentive']), policyId ? eq(rewardPolicies.id, policyId) : undefined));

export const versionsOfPolicies = (db: DbOrTx, policyIds: string[]) =>
  db.select().from(rewardPolicyVersions).where(inArray(rewardPolicyVersions.policyId, policyIds));

export const projectsOf = (db: DbOrTx, projectId?: string) =>
  db
    .select()
    .from(projects)
    .where(projectId ? eq(projects.id, projectId) : undefined);

export const allZoneIndustries = (db: DbOrTx) => db.select().from(zoneIndustries);

/** Every verified figure, oldest first (by its date, then when it was reported). */
export const verifiedFigures = (db: DbOrTx, projectId?: string) =>
  db
    .select({ projectId: projectFigures.projectId, kind: projectFigures.kind, amountFen: projectFigures.amountFen })
    .from(projectFigures)
    .where(and(isNotNull(projectFigures.verifiedAt), projectId ? eq(projectFigures.projectId, projectId) : undefined))
    .orderBy(projectFigures.asOf, projectFigures.reportedAt);

/** What was paid per ledger and payee (decimal strings). */
export const paidPerPayee = (db: DbOrTx, projectId?: string) =>
  db
    .select({
      subjectId: rewardPayments.subjectId,
      policyKey: rewardPayments.policyKey,
      payeeType: rewardPayments.payeeType,
      payeeId: rewardPayments.payeeId,
      fen: sql<string>`sum(${rewardPayments.amountFen})::text`,
    })
    .from(rewardPayments)
    .where(projectId ? eq(rewardPayments.subjectId, projectId) : undefined)
    .groupBy(rewardPayments.subjectId, rewardPayments.policyKey, rewardPayments.payeeType, rewardPayments.payeeId);

export const allAgents = (db: DbOrTx) => db.select().from(agents);

export const currentCreditSets = (db: DbOrTx, projectId?: string) =>
  db
    .select()
    .from(creditSets)
    .where(and(eq(creditSets.isCurrent, true), projectId ? eq(creditSets.projectId, projectId) : undefined));

export const negotiatingLeads = (db: DbOrTx) => db.select().from(leads).where(eq(leads.stage, 'negotiating')).limit(5000);

export async function projectExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  return !!row;
}
