import {
  addDays,
  addWorkingDays,
  type CalculationObjections,
  notFound,
  notSaved,
  type NoticeItem,
  type ObjectionBody,
  problem,
  type ResolveObjectionBody,
  staleVersion,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { managersFor, notify } from '../inbox/notify.ts';
import { today } from '../../lib/dates.ts';
import { assertNoStake } from './payees.ts';
import * as repo from './repository.ts';

/*
 * 公示 (issue 14). An approved project reward whose amount due is above its policy's threshold is published for the
 * policy's number of working days, counted in the zone's calendar from the day of approval. During the window anyone
 * signed in may object; a manager upholds (the calculation goes back: rejected) or dismisses each objection. Paying
 * is refused (409) until the window has ended and no objection is open — checked under the calculation's lock,
 * which raising and resolving an objection take too.
 */

/** The window fixed at approval: from the day of approval to `workingDays` working days after it. */
export async function noticeWindow(tx: repo.Tx, ctx: Ctx, calc: repo.CalculationRow): Promise<{ noticeFrom: string | null; noticeUntil: string | null }> {
  if (!calc.policyId) return { noticeFrom: null, noticeUntil: null };
  const policy = await repo.findPolicy(tx, calc.policyId);
  if (!policy || policy.noticeThresholdFen === null || calc.dueFen <= policy.noticeThresholdFen) return { noticeFrom: null, noticeUntil: null };
  const from = today(ctx);
  return { noticeFrom: from, noticeUntil: addWorkingDays(from, policy.noticeWorkingDays) };
}

/** Called by payment with the calculation row locked: the window must be over and no objection open. */
export async function assertNoticeOver(tx: repo.Tx, ctx: Ctx, calc: repo.CalculationRow, paidOn: string) {
  if (calc.noticeUntil && (today(ctx) <= calc.noticeUntil || paidOn <= calc.noticeUntil)) {
    throw problem('NOTICE_OPEN', { noticeUntil: calc.noticeUntil }, { reason: 'notice_open', noticeUntil: calc.noticeUntil });
  }
  const n = await repo.openObjectionCount(tx, calc.id);
  if (n > 0) throw problem('OBJECTION_OPEN', { count: n }, { reason: 'objection_open', count: n });
}

/**
 * The 公示 list: everyone signed in sees it (that is what a public notice is). Approved rewards with a window, and
 * those whose window ended in the last 30 days whatever became of them.
 */
export async function listNotices({ ctx }: { ctx: Ctx }): Promise<{ items: NoticeItem[]; today: string }> {
  const now = today(ctx);
  const rows = await repo.noticeCalculations(ctx.db, addDays(now, -30));
  const ids = rows.map((r) => r.c.id);
  const [lines, objections] = await Promise.all([ids.length ? repo.linesOfCalculations(ctx.db, ids) : Promise.resolve([]), repo.objectionsOf(ctx.db, ids)]);
  return {
    today: now,
    items: rows.map(({ c, projectName, policyName }) => ({
      calculationId: c.id,
      projectId: c.projectId,
      projectName,
      policyName,
      milestone: c.milestone,
      status: c.status,
      dueFen: c.dueFen,
      payees: lines
        .filter((l) => l.calculationId === c.id && l.amountFen > 0)
        .map((l) => ({ payeeType: l.payeeType as 'agent' | 'staff', payeeName: l.payeeName, amountFen: l.amountFen })),
      noticeFrom: c.noticeFrom ?? '',
      noticeUntil: c.noticeUntil ?? '',
      window: c.noticeUntil && now <= c.noticeUntil ? 'open' : 'closed',
      objections: objections.filter((o) => o.calculationId === c.id),
    })),
  };
}

type Stakeholders = (tx: repo.Tx, calc: repo.CalculationRow) => Promise<string[]>;

/** What an objection's messages say: the project, the milestone and who objected, so the inbox words it. */
async function messageFacts(tx: repo.Tx, calc: repo.CalculationRow) {
  const p = calc.projectId ? await repo.projectName(tx, calc.projectId) : null;
  return { calculationId: calc.id, projectName: p?.name ?? '', milestone: calc.milestone };
}

/**
 * Who is told an objection was raised: every active manager who may resolve it — not the objector and not anyone
 * with a stake in the calculation, the same rule `resolveObjection` applies — and the calculation's maker (unless
 * they raised it themselves).
 */
async function objectionAudience(tx: repo.Tx, calc: repo.CalculationRow, objectorId: string, stakeholders: Stakeholders): Promise<string[]> {
  const stake = new Set(await stakeholders(tx, calc));
  // Every active manager: managersFor with no zone's responsible manager to prefer.
  const managers = await managersFor(tx, null);
  const to = new Set(managers.filter((id) => id !== objectorId && !stake.has(id)));
  if (calc.makerId !== objectorId) to.add(calc.makerId);
  return [...to];
}

/** Anyone signed in may object, with a reason, while the window is open and the reward still approved. */
export async function raiseObjection({
  ctx,
  calculationId,
  input,
  stakeholders,
}: {
  ctx: Ctx;
  calculationId: string;
  input: z.infer<typeof ObjectionBody>;
  stakeholders: Stakeholders;
}) {
  return ctx.db.transaction(async (tx) => {
    const calc = await repo.lockCalculation(tx, calculationId);
    if (!calc) throw notFound('calculation');
    if (!calc.noticeUntil || !calc.noticeFrom || calc.status !== 'approved') throw problem('NOT_UNDER_NOTICE', {}, { reason: 'not_under_notice' });
    const now = today(ctx);
    if (now > calc.noticeUntil) throw problem('NOTICE_CLOSED', { noticeUntil: calc.noticeUntil }, { reason: 'notice_closed', noticeUntil: calc.noticeUntil });
    const row = await repo.insertObjection(tx, { calculationId, raisedBy: ctx.actor.id, reason: input.reason });
    if (!row) throw notSaved('objection');
    await audit(tx, ctx, {
      action: 'reward.objection.raise',
      entityType: 'reward_calculation',
      entityId: calculationId,
      after: { objectionId: row.id, reason: input.reason },
    });
    const facts = await messageFacts(tx, calc);
    const audience = await objectionAudience(tx, calc, ctx.actor.id, stakeholders);
    await notify(
      tx,
      audience.map((userId) => ({
        userId,
        kind: 'objection_raised',
        subjectType: 'reward_objection',
        subjectId: row.id,
        key: 'raised',
        params: { ...facts, objectorName: ctx.actor.displayName, reason: input.reason },
      })),
    );
    const [out] = await repo.objectionsOf(tx, [calculationId]).then((all) => all.filter((o) => o.id === row.id));
    if (!out) throw notSaved('objection');
    return out;
  });
}

/**
 * A manager resolves an objection: not one they raised, and not on money in which they have a stake. Upheld sends
 * the calculation back (rejected, with the resolution as its note; it may be computed again); dismissed lets it go on.
 */
export async function resolveObjection({
  ctx,
  id,
  input,
  stakeholders,
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof ResolveObjectionBody>;
  stakeholders: Stakeholders;
}) {
  requireRole(ctx, ['manager'], 'resolve objections');
  return ctx.db.transaction(async (tx) => {
    const peek = await repo.findObjection(tx, id);
    if (!peek) throw notFound('objection');
    const calc = await repo.lockCalculation(tx, peek.calculationId);
    if (!calc) throw notFound('calculation');
    const obj = await repo.lockObjection(tx, id);
    if (!obj) throw notFound('objection');
    if (obj.status !== 'open') throw problem('OBJECTION_RESOLVED', { status: obj.status }, { reason: 'objection_resolved', status: obj.status });
    if (obj.version !== input.version) throw staleVersion('objection', obj.version, input.version);
    if (obj.raisedBy === ctx.actor.id) throw problem('OWN_OBJECTION', {}, { reason: 'own_stake' });
    assertNoStake(ctx, await stakeholders(tx, calc), 'resolve an objection to this calculation');
    await repo.updateObjection(tx, id, {
      status: input.outcome,
      resolvedBy: ctx.actor.id,
      resolution: input.resolution,
      resolvedAt: ctx.now(),
      version: obj.version + 1,
    });
    await audit(tx, ctx, {
      action: 'reward.objection.resolve',
      entityType: 'reward_calculation',
      entityId: calc.id,
      before: { objectionId: id, status: 'open' },
      after: { objectionId: id, status: input.outcome, resolution: input.resolution },
    });
    if (input.outcome === 'upheld' && calc.status === 'approved') {
      await repo.updateCalculation(tx, calc.id, {
        status: 'rejected',
        decisionNote: `公示异议成立：${input.resolution}`,
        version: calc.version + 1,
        updatedAt: ctx.now(),
      });
      await audit(tx, ctx, {
        action: 'reward.reject',
        entityType: 'reward_calculation',
        entityId: calc.id,
        before: { status: calc.status },
        after: { status: 'rejected', note: input.resolution, objectionId: id },
      });
    }
    // The objector learns the outcome (they are never the resolver: that is refused above).
    await notify(tx, [
      {
        userId: obj.raisedBy,
        kind: 'objection_resolved',
        subjectType: 'reward_objection',
        subjectId: id,
        key: input.outcome,
        params: { ...(await messageFacts(tx, calc)), objectionOutcome: input.outcome, resolverName: ctx.actor.displayName, resolution: input.resolution },
      },
    ]);
    const [out] = (await repo.objectionsOf(tx, [calc.id])).filter((o) => o.id === id);
    if (!out) throw notSaved('objection');
    return out;
  });
}

/** A calculation's objections, oldest first (for its page; whoever reads calculations reads them), and the zone's today. */
export async function calculationObjections({ ctx, calculationId }: { ctx: Ctx; calculationId: string }): Promise<CalculationObjections> {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see reward calculations');
  if (!(await repo.calculationExists(ctx.db, calculationId))) throw notFound('calculation');
  return { items: await repo.objectionsOf(ctx.db, [calculationId]), today: today(ctx) };
}
