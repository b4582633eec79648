import { divRoundHalfUp, fenSum, splitEnclave, formatFen, notFound, periodInstants, type Report, zoneDate, zoneDateTime } from '@crm/shared';
import ExcelJS from 'exceljs';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { setText } from '../rewards/export.ts';
import { indicatorSheet } from '../indicators/service.ts';
import * as repo from './repository.ts';
import type { IndicatorRow } from '@crm/shared';

const CHANNEL_ZH: Record<string, string> = {
  industry_chain: '产业链招商',
  online: '网络招商',
  agency: '代理招商',
  business_referral: '以商招商',
  commissioned: '委托招商',
  talent: '以人才引项目',
  professional_agency: '专业机构招商',
  event: '招商活动',
  direct: '自主招商',
};
const MILESTONE_ZH: Record<string, string> = { construction_started: '开工', in_production: '投产', at_capacity: '达产' };
const QUARTER_ZH = ['一', '二', '三', '四'];
/**
 * 万元 with two decimals for the spreadsheet, rounded half up once from the exact fen (1万元 = 1,000,000 fen) —
 * a sum arrives as a decimal string and is rounded from its exact value, never from a float. The cell holds a
 * number so the office can add it up (15 significant digits: up to ¥10^13 万元 shown to the 0.01 万元); the
 * exact fen stay in the JSON and the CRM.
 */
export const wan = (fen: number | string) => Number(formatFen(divRoundHalfUp(BigInt(fen), 10_000n), { symbol: false }).replace(/,/g, ''));

/**
 * 月调度、季汇报 (policy 三(一)): new leads, signed projects and landed projects (construction started or in
 * production) of a month or a quarter, with totals — one data set for the screen and the spreadsheet.
 */
export async function buildReport({ ctx, period, zoneId }: { ctx: Ctx; period: string; zoneId?: string }): Promise<Report> {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see reports');
  const { from, to, kind, start, end } = periodInstants(period, ctx.config.timeZone);
  const zone = zoneId ? await repo.findZone(ctx.db, zoneId) : undefined;
  if (zoneId && !zone) throw notFound('zone');
  const [newLeads, signed, landed, sheet] = await Promise.all([
    repo.newLeads(ctx.db, start, end, zoneId),
    repo.signedProjects(ctx.db, from, to, zoneId),
    repo.landedProjects(ctx.db, from, to, zoneId),
    indicatorSheet(ctx, { from, to }, zoneId),
  ]);
  const year = from.slice(0, 4);
  const periodLabel =
    kind === 'quarter'
      ? `${year}年第${QUARTER_ZH[Number(period.slice(-1)) - 1]}季度`
      : kind === 'month'
        ? `${year}年${Number(from.slice(5, 7))}月`
        : `${year}年`;
  const enclaves = (await repo.enclaveZones(ctx.db)).filter((z) => z.enclavePartner && z.benefitShareBp !== null);
  const zoneName = zone?.name ?? '全市经济开发区';
  // Sums are exact decimal strings: many amounts within the bounds can pass a safe JSON integer.
  const sum = (xs: number[]) => fenSum(xs);
  const zoneNames = [...new Set([...newLeads.map((r) => r.zone ?? '未定'), ...signed.map((r) => r.zone), ...landed.map((r) => r.zone)])].sort();
  return {
    title: `${zoneName}招商引资${kind === 'month' ? '月调度报告' : kind === 'quarter' ? '季度汇报' : '年度汇总报告'}`,
    period,
    periodLabel,
    zone: zoneName,
    generatedAt: ctx.now().toISOString(),
    newLeads: newLeads.map((r, i) => ({
      no: i + 1,
      companyName: r.l.companyName,
      industry: r.industry,
      zone: r.zone,
      channel: CHANNEL_ZH[r.l.channel] ?? r.l.channel,
      estimatedInvestmentFen: r.l.estimatedInvestmentFen,
      owner: r.owner,
      createdOn: zoneDate(r.l.createdAt, ctx.config.timeZone),
    })),
    signed: signed.map((r, i) => ({
      no: i + 1,
      name: r.p.name,
      zone: r.zone,
      industry: r.industry,
      contractInvestmentFen: r.p.contractInvestmentFen,
      landMu: Number(r.p.landMu),
      signedOn: r.p.signedOn,
      agent: r.agent,
      owner: r.owner,
    })),
    landed: landed.map((r, i) => ({
      no: i + 1,
      name: r.p.name,
      zone: r.zone,
      industry: r.industry,
      milestone: MILESTONE_ZH[r.m.milestone] ?? r.m.milestone,
      reachedOn: r.m.reachedOn,
      contractInvestmentFen: r.p.contractInvestmentFen,
    })),
    byZone: zoneNames.map((z) => {
      const signedFen = sum(signed.filter((r) => r.zone === z).map((r) => r.p.contractInvestmentFen));
      // 飞地 (issue 14): an enclave zone's signed investment split with its partner; the parts sum to the whole.
      const e = enclaves.find((x) => x.name === z);
      const split = e ? splitEnclave(BigInt(signedFen), e.benefitShareBp as number) : null;
      return {
        zone: z,
        newLeads: newLeads.filter((r) => (r.zone ?? '未定') === z).length,
        signedProjects: signed.filter((r) => r.zone === z).length,
        signedInvestmentFen: signedFen,
        ownSignedInvestmentFen: split ? split.own.toString() : signedFen,
        enclavePartner: e?.enclavePartner ?? null,
        partnerShareBp: e?.benefitShareBp ?? null,
        partnerSignedInvestmentFen: split ? split.partner.toString() : '0',
        landedProjects: landed.filter((r) => r.zone === z).length,
      };
    }),
    indicators: sheet.zones,
    totals: {
      newLeads: newLeads.length,
      newLeadsInvestmentFen: sum(newLeads.map((r) => r.l.estimatedInvestmentFen)),
      signedProjects: signed.length,
      signedInvestmentFen: sum(signed.map((r) => r.p.contractInvestmentFen)),
      landedProjects: landed.length,
      landedInvestmentFen: sum(landed.map((r) => r.p.contractInvestmentFen)),
    },
  };
}

/** The report laid out as a government office expects: title, period and zone, numbered tables, totals. */
export async function reportXlsx(report: Report, timeZone: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '招商 CRM';
  const sheet = book.addWorksheet(report.periodLabel, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const widths = [6, 36, 16, 20, 14, 16, 12, 14, 14];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  let r = 1;
  const title = sheet.getRow(r);
  title.getCell(1).value = report.title;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(r, 1, r, 9);
  r += 1;
  const sub = sheet.getRow(r);
  sub.getCell(1).value = `统计期间：${report.periodLabel}    填报范围：${report.zone}    生成时间：${zoneDateTime(report.generatedAt, timeZone)}    单位：万元`;
  sub.alignment = { horizontal: 'center' };
  sheet.mergeCells(r, 1, r, 9);
  r += 2;

  const table = (heading: string, header: string[], rows: (string | number | null)[][], total: (string | number | null)[]) => {
    const h = sheet.getRow(r);
    h.getCell(1).value = heading;
    h.font = { bold: true, size: 12 };
    r += 1;
    const head = sheet.getRow(r);
    header.forEach((text, i) => {
      const c = head.getCell(i + 1);
      c.value = text;
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      c.border = border;
    });
    r += 1;
    for (const values of [...rows, total]) {
      const row = sheet.getRow(r);
      values.forEach((v, i) => {
        const c = row.getCell(i + 1);
        if (typeof v === 'number') {
          c.value = v;
          if (header[i]?.includes('万元')) c.numFmt = '#,##0.00';
        } else setText(c, v ?? '');
        c.border = border;
      });
      if (values === total) row.font = { bold: true };
      r += 1;
    }
    r += 1;
  };
  const t = report.totals;
  table(
    '一、新增招商线索',
    ['序号', '企业名称', '产业', '意向开发区', '招商渠道', '预计投资(万元)', '负责人', '登记日期'],
    report.newLeads.map((x) => [
      x.no ?? '',
      x.companyName ?? '',
      x.industry ?? '',
      x.zone ?? '',
      x.channel ?? '',
      wan(x.estimatedInvestmentFen ?? 0),
      x.owner ?? '',
      x.createdOn ?? '',
    ]),
    ['合计', `${t.newLeads}条`, '', '', '', wan(t.newLeadsInvestmentFen), '', ''],
  );
  table(
    '二、新签约项目',
    ['序号', '项目名称', '开发区', '产业', '合同投资(万元)', '用地(亩)', '签约日期', '引荐代理', '负责人'],
    report.signed.map((x) => [
      x.no ?? '',
      x.name ?? '',
      x.zone ?? '',
      x.industry ?? '',
      wan(x.contractInvestmentFen ?? 0),
      x.landMu ?? '',
      x.signedOn ?? '',
      x.agent ?? '',
      x.owner ?? '',
    ]),
    ['合计', `${t.signedProjects}个`, '', '', wan(t.signedInvestmentFen), '', '', '', ''],
  );
  table(
    '三、开工及投产项目',
    ['序号', '项目名称', '开发区', '产业', '节点', '日期', '合同投资(万元)'],
    report.landed.map((x) => [
      x.no ?? '',
      x.name ?? '',
      x.zone ?? '',
      x.industry ?? '',
      x.milestone ?? '',
      x.reachedOn ?? '',
      wan(x.contractInvestmentFen ?? 0),
    ]),
    ['合计', `${t.landedProjects}个`, '', '', '', '', wan(t.landedInvestmentFen)],
  );
  table(
    '四、分开发区汇总',
    ['序号', '开发区', '新增线索', '签约项目', '签约投资(万元)', '其中本区分成(万元)', '飞地合作方分成(万元)', '开工投产'],
    report.byZone.map((x, i) => [
      i + 1,
      x.zone ?? '',
      Number(x.newLeads),
      Number(x.signedProjects),
      wan(x.signedInvestmentFen ?? 0),
      wan(x.ownSignedInvestmentFen ?? x.signedInvestmentFen ?? 0),
      x.enclavePartner ? `${wan(x.partnerSignedInvestmentFen ?? 0)}（${x.enclavePartner}）` : '',
      Number(x.landedProjects),
    ]),
    ['合计', '', t.newLeads, t.signedProjects, wan(t.signedInvestmentFen), '', '', t.landedProjects],
  );
  const cell = (row: IndicatorRow, v: string | null): string | number => {
    if (v === null) return '—';
    if (row.unit === 'fen') return wan(v);
    if (row.unit === 'bp') return `${pct(Number(v))}`;
    return Number(v);
  };
  const unitOf = (row: IndicatorRow) => (row.unit === 'fen' ? '万元' : row.unit === 'bp' ? '%' : '个');
  const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  table(
    '五、主要指标完成情况（实施意见一(三)）',
    ['开发区', '指标', '单位', '本期', '年初至今', '上年同期', '同比', '年度目标', '完成率'],
    report.indicators.flatMap((z) =>
      z.rows.map((row) => [
        z.zoneName,
        row.name,
        unitOf(row),
        cell(row, row.period),
        cell(row, row.ytd),
        cell(row, row.lastYearYtd),
        row.yoyBp === null ? '—' : row.unit === 'bp' ? `${row.yoyBp >= 0 ? '+' : ''}${(row.yoyBp / 100).toFixed(2)}个百分点` : pct(row.yoyBp),
        cell(row, row.target),
        row.completionBp === null ? '—' : pct(row.completionBp),
      ]),
    ),
    ['说明', '本期、年初至今为填报值或项目记录；增速、比重以填报的工业增加值、产值、固定资产投资和全市总量计算', '', '', '', '', '', '', ''],
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
