import type { Tx } from '@crm/db';
import {
  type CreditsBody,
  type ExpansionBody,
  type LeadAlreadySignedDetails,
  fieldIssue,
  fieldsProblem,
  type FigureBody,
  invalid,
  type MilestoneBody,
  notFound as sharedNotFound,
  notSaved,
  optionalMilestones,
  problem,
  type Project,
  type ProjectDetail,
  type ProjectListQuery,
  type ProjectKind,
  type ProjectMilestone,
  projectMilestones as milestoneOrder,
  type SignLeadBody,
  staleVersion,
  type UpdateProjectBody,
  type ZoneTransferBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { hasRole, requireRole, within, type Ctx } from '../../lib/context.ts';
import { decodeCursor, pageOf } from '../../lib/cursor.ts';
import { dateOf, momentOf, today } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { assertCanWrite, checkReferences, markSigned } from '../leads/service.ts';
import * as repo from './repository.ts';

const notFound = () => sharedNotFound('project');
const rank = (m: ProjectMilestone) => milestoneOrder.indexOf(m);
const isManager = (ctx: Ctx) => hasRole(ctx, 'manager', 'admin');

/** Staff see projects they own or are credited on; managers, finance and admins see all. */
export async function assertCanReadProject(ctx: Ctx, db: Tx | Ctx['db'], project: Project) {
  if (hasRole(ctx, 'manager', 'admin', 'finance') || project.ownerId === ctx.actor.id) return;
  const credited = await repo.creditedOn(db, project.id, ctx.actor.id);
  if (!credited) throw problem('NOT_YOURS_READ', { entity: 'project', owner: project.ownerName });
}

export function assertCanWriteProject(ctx: Ctx, project: Project, what: string) {
  if (isManager(ctx) || (project.ownerId === ctx.actor.id && hasRole(ctx, 'staff'))) return;
  throw problem('NOT_YOURS_WRITE', { action: what, entity: 'project', owner: project.ownerName });
}

/**
 * Signs a lead: it becomes a project. The lead row is locked and the projects.lead_id unique index backs it,
 * so a lead is signed once even when two people press the button together.
 */
export async function signLead({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof SignLeadBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'sign leads');
  return ctx.db.transaction(async (tx) => {
    const projectId = await signInTx(ctx, tx, leadId, input);
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getProject({ ctx: within(ctx, tx), id: projectId });
  });
}

/**
 * Every rule and write of signing a lead, in the caller's transaction: the button and a spreadsheet of projects
 * (issue 12) go through here, so an imported project obeys exactly the rules of one signed by hand.
 */
export async function signInTx(
  ctx: Ctx,
  tx: Tx,
  leadId: string,
  input: z.infer<typeof SignLeadBody>,
  auditExtra: Record<string, unknown> = {},
): Promise<string> {
  const now = ctx.now();
  if (input.signedOn > today(ctx)) throw invalid('signedOn', 'FUTURE');
  {
    const locked = await leadRepo.lockLead(tx, leadId);
    if (!locked) throw sharedNotFound('lead');
    const lead = await leadRepo.findLead(tx, leadId, momentOf(ctx, now));
    if (!lead) throw sharedNotFound('lead');
    assertCanWrite(ctx, lead, 'sign this lead');
    const existing = await repo.projectOfLead(tx, leadId);
    if (existing || lead.stage === 'signed') {
      throw problem('LEAD_ALREADY_SIGNED', { signedOn: existing?.signedOn ?? '' }, { projectId: existing?.id ?? null } satisfies LeadAlreadySignedDetails);
    }
    if (lead.stage === 'lost') throw problem('LEAD_LOST_CANNOT_SIGN');
    await checkReferences(tx, input);
    const project = await insertProject(tx, ctx, {
      leadId,
      name: lead.companyName,
      kind: 'new',
      parentProjectId: null,
      input,
      agentId: input.agentId === undefined ? lead.agentId : input.agentId,
      ownerId: lead.ownerId,
      creditNote: '初始：线索负责人',
    });
    // The lead's side of signing is the leads module's to write.
    await markSigned(ctx, tx, lead, { signedOn: input.signedOn, projectId: project.id, now });
    await audit(tx, ctx, { action: 'project.create', entityType: 'project', entityId: project.id, after: { ...input, leadId, ...auditExtra } });
    return project.id;
  }
}

type NewProject = {
  leadId: string;
  name: string;
  kind: ProjectKind;
  parentProjectId: string | null;
  input: z.infer<typeof SignLeadBody> & { zoneId: string; industryId: string };
  agentId: string | null;
  ownerId: string;
  creditNote: string;
};

/**
 * A project's rows at signing: the project, its signed milestone, its contract amount as a reported figure (it
 * counts for money and ranks once a manager without a stake verifies it, issue 8) and the first credit split (the
 * owner holds the whole credit until a manager sets it).
 */
async function insertProject(tx: Tx, ctx: Ctx, p: NewProject) {
  const now = ctx.now();
  const { input } = p;
  const project = await repo.insertProject(tx, {
    leadId: p.leadId,
    name: p.name,
    kind: p.kind,
    parentProjectId: p.parentProjectId,
    contractInvestmentFen: input.contractInvestmentFen,
    registeredCapitalFen: input.registeredCapitalFen,
    plannedFixedAssetInvestmentFen: input.plannedFixedAssetInvestmentFen,
    landMu: input.landMu.toFixed(2),
    landApprovedOn: input.landApprovedOn ?? null,
    expectedAnnualOutputFen: input.expectedAnnualOutputFen,
    expectedAnnualTaxFen: input.expectedAnnualTaxFen,
    expectedJobs: input.expectedJobs,
    zoneId: input.zoneId,
    parkId: input.parkId ?? null,
    industryId: input.industryId,
    chainNodeId: input.chainNodeId ?? null,
    agentId: p.agentId,
    ownerId: p.ownerId,
    signedOn: input.signedOn,
    currentMilestone: 'signed',
    notes: input.notes ?? null,
    projectCompanyName: input.projectCompanyName ?? null,
    projectCompanyCreditCode: input.projectCompanyCreditCode ?? null,
    taxpayerName: input.taxpayerName ?? null,
    taxpayerCreditCode: input.taxpayerCreditCode ?? null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  if (!project) throw notSaved('project');
  await repo.insertMilestone(tx, { projectId: project.id, milestone: 'signed', reachedOn: input.signedOn, recordedBy: ctx.actor.id, createdAt: now });
  await repo.insertFigure(tx, {
    projectId: project.id,
    kind: 'contract_investment',
    amountFen: input.contractInvestmentFen,
    asOf: input.signedOn,
    source: '签约',
    reportedBy: ctx.actor.id,
    reportedAt: now,
  });
  const set = await repo.insertCreditSet(tx, { projectId: project.id, agentId: project.agentId, note: p.creditNote, setBy: ctx.actor.id, setAt: now });
  if (!set) throw notSaved('project');
  await repo.insertCreditLines(tx, [{ setId: set.id, staffId: p.ownerId, role: 'owner', shareBp: 10000 }]);
  return project;
}

/**
 * 登记增资扩产: a later project (expansion, capital increase, upgrade) of a company already here (policy 二(二)2
 * 以商招商). It is a project of its own, linked to the company's first project and sharing its lead: its amounts
 * are the increase only, its signing counts once in every sum, its reward basis is its own verified figures. Whoever
 * may read the first project (its owner, a credited colleague, a manager) registers it; a staff member who does
 * owns it (they brought the new money), otherwise the first project's owner does.
 */
export async function registerExpansion({
  ctx,
  parentId,
  input,
}: {
  ctx: Ctx;
  parentId: string;
  input: z.infer<typeof ExpansionBody>;
}): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'register expansions');
  if (input.signedOn > today(ctx)) throw invalid('signedOn', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findProject(tx, parentId);
    if (!found) throw notFound();
    await assertCanReadProject(ctx, tx, found);
    // An expansion of an expansion belongs to the company's first project: one level, one family.
    const root = found.parentProjectId ? await repo.findProject(tx, found.parentProjectId) : found;
    if (!root) throw notFound();
    const lock = await repo.lockProjectId(tx, root.id);
    if (!lock) throw notFound();
    const values = { ...input, zoneId: input.zoneId ?? root.zoneId, industryId: input.industryId ?? root.industryId };
    if (values.parkId === undefined && values.zoneId === root.zoneId) values.parkId = root.parkId;
    await checkReferences(tx, values);
    const ownerId = hasRole(ctx, 'staff') ? ctx.actor.id : root.ownerId;
    const label = input.kind === 'expansion' ? '增资扩产' : '技改';
    const project = await insertProject(tx, ctx, {
      leadId: root.leadId,
      name: input.name ?? `${root.name}（${label}）`,
      kind: input.kind,
      parentProjectId: root.id,
      input: values,
      agentId: input.agentId === undefined ? null : input.agentId,
      ownerId,
      creditNote: `初始：${label}登记人`,
    });
    await audit(tx, ctx, {
      action: 'project.expansion',
      entityType: 'project',
      entityId: project.id,
      after: { ...values, kind: undefined, projectKind: input.kind, parentProjectId: root.id, leadId: root.leadId },
    });
    return getProject({ ctx: within(ctx, tx), id: project.id });
  });
}

/**
 * Moves a project's credit to another zone (manager, with a reason). One project counts for one zone at a time;
 * the move is kept as history and audited, and every sum by zone follows it from then on.
 */
export async function transferZone({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof ZoneTransferBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['manager'], 'move projects between zones');
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockProject(tx, id);
    if (!locked) throw notFound();
    if (locked.version !== input.version) throw staleVersion('project', locked.version, input.version);
    if (locked.zoneId === input.zoneId) throw invalid('zoneId', 'SAME_ZONE');
    await checkReferences(tx, { zoneId: input.zoneId, industryId: locked.industryId, parkId: input.parkId ?? null, chainNodeId: locked.chainNodeId });
    await repo.insertZoneTransfer(tx, {
      projectId: id,
      fromZoneId: locked.zoneId,
      toZoneId: input.zoneId,
      fromParkId: locked.parkId,
      toParkId: input.parkId ?? null,
      reason: input.reason,
      transferredBy: ctx.actor.id,
      transferredAt: ctx.now(),
    });
    await repo.changeProject(tx, id, { zoneId: input.zoneId, parkId: input.parkId ?? null }, ctx.now());
    await audit(tx, ctx, {
      action: 'project.transfer',
      entityType: 'project',
      entityId: id,
      before: { zoneId: locked.zoneId, parkId: locked.parkId },
      after: { zoneId: input.zoneId, parkId: input.parkId ?? null, reason: input.reason },
    });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

export async function listProjects({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ProjectListQuery> }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see projects');
  const after = input.cursor ? decodeCursor(input.cursor, 'timestamp') : null;
  const staffOnly = !hasRole(ctx, 'manager', 'admin', 'finance');
  const rows = await repo.listProjects(ctx.db, {
    q: input.q,
    milestone: input.milestone,
    zoneId: input.zoneId,
    industryId: input.industryId,
    ownerId: input.ownerId,
    kind: input.kind,
    staffId: staffOnly ? ctx.actor.id : undefined,
    limit: input.limit,
    after,
  });
  return pageOf(rows, input.limit, repo.toProject, (r) => [r.p.createdAt.toISOString(), r.p.id]);
}

export async function getProject({ ctx, id }: { ctx: Ctx; id: string }): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see projects');
  const project = await repo.findProject(ctx.db, id);
  if (!project) throw notFound();
  await assertCanReadProject(ctx, ctx.db, project);
  const [milestones, figures, credits, expansions, transfers, parent] = await Promise.all([
    repo.milestonesOf(ctx.db, id),
    repo.figuresOf(ctx.db, id),
    repo.creditSetsOf(ctx.db, id, true),
    repo.expansionsOf(ctx.db, id),
    repo.transfersOf(ctx.db, id),
    project.parentProjectId ? repo.projectName(ctx.db, project.parentProjectId) : Promise.resolve(null),
  ]);
  return {
    ...project,
    milestones: milestones.map(({ m, name }) => ({
      milestone: m.milestone,
      reachedOn: m.reachedOn,
      recordedBy: m.recordedBy,
      recordedByName: name,
      note: m.note,
    })),
    figures,
    credits: credits[0] ?? null,
    parent,
    expansions: expansions.map((e) => ({ ...e, kind: e.kind as ProjectDetail['kind'] })),
    transfers,
  };
}

export async function updateProject({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateProjectBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'edit projects');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findProject(tx, id);
    if (!before) throw notFound();
    assertCanWriteProject(ctx, before, 'edit this project');
    if (input.contractInvestmentFen !== undefined && input.contractInvestmentFen !== before.contractInvestmentFen) {
      // An edit of the contract investment is a new report, pending until a manager verifies it: the verified
      // amount (what money and ranks use) stays as it was (issue 8).
      await repo.insertFigure(tx, {
        projectId: id,
        kind: 'contract_investment',
        amountFen: input.contractInvestmentFen,
        asOf: today(ctx),
        source: '项目编辑',
        reportedBy: ctx.actor.id,
        reportedAt: ctx.now(),
      });
    }
    const next = {
      parkId: input.parkId === undefined ? before.parkId : input.parkId,
      chainNodeId: input.chainNodeId === undefined ? before.chainNodeId : input.chainNodeId,
    };
    await checkReferences(tx, { zoneId: before.zoneId, industryId: before.industryId, ...next });
    const row = await repo.updateProjectAt(tx, id, input.version, {
      contractInvestmentFen: input.contractInvestmentFen ?? before.contractInvestmentFen,
      registeredCapitalFen: input.registeredCapitalFen ?? before.registeredCapitalFen,
      plannedFixedAssetInvestmentFen: input.plannedFixedAssetInvestmentFen ?? before.plannedFixedAssetInvestmentFen,
      landMu: (input.landMu ?? before.landMu).toFixed(2),
      landApprovedOn: input.landApprovedOn === undefined ? before.landApprovedOn : input.landApprovedOn,
      expectedAnnualOutputFen: input.expectedAnnualOutputFen ?? before.expectedAnnualOutputFen,
      expectedAnnualTaxFen: input.expectedAnnualTaxFen ?? before.expectedAnnualTaxFen,
      expectedJobs: input.expectedJobs ?? before.expectedJobs,
      notes: input.notes === undefined ? before.notes : input.notes,
      projectCompanyName: input.projectCompanyName === undefined ? before.projectCompanyName : input.projectCompanyName,
      projectCompanyCreditCode: input.projectCompanyCreditCode === undefined ? before.projectCompanyCreditCode : input.projectCompanyCreditCode,
      taxpayerName: input.taxpayerName === undefined ? before.taxpayerName : input.taxpayerName,
      taxpayerCreditCode: input.taxpayerCreditCode === undefined ? before.taxpayerCreditCode : input.taxpayerCreditCode,
      ...next,
      version: before.version + 1,
      updatedAt: ctx.now(),
    });
    if (!row) throw staleVersion('project', before.version, input.version);
    const after = await repo.findProject(tx, id);
    if (!after) throw notFound();
    await audit(tx, ctx, { action: 'project.update', entityType: 'project', entityId: id, ...diff(before, after) });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

/**
 * Records a milestone. Milestones come in their fixed order (land_acquired may be skipped), each once, and a
 * date is never before an earlier milestone's date nor in the future.
 */
export async function recordMilestone({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof MilestoneBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record milestones');
  const now = ctx.now();
  if (input.date > today(ctx)) throw invalid('date', 'FUTURE_MILESTONE');
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockProject(tx, id);
    if (!locked) throw notFound();
    const project = await repo.findProject(tx, id);
    if (!project) throw notFound();
    assertCanWriteProject(ctx, project, 'record milestones');
    const recorded = await repo.milestoneRows(tx, id);
    const same = recorded.find((m) => m.milestone === input.milestone);
    if (same)
      throw problem('MILESTONE_RECORDED', { milestone: input.milestone, reachedOn: same.reachedOn }, { fields: [fieldIssue('milestone', 'ALREADY_RECORDED')] });
    const target = rank(input.milestone);
    const current = rank(project.currentMilestone);
    if (target < current) {
      throw invalid('milestone', 'MILESTONE_BEFORE_CURRENT', { milestone: input.milestone, laterMilestone: project.currentMilestone });
    }
    const missing = milestoneOrder.slice(0, target).find((m) => !optionalMilestones.includes(m) && !recorded.some((r) => r.milestone === m));
    if (missing) throw invalid('milestone', 'MILESTONE_FIRST', { milestone: missing });
    const latest = recorded.reduce<{ milestone: string; reachedOn: string } | null>((acc, m) => (!acc || m.reachedOn > acc.reachedOn ? m : acc), null);
    if (latest && input.date < latest.reachedOn) {
      throw invalid('date', 'MILESTONE_DATE_ORDER', { date: input.date, earlierMilestone: latest.milestone, earlierDate: latest.reachedOn });
    }
    await repo.insertMilestone(tx, {
      projectId: id,
      milestone: input.milestone,
      reachedOn: input.date,
      note: input.note ?? null,
      recordedBy: ctx.actor.id,
      createdAt: now,
    });
    await repo.changeProject(tx, id, { currentMilestone: input.milestone }, now);
    await audit(tx, ctx, {
      action: 'project.milestone',
      entityType: 'project',
      entityId: id,
      before: { currentMilestone: project.currentMilestone },
      after: { currentMilestone: input.milestone, date: input.date },
    });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

/** Reports a figure; it stays unverified (and unusable for money) until a manager other than the reporter verifies it. */
export async function reportFigure({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof FigureBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'report figures');
  const now = ctx.now();
  if (input.asOf > today(ctx)) throw invalid('asOf', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const project = await repo.findProject(tx, id);
    if (!project) throw notFound();
    assertCanWriteProject(ctx, project, 'report figures');
    const figure = await repo.insertFigureReturning(tx, {
      projectId: id,
      kind: input.kind,
      amountFen: input.amountFen,
      asOf: input.asOf,
      source: input.source ?? null,
      note: input.note ?? null,
      reportedBy: ctx.actor.id,
      reportedAt: now,
    });
    // A reported contract amount is shown as the project's (pending) contract investment; it counts once verified.
    if (input.kind === 'contract_investment') {
      await repo.changeProject(tx, id, { contractInvestmentFen: input.amountFen }, now);
    }
    await audit(tx, ctx, { action: 'project.figure.report', entityType: 'project', entityId: id, after: figure });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

export async function verifyFigure({ ctx, id, figureId }: { ctx: Ctx; id: string; figureId: string }): Promise<ProjectDetail> {
  requireRole(ctx, ['manager'], 'verify figures');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // The project row is locked: a computation or payment reading this project's figures waits (or is waited for).
    const project = await repo.lockProject(tx, id);
    if (!project) throw notFound();
    const figure = await repo.lockFigure(tx, id, figureId);
    if (!figure) throw problem('NOT_FOUND_ON', { entity: 'figure', parent: 'project' });
    if (figure.verifiedAt) throw problem('FIGURE_VERIFIED', { verifiedOn: dateOf(ctx, figure.verifiedAt) });
    // Four eyes: the person who reported a figure does not verify it.
    if (figure.reportedBy === ctx.actor.id) throw problem('REPORTER_CANNOT_VERIFY');
    // Nobody verifies a figure of a project in which they hold a stake: its owner or a credited colleague (issue 8).
    const credited = await repo.creditedOn(tx, id, ctx.actor.id);
    if (credited || project.ownerId === ctx.actor.id) {
      throw problem('OWN_STAKE_FIGURE', {}, { reason: 'own_stake' });
    }
    await repo.markFigureVerified(tx, figureId, ctx.actor.id, now);
    if (figure.kind === 'contract_investment') {
      const latest = await repo.latestVerifiedContract(tx, id);
      await repo.changeProject(tx, id, { verifiedContractInvestmentFen: latest?.amountFen ?? figure.amountFen }, now);
    }
    await audit(tx, ctx, {
      action: 'project.figure.verify',
      entityType: 'project',
      entityId: id,
      after: { figureId, kind: figure.kind, amountFen: figure.amountFen, asOf: figure.asOf },
    });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

/** Sets who gets credit for a project (业绩归属): shares must sum to exactly 10000 bp. The old set is kept as history. */
export async function setCredits({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof CreditsBody> }): Promise<ProjectDetail> {
  requireRole(ctx, ['manager'], 'change project credits');
  const sum = input.credits.reduce((s, c) => s + c.shareBp, 0);
  if (sum !== 10000) {
    throw fieldsProblem([fieldIssue('credits', 'SHARES_SUM', { sum })], {
      sumBp: sum,
    });
  }
  const keys = input.credits.map((c) => `${c.staffId}:${c.role}`);
  if (new Set(keys).size !== keys.length) throw invalid('credits', 'SAME_PERSON_TWICE');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockProject(tx, id);
    if (!locked) throw notFound();
    const staffIds = [...new Set(input.credits.map((c) => c.staffId))];
    const people = await repo.usersIn(tx, staffIds);
    for (const [i, c] of input.credits.entries()) {
      const person = people.find((p) => p.id === c.staffId);
      if (!person) throw invalid(`credits.${i}.staffId`, 'NO_SUCH_USER');
      if (!person.roles.includes('staff') && !person.roles.includes('manager'))
        throw invalid(`credits.${i}.staffId`, 'NOT_STAFF', { name: person.displayName });
    }
    if (input.agentId) {
      const agent = await repo.findAgentId(tx, input.agentId);
      if (!agent) throw invalid('agentId', 'DOES_NOT_EXIST', { entity: 'agent' });
    }
    const [before] = await repo.creditSetsOf(tx, id, true);
    await repo.retireCurrentCredits(tx, id);
    const agentId = input.agentId === undefined ? locked.agentId : input.agentId;
    const set = await repo.insertCreditSet(tx, { projectId: id, agentId, note: input.note ?? null, setBy: ctx.actor.id, setAt: now });
    if (!set) throw notSaved('credits');
    // Kept in the order entered: a split's equal remainders go to the person entered first (issue 8).
    await repo.insertCreditLines(
      tx,
      input.credits.map((c, position) => ({ setId: set.id, staffId: c.staffId, role: c.role, shareBp: c.shareBp, position })),
    );
    if (agentId !== locked.agentId) await repo.changeProject(tx, id, { agentId }, now);
    await audit(tx, ctx, {
      action: 'project.credits',
      entityType: 'project',
      entityId: id,
      before: before ? { agentId: before.agentId, credits: before.credits.map(({ staffId, role, shareBp }) => ({ staffId, role, shareBp })) } : null,
      after: { agentId, credits: input.credits },
    });
    return getProject({ ctx: within(ctx, tx), id });
  });
}

export async function creditHistory({ ctx, id }: { ctx: Ctx; id: string }) {
  const project = await getProject({ ctx, id });
  return repo.creditSetsOf(ctx.db, project.id, false);
}
