import { payPools, performancePeriods, type DbOrTx } from '@crm/db';
import {
  invalid,
  notFound,
  notSaved,
  performancePay,
  problem,
  staleVersion,
  type FilePayPoolBody,
  type PayPoolListQuery,
  type PayPoolVersionBody,
  type SavedPayPool,
  type SavePayPoolBody,
} from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { sendSheet } from '../../lib/xlsx.ts';
import * as repo from './repository.ts';

/**
 * 绩效工资 (policy 三(三)): a zone's pool is the base × the zone's grade (1–5), shared by the scores the committee
 * was given — a closed period's, never the live ones — by largest remainder. A maker (manager or finance) saves it;
 * someone else who gets none of it approves it (maker-checker, no self-dealing); finance files it (备案) with the
 * filing's reference. A draft may be computed again; an approved pool is fixed.
 */
type Row = typeof payPools.$inferSelect;

const toPool = (r: Awaited<ReturnType<typeof repo.loadPools>>[number]): SavedPayPool => ({
  id: r.p.id,
  period: r.period,
  schemeId: r.schemeId,
  zoneId: r.p.zoneId,
  zoneName: r.zoneName,
  baseFen: r.p.baseFen,
  gradeMultiplier: r.p.gradeMultiplier,
  poolFen: r.p.poolFen,
  parts: r.p.parts,
  status: r.p.status as SavedPayPool['status'],
  makerName: r.makerName,
  approvedByName: r.approvedByName ?? null,
  approvedAt: r.p.approvedAt?.toISOString() ?? null,
  filedByName: r.filedByName ?? null,
  filedAt: r.p.filedAt?.toISOString() ?? null,
  filingReference: r.p.filingReference,
  version: r.p.version,
  createdAt: r.p.createdAt.toISOString(),
});

async function readBack(ctx: Ctx, id: string): Promise<SavedPayPool> {
  const [row] = await repo.loadPools(ctx.db, eq(payPools.id, id));
  if (!row) throw notFound('pool');
  return toPool(row);
}

async function closedPeriod(db: DbOrTx, schemeId: string, period: string) {
  const row = await repo.findPeriod(db, schemeId, period);
  if (!row) {
    throw problem('PERIOD_OPEN', { period }, { reason: 'period_open' });
  }
  return row;
}

export async function listPools({ ctx, query }: { ctx: Ctx; query: z.infer<typeof PayPoolListQuery> }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see performance pay');
  const rows = await repo.loadPools(ctx.db, and(eq(performancePeriods.schemeId, query.schemeId), eq(performancePeriods.period, query.period)));
  return rows.map(toPool);
}

/** Saves (or computes again) a zone's draft pool from the closed period's reported scores. */
export async function savePool({ ctx, input }: { ctx: Ctx; input: z.infer<typeof SavePayPoolBody> }) {
  requireRole(ctx, ['manager', 'finance'], 'compute performance pay');
  return ctx.db.transaction(async (tx) => {
    const period = await closedPeriod(tx, input.schemeId, input.period);
    if (!(await repo.zoneExists(tx, input.zoneId))) throw invalid('zoneId', 'DOES_NOT_EXIST', { entity: 'zone' });
    const rows = (period.snapshot as { rows: { staffId: string; staffName: string; scoreHundredths: number }[] }).rows;
    if (!rows.some((r) => r.scoreHundredths > 0)) {
      throw problem('NOBODY_SCORED');
    }
    const { poolFen, parts } = performancePay(
      BigInt(input.baseFen),
      input.gradeMultiplier,
      rows.map((r) => ({ key: r.staffId, score: r.scoreHundredths })),
    );
    const computed = {
      baseFen: input.baseFen,
      gradeMultiplier: input.gradeMultiplier,
      poolFen: Number(poolFen),
      parts: parts.map((p) => {
        const row = rows.find((r) => r.staffId === p.key);
        return { staffId: p.key, staffName: row?.staffName ?? '', scoreHundredths: row?.scoreHundredths ?? 0, amountFen: Number(p.amountFen) };
      }),
    };
    const existing = await repo.lockPoolOf(tx, period.id, input.zoneId);
    let id: string;
    if (existing) {
      if (existing.status !== 'draft') {
        throw problem('POOL_NOT_DRAFT', { status: existing.status }, { reason: 'pool_not_draft', status: existing.status });
      }
      await repo.updatePool(tx, existing.id, { ...computed, makerId: ctx.actor.id, version: existing.version + 1 });
      id = existing.id;
    } else {
      const row = await repo.insertPool(tx, { ...computed, periodId: period.id, zoneId: input.zoneId, makerId: ctx.actor.id });
      if (!row) throw notSaved('pool');
      id = row.id;
    }
    await audit(tx, ctx, {
      action: existing ? 'pay_pool.recompute' : 'pay_pool.create',
      entityType: 'pay_pool',
      entityId: id,
      before: existing ? { poolFen: existing.poolFen, gradeMultiplier: existing.gradeMultiplier, baseFen: existing.baseFen } : undefined,
      after: { period: input.period, zoneId: input.zoneId, poolFen: computed.poolFen, gradeMultiplier: computed.gradeMultiplier, baseFen: computed.baseFen },
    });
    return readBack(within(ctx, tx), id);
  });
}

async function poolForUpdate(tx: DbOrTx, id: string, version: number): Promise<Row> {
  const row = await repo.lockPool(tx, id);
  if (!row) throw notFound('pool');
  if (row.version !== version) throw staleVersion('pool', row.version, version);
  return row;
}

/** Maker-checker: not the maker, and nobody approves a pool that pays them anything. */
export async function approvePool({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof PayPoolVersionBody> }) {
  requireRole(ctx, ['manager', 'finance'], 'approve performance pay');
  return ctx.db.transaction(async (tx) => {
    const row = await poolForUpdate(tx, id, input.version);
    if (row.status !== 'draft') throw problem('POOL_NOT_DRAFT', { status: row.status }, { reason: 'pool_not_draft', status: row.status });
    if (row.makerId === ctx.actor.id) throw problem('POOL_MAKER_CHECKER', {}, { reason: 'maker_checker' });
    if (row.parts.some((p) => p.staffId === ctx.actor.id && p.amountFen > 0)) {
      throw problem('POOL_OWN_STAKE', {}, { reason: 'own_stake' });
    }
    await repo.updatePool(tx, id, { status: 'approved', approvedBy: ctx.actor.id, approvedAt: ctx.now(), version: row.version + 1 });
    await audit(tx, ctx, {
      action: 'pay_pool.approve',
      entityType: 'pay_pool',
      entityId: id,
      before: { status: row.status },
      after: { status: 'approved', poolFen: row.poolFen },
    });
    return readBack(within(ctx, tx), id);
  });
}

/** Finance records the filing (备案) of an approved pool with its reference. */
export async function filePool({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof FilePayPoolBody> }) {
  requireRole(ctx, ['finance'], 'file performance pay');
  return ctx.db.transaction(async (tx) => {
    const row = await poolForUpdate(tx, id, input.version);
    if (row.status !== 'approved') {
      throw problem('POOL_NOT_APPROVED', { status: row.status }, { reason: 'pool_not_approved', status: row.status });
    }
    await repo.updatePool(tx, id, { status: 'filed', filedBy: ctx.actor.id, filedAt: ctx.now(), filingReference: input.reference, version: row.version + 1 });
    await audit(tx, ctx, {
      action: 'pay_pool.file',
      entityType: 'pay_pool',
      entityId: id,
      before: { status: row.status },
      after: { status: 'filed', reference: input.reference },
    });
    return readBack(within(ctx, tx), id);
  });
}

/** The pool's split for finance: one row per person, the amount a number of yuan, with a total. */
export async function exportPool({ ctx, id, reply }: { ctx: Ctx; id: string; reply: FastifyReply }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'export performance pay');
  const pool = await readBack(ctx, id);
  type Part = SavedPayPool['parts'][number];
  async function* rows(): AsyncGenerator<Part> {
    yield* pool.parts;
  }
  return sendSheet<Part>(ctx, reply, {
    name: `绩效工资_${pool.zoneName}_${pool.period}`,
    ascii: `performance-pay-${pool.period}`,
    columns: [
      { header: '开发区', kind: 'text', value: () => pool.zoneName },
      { header: '考核期间', kind: 'text', value: () => pool.period },
      { header: '姓名', kind: 'text', value: (p) => p.staffName },
      { header: '得分', kind: 'number', value: (p) => p.scoreHundredths / 100 },
      { header: '绩效工资(元)', kind: 'money', value: (p) => p.amountFen },
      { header: '状态', kind: 'text', value: () => ({ draft: '草稿', approved: '已审批', filed: '已备案' })[pool.status] },
      { header: '备案号', kind: 'text', value: () => pool.filingReference ?? '' },
    ],
    rows: rows(),
  });
}
