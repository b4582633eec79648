import { rewardCalculations } from '@crm/db';
import { formatFen, renderTraceStep } from '@crm/shared';
import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { timeOf } from '../../lib/dates.ts';
import { loadCalculations } from './repository.ts';

/**
 * A value that a spreadsheet would read as a formula (=, +, -, @ first) is written as text: the cell keeps the
 * text number format and a leading apostrophe (quotePrefix), so opening the file never runs anything.
 */
export function setText(cell: ExcelJS.Cell, value: string) {
  cell.value = value;
  if (/^[=+\-@]/.test(value)) {
    cell.numFmt = '@';
    cell.style = { ...cell.style, numFmt: '@', quotePrefix: true } as ExcelJS.Style;
  }
}

const STATUS_ZH: Record<string, string> = { approved: '已批准', paid: '已支付' };
const KIND_ZH: Record<string, string> = { agent_reward: '引进项目奖励', staff_incentive: '个人考核激励', service_fee: '购买招商服务' };

/** Approved and paid items for accounting, one row per payee line. */
export async function exportCalculations({ ctx }: { ctx: Ctx }): Promise<Buffer> {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'export reward payments');
  const calcs = await loadCalculations(ctx.db, inArray(rewardCalculations.status, ['approved', 'paid']), 100_000);
  const book = new ExcelJS.Workbook();
  book.creator = '招商 CRM';
  book.created = ctx.now();
  const sheet = book.addWorksheet('奖励与服务费');
  const header = ['核算编号', '类型', '项目/合同', '政策', '版本', '里程碑/期间', '收款方', '收款方类型', '金额(元)', '金额(分)', '状态', '制单人', '审核人', '审核时间', '支付日期', '支付凭证号', '计算过程'];
  sheet.addRow(header).font = { bold: true };
  let totalFen = 0n;
  for (const c of calcs) {
    for (const line of c.lines) {
      if (line.amountFen <= 0) continue;
      const row = sheet.addRow([]);
      const values: (string | number)[] = [
        c.id,
        KIND_ZH[c.kind] ?? c.kind,
        c.projectName ?? c.contractTitle ?? '',
        c.policyName ?? '',
        c.versionNo ?? '',
        c.milestone,
        line.payeeName,
        line.payeeType === 'agent' ? '代理/机构' : '员工',
        formatFen(line.amountFen, { symbol: false }),
        line.amountFen,
        STATUS_ZH[c.status] ?? c.status,
        c.makerName,
        c.checkerName ?? '',
        c.decidedAt ? timeOf(ctx, new Date(c.decidedAt)) : '',
        line.payment?.paidOn ?? '',
        line.payment?.reference ?? '',
        // The trace in Chinese, as the calculation page shows it (issue 10); a row stored as English lines keeps them.
        c.steps.map((step, i) => `${i + 1}. ${renderTraceStep('zh-CN', step)}`).join('\n'),
      ];
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        if (typeof v === 'number') cell.value = v;
        else setText(cell, v);
      });
      totalFen += BigInt(line.amountFen);
    }
  }
  // Each line is a safe integer; their sum may not be: beyond 2^53 the fen are written as exact text.
  const exact = totalFen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(totalFen) : totalFen.toString();
  const total = sheet.addRow(['合计', '', '', '', '', '', '', '', formatFen(totalFen, { symbol: false }), exact]);
  total.font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = [38, 14, 30, 20, 6, 14, 24, 10, 16, 16, 8, 10, 10, 12, 12, 20, 90][i] ?? 12;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
