import { bottomFlags, performancePeriods, type DbOrTx } from '@crm/db';
import {
  addWorkingDays,
  notFound,
  notSaved,
  problem,
  staleVersion,
  type AppealBody,
  type BottomFlag,
  type BottomFlagQuery,
  type DecideAppealBody,
  type FlagSummary,
} from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, within, type Ctx } from '../../lib/context.ts';
import { dateOf, today } from '../../lib/dates.ts';
import { managersFor, notify } from '../inbox/notify.ts';
import * as repo from './repository.ts';

/**
 * 末位 due process (policy 二(一)2 末位淘汰): closing a period flags its bottom rows; each flagged person may appeal
 * within the scheme's window (working days, zone calendar); a manager other than the flagged person upholds or lifts
 * the flag. Only an upheld flag, or a pending one whose window has passed, is in effect.
 */
type FlagRow = typeof bottomFlags.$inferSelect;

/** What a flag stands at today: a pending flag past its window is in effect without anything having to run. */
export function flagState(row: Pick<FlagRow, 'status' | 'appealBy'>, day: string): { status: z.infer<typeof FlagSummary>['status']; effective: boolean } {
  if (row.status === 'pending') return day > row.appealBy ? { status: 'effective', effective: true } : { status: 'pending', effective: false };
  if (row.status === 'upheld') return { status: 'upheld', effective: true };
  if (row.status === 'lifted') return { status: 'lifted', effective: false };
  return { status: 'appealed', effective: false };
}

export const summaryOf = (row: FlagRow, day: string): z.infer<typeof FlagSummary> => ({
  id: row.id,
  appealBy: row.appealBy,
  version: row.version,
  ...flagState(row, day),
});

/** Inside the transaction that closes a period: one flag per bottom row, and each flagged person told. */
export async function flagBottomRows(
  tx: DbOrTx,
  ctx: Ctx,
  period: { id: string; period: string; closedAt: Date },
  scheme: { id: string; name: string; appealWorkingDays: number },
  rows: { staffId: string; staffName: string; rank: number; scoreHundredths: number; bottom: boolean }[],
) {
  const bottom = rows.filter((r) => r.bottom);
  if (bottom.length === 0) return;
  const appealBy = addWorkingDays(dateOf(ctx, period.closedAt), scheme.appealWorkingDays);
  const flags = await repo.insertFlags(
    tx,
    bottom.map((r) => ({ periodId: period.id, staffId: r.staffId, rank: r.rank, scoreHundredths: r.scoreHundredths, appealBy })),
  );
  await notify(
    tx,
    flags.map((f) => ({
      userId: f.staffId,
      kind: 'bottom_flagged' as const,
      subjectType: 'bottom_flag' as const,
      subjectId: f.id,
      key: 'flagged',
      params: { period: period.period, schemeId: scheme.id, schemeName: scheme.name, appealBy },
    })),
  );
}

const toFlag = (r: Awaited<ReturnType<typeof repo.loadFlags>>[number], day: string): BottomFlag => ({
  ...summaryOf(r.f, day),
  periodId: r.f.periodId,
  period: r.period,
  schemeId: r.schemeId,
  schemeName: r.schemeName,
  staffId: r.f.staffId,
  staffName: r.staffName,
  rank: r.f.rank,
  scoreHundredths: r.f.scoreHundredths,
  appealReason: r.f.appealReason,
  appealedAt: r.f.appealedAt?.toISOString() ?? null,
  decidedByName: r.decidedByName ?? null,
  decidedAt: r.f.decidedAt?.toISOString() ?? null,
  decisionNote: r.f.decisionNote,
});

/** Managers, admins and finance see every flag; staff see their own. */
export async function listFlags({ ctx, query }: { ctx: Ctx; query: z.infer<typeof BottomFlagQuery> }) {
  requireRole(ctx, ['manager', 'admin', 'finance', 'staff'], 'see 末位 flags');
  const rows = await repo.loadFlags(
    ctx.db,
    and(
      hasRole(ctx, 'manager', 'admin', 'finance') ? undefined : eq(bottomFlags.staffId, ctx.actor.id),
      query.schemeId ? eq(performancePeriods.schemeId, query.schemeId) : undefined,
      query.period ? eq(performancePeriods.period, query.period) : undefined,
      query.awaitingDecision ? eq(bottomFlags.status, 'appealed') : undefined,
    ),
  );
  const day = today(ctx);
  return rows.map((r) => toFlag(r, day));
}

/** Flag summaries of a closed period, by staff member, for its ranking. */
export async function flagsOfPeriod(db: DbOrTx, periodId: string, day: string): Promise<Map<string, z.infer<typeof FlagSummary>>> {
  const rows = await repo.flagRowsOfPeriod(db, periodId);
  return new Map(rows.map((r) => [r.staffId, summaryOf(r, day)]));
}

/** A flag's period key and scheme, for the messages that link to it. */
async function periodOf(tx: DbOrTx, periodId: string) {
  const period = await repo.periodKeyOf(tx, periodId);
  return { period: period?.period ?? '', schemeId: period?.schemeId ?? '' };
}

async function flagForUpdate(tx: DbOrTx, id: string): Promise<FlagRow> {
  const row = await repo.lockFlag(tx, id);
  if (!row) throw notFound('flag');
  return row;
}

async function readBack(ctx: Ctx, id: string): Promise<BottomFlag> {
  const [row] = await repo.loadFlags(ctx.db, eq(bottomFlags.id, id));
  if (!row) throw notFound('flag');
  return toFlag(row, today(ctx));
}

/** The flagged person, and only they, appeal within the window, once. */
export async function appeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof AppealBody> }) {
  requireRole(ctx, ['staff', 'manager', 'admin', 'finance'], 'appeal a 末位 flag');
  return ctx.db.transaction(async (tx) => {
    const row = await flagForUpdate(tx, id);
    if (row.staffId !== ctx.actor.id) throw problem('NOT_YOUR_FLAG', {}, { reason: 'not_your_flag' });
    if (row.version !== input.version) throw staleVersion('flag', row.version, input.version);
    if (row.status !== 'pending') throw problem('FLAG_NOT_PENDING', { status: row.status }, { reason: 'flag_not_pending', status: row.status });
    const day = today(ctx);
    if (day > row.appealBy) {
      throw problem('APPEAL_WINDOW_CLOSED', { appealBy: row.appealBy }, { reason: 'appeal_window_closed', appealBy: row.appealBy });
    }
    const updated = await repo.updateFlagReturning(tx, id, { status: 'appealed', appealReason: input.reason, appealedAt: ctx.now(), version: row.version + 1 });
    if (!updated) throw notSaved('flag');
    await audit(tx, ctx, {
      action: 'bottom_flag.appeal',
      entityType: 'bottom_flag',
      entityId: id,
      before: { status: row.status },
      after: { status: 'appealed', reason: input.reason },
    });
    const period = await periodOf(tx, row.periodId);
    const managers = (await managersFor(tx, null)).filter((m) => m !== ctx.actor.id);
    await notify(
      tx,
      managers.map((userId) => ({
        userId,
        kind: 'bottom_appealed' as const,
        subjectType: 'bottom_flag' as const,
        subjectId: id,
        key: 'appealed',
        params: { staffName: ctx.actor.displayName, ...period },
      })),
    );
    return readBack(within(ctx, tx), id);
  });
}

/** A manager with no stake (not the flagged person) upholds or lifts an appealed flag, with a reason. */
export async function decide({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof DecideAppealBody> }) {
  requireRole(ctx, ['manager'], 'decide 末位 appeals');
  return ctx.db.transaction(async (tx) => {
    const row = await flagForUpdate(tx, id);
    if (row.staffId === ctx.actor.id) throw problem('OWN_APPEAL', {}, { reason: 'own_stake' });
    if (row.version !== input.version) throw staleVersion('flag', row.version, input.version);
    if (row.status !== 'appealed') {
      throw problem('FLAG_NOT_APPEALED', { status: row.status }, { reason: 'flag_not_appealed', status: row.status });
    }
    const status = input.outcome === 'lift' ? 'lifted' : 'upheld';
    await repo.updateFlag(tx, id, { status, decidedBy: ctx.actor.id, decidedAt: ctx.now(), decisionNote: input.note, version: row.version + 1 });
    await audit(tx, ctx, {
      action: 'bottom_flag.decide',
      entityType: 'bottom_flag',
      entityId: id,
      before: { status: row.status },
      after: { status, note: input.note },
    });
    const period = await periodOf(tx, row.periodId);
    await notify(tx, [
      {
        userId: row.staffId,
        kind: 'bottom_decided',
        subjectType: 'bottom_flag',
        subjectId: id,
        key: 'decided',
        params: { decision: status, managerName: ctx.actor.displayName, ...period },
      },
    ]);
    return readBack(within(ctx, tx), id);
  });
}
