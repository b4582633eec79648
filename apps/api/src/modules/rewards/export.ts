import { rewardCalculations } from '@crm/db';
import { enumLabel, renderTraceStep, type Calculation, type CalculationListQuery } from '@crm/shared';
import { inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';
import { loadCalculations } from './repository.ts';
import { listCalculations } from './workflow.ts';

export { setText } from '../../lib/xlsx.ts';

type Line = { c: Calculation; line: Calculation['lines'][number] };

/** The calculation's trace in Chinese, one numbered step a line (issue 10). */
const traceText = (c: Calculation) => c.steps.map((step, i) => `${i + 1}. ${renderTraceStep('zh-CN', step)}`).join('\n');

/** A milestone code as its label; a service fee's period key (2026-10, 2026-Q4) as it is. */
const milestone = (code: string) => enumLabel('milestone', code);

/** Approved and paid items for accounting (奖励支付), one row per payee line; `status` narrows to one of the two. */
export async function exportPayments({ ctx, reply, status }: { ctx: Ctx; reply: FastifyReply; status?: 'approved' | 'paid' }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'export reward payments');
  async function* lines(): AsyncGenerator<Line> {
    const calcs = await loadCalculations(ctx.db, inArray(rewardCalculations.status, status ? [status] : ['approved', 'paid']), 100_000);
    for (const c of calcs) for (const line of c.lines) if (line.amountFen > 0) yield { c, line };
  }
  const columns: Column<Line>[] = [
    { header: '核算编号', kind: 'text', width: 38, value: ({ c }) => c.id },
    { header: '类型', kind: 'text', width: 14, value: ({ c }) => enumLabel('rewardKind', c.kind) },
    { header: '项目/合同', kind: 'text', width: 30, value: ({ c }) => c.projectName ?? c.contractTitle ?? '' },
    { header: '政策', kind: 'text', width: 20, value: ({ c }) => c.policyName ?? '' },
    { header: '版本', kind: 'number', width: 6, value: ({ c }) => c.versionNo },
    { header: '里程碑/期间', kind: 'text', width: 12, value: ({ c }) => milestone(c.milestone) },
    { header: '收款方', kind: 'text', width: 24, value: ({ line }) => line.payeeName },
    { header: '收款方类型', kind: 'text', width: 10, value: ({ line }) => enumLabel('payeeType', line.payeeType) },
    { header: '金额(元)', kind: 'money', width: 20, value: ({ line }) => line.amountFen },
    { header: '状态', kind: 'text', width: 8, value: ({ c }) => enumLabel('calcStatus', c.status) },
    { header: '制单人', kind: 'text', width: 10, value: ({ c }) => c.makerName },
    { header: '审核人', kind: 'text', width: 10, value: ({ c }) => c.checkerName ?? '' },
    { header: '审核时间', kind: 'datetime', value: ({ c }) => c.decidedAt },
    { header: '支付日期', kind: 'date', value: ({ line }) => line.payment?.paidOn ?? null },
    { header: '支付凭证号', kind: 'text', width: 20, value: ({ line }) => line.payment?.reference ?? '' },
    { header: '计算过程', kind: 'text', width: 60, value: ({ c }) => traceText(c) },
  ];
  return sendSheet(ctx, reply, { name: '奖励支付', ascii: 'rewards', columns, rows: lines() });
}

/** The calculations list (奖励核算) under its filter, one row per calculation. */
export async function exportCalculationList({
  ctx,
  reply,
  input,
}: {
  ctx: Ctx;
  reply: FastifyReply;
  input: Omit<z.infer<typeof CalculationListQuery>, 'limit' | 'cursor'>;
}) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'export reward calculations');
  const columns: Column<Calculation>[] = [
    { header: '核算编号', kind: 'text', width: 38, value: (c) => c.id },
    { header: '类型', kind: 'text', width: 14, value: (c) => enumLabel('rewardKind', c.kind) },
    { header: '项目/合同', kind: 'text', width: 30, value: (c) => c.projectName ?? c.contractTitle ?? '' },
    { header: '政策', kind: 'text', width: 20, value: (c) => c.policyName ?? '' },
    { header: '版本', kind: 'number', width: 6, value: (c) => c.versionNo },
    { header: '里程碑/期间', kind: 'text', width: 12, value: (c) => milestone(c.milestone) },
    { header: '状态', kind: 'text', width: 10, value: (c) => enumLabel('calcStatus', c.status) },
    { header: '核算金额', kind: 'money', value: (c) => c.totalFen },
    { header: '应付金额', kind: 'money', value: (c) => c.dueFen },
    { header: '多付金额', kind: 'money', value: (c) => c.overpaymentFen },
    { header: '制单人', kind: 'text', width: 10, value: (c) => c.makerName },
    { header: '提交时间', kind: 'datetime', value: (c) => c.submittedAt },
    { header: '审核人', kind: 'text', width: 10, value: (c) => c.checkerName ?? '' },
    { header: '审核时间', kind: 'datetime', value: (c) => c.decidedAt },
    { header: '创建时间', kind: 'datetime', value: (c) => c.createdAt },
  ];
  const rows = pages((cursor) => listCalculations({ ctx, input: { ...input, limit: 500, cursor } }));
  return sendSheet(ctx, reply, { name: '奖励核算', ascii: 'reward-calculations', columns, rows });
}
