import type { DbOrTx } from '@crm/db';
import { invalid, notFound, problem, type SaveWeeklyBody, staleVersion, type WeeklyFigures, type WeeklyReport, weekOf, weekRange } from '@crm/shared';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { dayEnd, dayStart, timeOf, today } from '../../lib/dates.ts';
import { setText } from '../rewards/export.ts';
import * as repo from './repository.ts';

type Span = { week: string; from: string; to: string; start: Date; end: Date };

function spanOf(ctx: Ctx, week: string | undefined): Span {
  const key = week ?? weekOf(today(ctx));
  const range = weekRange(key);
  if (!range) throw invalid('week', 'NOT_A_WEEK');
  return { week: key, ...range, start: dayStart(ctx, range.from), end: dayEnd(ctx, range.to) };
}

const zero = (): WeeklyFigures => ({
  newLeads: 0,
  visits: 0,
  inspections: 0,
  calls: 0,
  meetings: 0,
  events: 0,
  judgements: 0,
  feedbacks: 0,
  clocksMet: 0,
  clocksLate: 0,
  overdueNow: 0,
  signed: 0,
});
const KIND_FIELD: Record<string, keyof WeeklyFigures> = { visit: 'visits', inspection: 'inspections', call: 'calls', meeting: 'meetings', event: 'events' };

/**
 * Each person's week in numbers, drafted from what they did: leads entered, activities they took part in (by kind),
 * judgements and feedback recorded, clocks met on time or late, projects signed — and the clocks of their leads
 * overdue now. Grouped queries for any number of people; `zoneId` counts only leads of that zone (the roll-up).
 */
async function figuresFor(db: DbOrTx, userIds: string[], span: Span, now: Date, zoneId?: string): Promise<Map<string, WeeklyFigures>> {
  const out = new Map(userIds.map((id) => [id, zero()]));
  if (!userIds.length) return out;
  const bump = (userId: string, field: keyof WeeklyFigures, n: number) => {
    const f = out.get(userId);
    if (f) f[field] += n;
  };
  const { created, acts, judged, fed, clocks, overdue, signed } = await repo.figureCounts(db, userIds, span, now, zoneId);
  for (const r of created) bump(r.u, 'newLeads', r.n);
  for (const r of acts) {
    const field = KIND_FIELD[r.kind];
    if (field) bump(r.u, field, r.n);
  }
  for (const r of judged) bump(r.u, 'judgements', r.n);
  for (const r of fed) bump(r.u, 'feedbacks', r.n);
  for (const r of clocks) bump(r.u, r.onTime ? 'clocksMet' : 'clocksLate', r.n);
  for (const r of overdue) bump(r.u, 'overdueNow', r.n);
  for (const r of signed) bump(r.u, 'signed', r.n);
  return out;
}

async function draftOf(ctx: Ctx, userId: string, userName: string, span: Span) {
  const now = ctx.now();
  const figures = (await figuresFor(ctx.db, [userId], span, now)).get(userId) ?? zero();
  const acts = await repo.activitiesOf(ctx.db, userId, span);
  const late = await repo.overdueLeadsOf(ctx.db, userId, now);
  return {
    userId,
    userName,
    figures,
    activities: acts,
    overdue: late.map((l) => ({ leadId: l.leadId, companyName: l.companyName, phase: l.phase ?? '', dueAt: l.dueAt?.toISOString() ?? '' })),
  };
}

type Snapshot = Pick<WeeklyReport, 'figures' | 'activities' | 'overdue'>;

async function reportOf(ctx: Ctx, userId: string, span: Span): Promise<WeeklyReport> {
  const user = await repo.findUserName(ctx.db, userId);
  if (!user) throw notFound('user');
  const row = await repo.findReport(ctx.db, userId, span.week);
  // A submitted week reads as it was submitted; a draft is drafted afresh from the records.
  const body: Snapshot = row?.status === 'submitted' && row.snapshot ? (row.snapshot as Snapshot) : await draftOf(ctx, userId, user.name, span);
  return {
    id: row?.id ?? null,
    userId,
    userName: user.name,
    week: span.week,
    from: span.from,
    to: span.to,
    status: (row?.status as WeeklyReport['status']) ?? 'draft',
    notes: row?.notes ?? null,
    plans: row?.plans ?? null,
    figures: body.figures,
    activities: body.activities,
    overdue: body.overdue,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    version: row?.version ?? 0,
  };
}

export async function myReport({ ctx, week }: { ctx: Ctx; week?: string }) {
  requireRole(ctx, ['staff'], 'write weekly reports');
  return reportOf(ctx, ctx.actor.id, spanOf(ctx, week));
}

/** A manager reads anyone's week; staff only their own. */
export async function userReport({ ctx, userId, week }: { ctx: Ctx; userId: string; week?: string }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'read weekly reports');
  if (!hasRole(ctx, 'manager', 'admin') && userId !== ctx.actor.id) throw problem('OWN_WEEKLY_ONLY');
  return reportOf(ctx, userId, spanOf(ctx, week));
}

async function saveDraft(ctx: Ctx, span: Span, input: z.infer<typeof SaveWeeklyBody>, submit: boolean) {
  if (span.from > today(ctx)) throw invalid('week', 'WEEK_NOT_BEGUN');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockReport(tx, ctx.actor.id, span.week);
    if (before?.status === 'submitted') throw problem('WEEKLY_SUBMITTED', { week: span.week, submittedAt: timeOf(ctx, before.submittedAt ?? now) });
    if (before && input.version !== undefined && input.version !== before.version) throw staleVersion('weekly report', before.version, input.version);
    const notes = input.notes === undefined ? (before?.notes ?? null) : input.notes;
    const plans = input.plans === undefined ? (before?.plans ?? null) : input.plans;
    const snapshot = submit
      ? ((await draftOf({ ...ctx, db: tx as unknown as Ctx['db'] }, ctx.actor.id, ctx.actor.displayName, span)) as unknown as Record<string, unknown>)
      : null;
    const values = { notes, plans, status: submit ? 'submitted' : 'draft', snapshot, submittedAt: submit ? now : null, updatedAt: now };
    if (before) await repo.updateReport(tx, before.id, values);
    else await repo.insertReport(tx, { userId: ctx.actor.id, week: span.week, ...values, createdAt: now });
    if (submit)
      await audit(tx, ctx, {
        action: 'weekly.submit',
        entityType: 'weekly_report',
        entityId: ctx.actor.id,
        after: { week: span.week, figures: (snapshot as { figures?: unknown } | null)?.figures ?? null },
      });
  });
  return reportOf(ctx, ctx.actor.id, span);
}

export async function saveMyReport({ ctx, week, input }: { ctx: Ctx; week: string; input: z.infer<typeof SaveWeeklyBody> }) {
  requireRole(ctx, ['staff'], 'write weekly reports');
  return saveDraft(ctx, spanOf(ctx, week), input, false);
}

/** Submitting freezes the drafted figures with the notes, as reported; a week is submitted once. */
export async function submitMyReport({ ctx, week, input }: { ctx: Ctx; week: string; input: z.infer<typeof SaveWeeklyBody> }) {
  requireRole(ctx, ['staff'], 'submit weekly reports');
  return saveDraft(ctx, spanOf(ctx, week), input, true);
}

/** Who has submitted the week and who has not (managers). */
export async function team({ ctx, week }: { ctx: Ctx; week?: string }) {
  requireRole(ctx, ['manager', 'admin'], "see the team's weekly reports");
  const span = spanOf(ctx, week);
  const staff = await repo.reportingStaff(ctx.db);
  const rows = staff.length
    ? await repo.reportsOfWeek(
        ctx.db,
        span.week,
        staff.map((s) => s.id),
      )
    : [];
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  const list = staff.map((s) => {
    const r = byUser.get(s.id);
    const status = r?.status === 'submitted' ? ('submitted' as const) : r ? ('draft' as const) : ('missing' as const);
    return {
      userId: s.id,
      userName: s.name,
      status,
      submittedAt: r?.submittedAt?.toISOString() ?? null,
      figures: r?.status === 'submitted' ? ((r.snapshot as Snapshot | null)?.figures ?? null) : null,
    };
  });
  // Those who have not submitted come first: they are whom the manager is looking for.
  list.sort((a, b) => Number(a.status === 'submitted') - Number(b.status === 'submitted') || a.userName.localeCompare(b.userName, 'zh-CN'));
  return {
    week: span.week,
    from: span.from,
    to: span.to,
    submitted: list.filter((r) => r.status === 'submitted').length,
    missing: list.filter((r) => r.status !== 'submitted').length,
    rows: list,
  };
}

const FIGURE_COLUMNS: [keyof WeeklyFigures, string][] = [
  ['newLeads', '新增线索'],
  ['visits', '外出拜访'],
  ['inspections', '来访考察'],
  ['calls', '电话'],
  ['meetings', '会谈'],
  ['events', '活动'],
  ['judgements', '研判'],
  ['feedbacks', '反馈'],
  ['clocksMet', '按时完成'],
  ['clocksLate', '超时完成'],
  ['overdueNow', '当前超期'],
  ['signed', '签约'],
];

/**
 * The zone's weekly roll-up (managers): everyone's figures counted on the zone's leads (every zone when none is
 * named), their report's status, notes and plans — on screen as data, and as an .xlsx.
 */
export async function rollup({ ctx, week, zoneId }: { ctx: Ctx; week?: string; zoneId?: string }) {
  requireRole(ctx, ['manager', 'admin'], 'export the weekly roll-up');
  const span = spanOf(ctx, week);
  let zoneName: string | null = null;
  if (zoneId) {
    const zone = await repo.findZoneName(ctx.db, zoneId);
    if (!zone) throw notFound('zone');
    zoneName = zone.name;
  }
  const staff = await repo.reportingStaff(ctx.db);
  const figures = await figuresFor(
    ctx.db,
    staff.map((s) => s.id),
    span,
    ctx.now(),
    zoneId,
  );
  const reports = staff.length
    ? await repo.reportsOfWeekByUpdate(
        ctx.db,
        span.week,
        staff.map((s) => s.id),
      )
    : [];
  const byUser = new Map(reports.map((r) => [r.userId, r]));
  const rows = staff.map((s) => {
    const r = byUser.get(s.id);
    return {
      userId: s.id,
      userName: s.name,
      status: r?.status === 'submitted' ? 'submitted' : r ? 'draft' : 'missing',
      notes: r?.notes ?? null,
      plans: r?.plans ?? null,
      figures: figures.get(s.id) ?? zero(),
    };
  });
  const totals = zero();
  for (const r of rows) for (const [k] of FIGURE_COLUMNS) totals[k] += r.figures[k];
  return { week: span.week, from: span.from, to: span.to, zoneId: zoneId ?? null, zoneName, rows, totals };
}

export async function rollupXlsx({ ctx, week, zoneId }: { ctx: Ctx; week?: string; zoneId?: string }): Promise<{ buffer: Buffer; filename: string }> {
  const data = await rollup({ ctx, week, zoneId });
  const book = new ExcelJS.Workbook();
  book.creator = '招商 CRM';
  book.created = ctx.now();
  const sheet = book.addWorksheet('一周一报');
  const title = `${data.zoneName ?? '全部开发区'} 招商工作周报汇总 ${data.week}（${data.from} 至 ${data.to}）`;
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`生成时间：${timeOf(ctx, ctx.now())}`]);
  sheet.addRow([]);
  const header = ['序号', '姓名', '状态', ...FIGURE_COLUMNS.map(([, label]) => label), '本周小结', '下周计划'];
  sheet.addRow(header).font = { bold: true };
  const STATUS: Record<string, string> = { submitted: '已提交', draft: '草稿', missing: '未提交' };
  data.rows.forEach((r, i) => {
    const row = sheet.addRow([i + 1]);
    setText(row.getCell(2), r.userName);
    setText(row.getCell(3), STATUS[r.status] ?? r.status);
    FIGURE_COLUMNS.forEach(([k], j) => {
      row.getCell(4 + j).value = r.figures[k];
    });
    setText(row.getCell(4 + FIGURE_COLUMNS.length), r.notes ?? '');
    setText(row.getCell(5 + FIGURE_COLUMNS.length), r.plans ?? '');
  });
  const total = sheet.addRow([
    '合计',
    '',
    `${data.rows.filter((r) => r.status === 'submitted').length}/${data.rows.length} 已提交`,
    ...FIGURE_COLUMNS.map(([k]) => data.totals[k]),
  ]);
  total.font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 6 : i === 1 ? 12 : i === 2 ? 14 : i >= 3 + FIGURE_COLUMNS.length ? 40 : 10;
  });
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  const filename = `招商周报汇总-${data.zoneName ?? '全部'}-${data.week}.xlsx`;
  return { buffer: Buffer.from(await book.xlsx.writeBuffer()), filename };
}
