import {
  daysBetween,
  divRoundHalfUp,
  notFound,
  problem,
  type IndicatorActualsBody,
  type IndicatorCode,
  type IndicatorRow,
  type IndicatorSheet,
  type IndicatorTargetsBody,
  type LandYield,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { today } from '../../lib/dates.ts';
import { perMu } from '../projects/repository.ts';
import * as repo from './repository.ts';

type Def = repo.Def;
/** Months as YYYY-MM; `from` and `to` inclusive. */
type Span = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const nextMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const k = Number(m.slice(5, 7));
  return k === 12 ? `${y + 1}-01` : `${y}-${pad(k + 1)}`;
};
const lastYear = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
const inSpan = (m: string, s: Span) => m >= s.from && m <= s.to;
/** (a − b) / b in basis points, half up; null without a positive base. */
const growthBp = (a: bigint | null, b: bigint | null) => (a === null || b === null || b <= 0n ? null : Number(divRoundHalfUp((a - b) * 10_000n, b)));
const shareBp = (a: bigint | null, b: bigint | null) => (a === null || b === null || b <= 0n ? null : Number(divRoundHalfUp(a * 10_000n, b)));
const str = (v: bigint | number | null) => (v === null ? null : String(v));

/** The period a report covers, and the year to date it belongs to. */
export function spansOf(period: { from: string; to: string }) {
  const through = period.to.slice(0, 7);
  const year = Number(through.slice(0, 4));
  const cur = { period: { from: period.from.slice(0, 7), to: through }, ytd: { from: `${year}-01`, to: through } };
  return {
    year,
    through,
    ...cur,
    lastPeriod: { from: lastYear(cur.period.from), to: lastYear(through) },
    lastYtd: { from: `${year - 1}-01`, to: lastYear(through) },
  };
}
type Spans = ReturnType<typeof spansOf>;

/**
 * The 一(三) indicators of every zone, of all the zones together and of the city, for a period (a month, a
 * quarter or a year), with year to date, the same span a year earlier, year on year, the year's target and
 * how far it is met. Entered figures come from indicator_actuals, the CRM's own from project records.
 */
export async function indicatorSheet(ctx: Ctx, period: { from: string; to: string }, onlyZoneId?: string): Promise<IndicatorSheet> {
  const spans = spansOf(period);
  const { year } = spans;
  const earliest = `${year - 1}-01`;
  const [defs, zoneRows, targets, actuals, signed, paidIn] = await Promise.all([
    repo.definitions(ctx.db),
    repo.zonesByAge(ctx.db),
    repo.targetsOfYear(ctx.db, year),
    repo.actualsBetween(ctx.db, earliest, spans.through),
    repo.signedPerZoneMonth(ctx.db, `${earliest}-01`, `${nextMonth(spans.through)}-01`),
    repo.verifiedPaidInBefore(ctx.db, `${nextMonth(spans.through)}-01`),
  ]);
  const zoneList = onlyZoneId ? zoneRows.filter((z) => z.id === onlyZoneId) : zoneRows;
  const ids = zoneRows.map((z) => z.id);

  /** Sum of a flow over a span for some zones (null zone list: the city's own figure). */
  const entered = (code: string, zoneIds: string[] | null, span: Span, def: Def): bigint | null => {
    const rows = actuals.filter(
      (a) => a.indicatorCode === code && (zoneIds === null ? a.zoneId === null : a.zoneId !== null && zoneIds.includes(a.zoneId)) && inSpan(a.month, span),
    );
    if (rows.length === 0) return null;
    if (def.aggregation === 'stock') {
      // Each zone's latest month in the span, added up over the zones.
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) {
        const k = r.zoneId ?? 'city';
        const had = latest.get(k);
        if (!had || had.month < r.month) latest.set(k, r);
      }
      return [...latest.values()].reduce((s, r) => s + BigInt(r.value), 0n);
    }
    return rows.reduce((s, r) => s + BigInt(r.value), 0n);
  };
  const computed = (code: string, zoneIds: string[], span: Span): bigint => {
    if (code === 'funds_in_place') {
      // Per project: what was in place at the span's end less what was in place before it began.
      const endBefore = `${nextMonth(span.to)}-01`;
      const startAt = `${span.from}-01`;
      const latest = (projectId: string, before: string) => {
        let v = 0;
        for (const f of paidIn) if (f.projectId === projectId && f.asOf < before) v = f.amountFen;
        return BigInt(v);
      };
      const projectIds = [...new Set(paidIn.filter((f) => zoneIds.includes(f.zoneId)).map((f) => f.projectId))];
      return projectIds.reduce((s, p) => s + latest(p, endBefore) - latest(p, startAt), 0n);
    }
    const rows = signed.filter((r) => zoneIds.includes(r.zoneId) && inSpan(r.month, span));
    return code === 'new_projects' ? rows.reduce((s, r) => s + BigInt(r.n), 0n) : rows.reduce((s, r) => s + BigInt(r.fen), 0n);
  };
  const defOf = (code: string) => defs.find((d) => d.code === code) as Def;

  /** The four spans' values of one indicator for some zones. */
  const values = (def: Def, zoneIds: string[] | null): Record<keyof Spans & ('period' | 'ytd' | 'lastPeriod' | 'lastYtd'), bigint | null> => {
    const at = (span: Span): bigint | null => {
      if (def.source === 'entered') return entered(def.code, def.scope === 'city' ? null : zoneIds, span, def);
      if (def.source === 'computed') return computed(def.code, zoneIds ?? [], span);
      return null;
    };
    return { period: at(spans.period), ytd: at(spans.ytd), lastPeriod: at(spans.lastPeriod), lastYtd: at(spans.lastYtd) };
  };

  const rowsFor = (zoneId: string | null, zoneIds: string[] | null): IndicatorRow[] =>
    defs
      .filter((d) => (zoneIds === null ? d.scope === 'city' : d.scope === 'zone'))
      .map((def) => {
        const target = targets.find((t) => t.indicatorCode === def.code && t.zoneId === zoneId) ?? null;
        const targetValue = target ? BigInt(target.target) : null;
        let v: { period: bigint | null; ytd: bigint | null; lastYtd: bigint | null; yoyBp: number | null };
        if (def.source !== 'derived') {
          const x = values(def, zoneIds);
          v = { period: x.period, ytd: x.ytd, lastYtd: x.lastYtd, yoyBp: growthBp(x.ytd, x.lastYtd) };
        } else if (def.code === 'value_added_growth' || def.code === 'fixed_asset_investment_growth') {
          const base = values(defOf(def.code === 'value_added_growth' ? 'industrial_value_added' : 'fixed_asset_investment'), zoneIds);
          const p = growthBp(base.period, base.lastPeriod);
          const y = growthBp(base.ytd, base.lastYtd);
          v = { period: p === null ? null : BigInt(p), ytd: y === null ? null : BigInt(y), lastYtd: null, yoyBp: null };
        } else {
          const [part, whole] =
            def.code === 'output_share' ? ['industrial_output', 'city_industrial_output'] : ['above_scale_enterprises', 'city_above_scale_enterprises'];
          const a = values(defOf(part), zoneIds);
          const c = values(defOf(whole), null);
          const p = shareBp(a.period, c.period);
          const y = shareBp(a.ytd, c.ytd);
          const ly = shareBp(a.lastYtd, c.lastYtd);
          v = {
            period: p === null ? null : BigInt(p),
            ytd: y === null ? null : BigInt(y),
            lastYtd: ly === null ? null : BigInt(ly),
            yoyBp: y === null || ly === null ? null : y - ly,
          };
        }
        const completionBp = targetValue === null || v.ytd === null || targetValue <= 0n ? null : Number(divRoundHalfUp(v.ytd * 10_000n, targetValue));
        return {
          code: def.code as IndicatorCode,
          name: def.name,
          unit: def.unit as IndicatorRow['unit'],
          source: def.source as IndicatorRow['source'],
          period: str(v.period),
          ytd: str(v.ytd),
          lastYearYtd: str(v.lastYtd),
          yoyBp: v.yoyBp,
          target: str(targetValue),
          targetNote: target?.note ?? null,
          completionBp,
          met: targetValue === null || v.ytd === null ? null : v.ytd >= targetValue,
        };
      });

  return {
    year,
    throughMonth: spans.through,
    definitions: defs.map((d) => ({
      code: d.code as IndicatorCode,
      name: d.name,
      unit: d.unit as 'fen',
      source: d.source as 'entered',
      aggregation: d.aggregation as 'flow',
      scope: d.scope as 'zone',
      policyRef: d.policyRef,
    })),
    zones: [
      ...zoneList.map((z) => ({ zoneId: z.id, zoneName: z.name, rows: rowsFor(z.id, [z.id]) })),
      ...(onlyZoneId ? [] : [{ zoneId: null, zoneName: '全市经济开发区合计', rows: rowsFor(null, ids) }]),
    ],
    city: rowsFor(null, null),
  };
}

/** The year's sheet, year to date through this month (the current year) or through December. */
export async function yearSheet(ctx: Ctx, year: number, through?: string) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see the indicators');
  const now = today(ctx).slice(0, 7);
  const to = through ?? (now.startsWith(String(year)) ? now : `${year}-12`);
  return indicatorSheet(ctx, { from: `${year}-01`, to });
}

/** The year's targets and the entered monthly actuals of the year and the one before (for the entry screen). */
export async function entries(ctx: Ctx, year: number) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see the indicators');
  const [targets, actuals] = await Promise.all([repo.targetsOfYear(ctx.db, year), repo.actualsBetweenByMonth(ctx.db, `${year - 1}-01`, `${year}-12`)]);
  return {
    year,
    targets: targets.map((t) => ({ indicatorCode: t.indicatorCode as IndicatorCode, zoneId: t.zoneId, target: t.target, note: t.note })),
    actuals: actuals.map((a) => ({ indicatorCode: a.indicatorCode as IndicatorCode, zoneId: a.zoneId, month: a.month, value: a.value, source: a.source })),
  };
}

async function checkZone(ctx: Ctx, zoneId: string | null) {
  if (zoneId === null) return;
  if (!(await repo.zoneExists(ctx.db, zoneId))) throw notFound('zone');
}

export async function setTargets(ctx: Ctx, input: z.infer<typeof IndicatorTargetsBody>) {
  requireRole(ctx, ['manager', 'admin'], 'set indicator targets');
  return ctx.db.transaction(async (tx) => {
    const c = within(ctx, tx);
    for (const t of input.targets) {
      await checkZone(c, t.zoneId);
      const before = await repo.findTarget(tx, { indicatorCode: t.indicatorCode, year: input.year, zoneId: t.zoneId });
      if (t.target === null) {
        if (before) await repo.deleteTarget(tx, before.id);
      } else if (before) {
        await repo.updateTarget(tx, before.id, {
          target: t.target,
          note: t.note === undefined ? before.note : t.note,
          updatedBy: ctx.actor.id,
          updatedAt: ctx.now(),
        });
      } else {
        await repo.insertTarget(tx, {
          indicatorCode: t.indicatorCode,
          zoneId: t.zoneId,
          year: input.year,
          target: t.target,
          note: t.note ?? null,
          updatedBy: ctx.actor.id,
        });
      }
      await audit(tx, ctx, {
        action: 'indicator_target.set',
        entityType: 'zone',
        entityId: t.zoneId ?? 'all',
        before: before ? { year: input.year, indicatorCode: t.indicatorCode, target: before.target, note: before.note } : null,
        after: { year: input.year, ...t },
      });
    }
    return entries(c, input.year);
  });
}

export async function setActuals(ctx: Ctx, input: z.infer<typeof IndicatorActualsBody>) {
  requireRole(ctx, ['manager', 'admin'], 'enter indicator actuals');
  const now = today(ctx).slice(0, 7);
  return ctx.db.transaction(async (tx) => {
    const c = within(ctx, tx);
    for (const a of input.actuals) {
      const city = a.indicatorCode.startsWith('city_');
      // The city's figures have no zone; a zone's figures need one.
      if (city !== (a.zoneId === null)) throw problem('INDICATOR_SCOPE', { indicator: a.indicatorCode });
      if (a.month > now) throw problem('INDICATOR_MONTH_AHEAD', { month: a.month });
      await checkZone(c, a.zoneId);
      const before = await repo.findActual(tx, { indicatorCode: a.indicatorCode, month: a.month, zoneId: a.zoneId });
      if (a.value === null) {
        if (before) await repo.deleteActual(tx, before.id);
      } else if (before) {
        await repo.updateActual(tx, before.id, {
          value: a.value,
          source: a.source === undefined ? before.source : a.source,
          enteredBy: ctx.actor.id,
          updatedAt: ctx.now(),
        });
      } else {
        await repo.insertActual(tx, {
          indicatorCode: a.indicatorCode,
          zoneId: a.zoneId,
          month: a.month,
          value: a.value,
          source: a.source ?? null,
          enteredBy: ctx.actor.id,
        });
      }
      await audit(tx, ctx, {
        action: 'indicator_actual.set',
        entityType: 'zone',
        entityId: a.zoneId ?? 'city',
        before: before ? { indicatorCode: a.indicatorCode, month: a.month, value: before.value } : null,
        after: a,
      });
    }
    return entries(c, Number(input.actuals[0]?.month.slice(0, 4)));
  });
}

/**
 * 亩产论英雄 (policy 二(四)3) for a year. A project counts once it has land (亩 > 0) and a verified annual output
 * or tax dated in the year (its latest one). A zone's 亩产 is its counted projects' output (tax) over their land.
 * Idle land: 批而未供 — land approved (landApprovedOn) but neither supplied (land_acquired) nor built on
 * (construction_started); 供而未用 — supplied but construction not started. 奖惩 is decided in docs/decisions.md.
 */
export async function landYield(ctx: Ctx, year: number, bottomLimit = 10): Promise<LandYield> {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see 亩产');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [zoneRows, figures, projectRows, milestones] = await Promise.all([
    repo.zonesByAge(ctx.db),
    repo.verifiedYieldFigures(ctx.db, from, to),
    repo.projectLand(ctx.db),
    repo.buildingMilestones(ctx.db),
  ]);
  const zoneName = new Map(zoneRows.map((z) => [z.id, z.name]));
  // The latest verified figure of each kind (rows come oldest first, so the last one stands).
  const latest = new Map<string, { output: number | null; tax: number | null }>();
  for (const f of figures) {
    const e = latest.get(f.projectId) ?? { output: null, tax: null };
    if (f.kind === 'annual_output') e.output = f.amountFen;
    else e.tax = f.amountFen;
    latest.set(f.projectId, e);
  }
  const counted = projectRows
    .filter((p) => Number(p.landMu) > 0 && latest.has(p.id))
    .map((p) => {
      const e = latest.get(p.id) ?? { output: null, tax: null };
      return {
        projectId: p.id,
        name: p.name,
        zoneId: p.zoneId,
        zoneName: zoneName.get(p.zoneId) ?? '',
        landMu: Number(p.landMu),
        outputFen: e.output,
        taxFen: e.tax,
        outputFenPerMu: perMu(e.output, p.landMu),
        taxFenPerMu: perMu(e.tax, p.landMu),
      };
    });
  const big = (s: string | null) => (s === null ? null : BigInt(s));
  const cmp = (a: bigint | null, b: bigint | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const bottom = counted
    .filter((p) => p.outputFenPerMu !== null)
    .sort((a, b) => cmp(big(a.outputFenPerMu), big(b.outputFenPerMu)) || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, bottomLimit);

  const today_ = today(ctx);
  const reached = (projectId: string, m: string) => milestones.find((x) => x.projectId === projectId && x.milestone === m);
  const built = (projectId: string) => milestones.some((x) => x.projectId === projectId && x.milestone !== 'land_acquired');
  type Idle = LandYield['idle'][number];
  const idle = projectRows.flatMap((p): Idle[] => {
    if (built(p.id)) return [];
    const supplied = reached(p.id, 'land_acquired');
    const base = { projectId: p.id, name: p.name, zoneId: p.zoneId, zoneName: zoneName.get(p.zoneId) ?? '', landMu: Number(p.landMu) };
    if (supplied) return [{ ...base, flag: 'supplied_not_used', since: supplied.reachedOn, days: daysBetween(supplied.reachedOn, today_) }];
    if (p.landApprovedOn && p.landApprovedOn <= today_)
      return [{ ...base, flag: 'approved_not_supplied', since: p.landApprovedOn, days: daysBetween(p.landApprovedOn, today_) }];
    return [];
  });

  const perZone = zoneRows.map((z) => {
    const mine = counted.filter((p) => p.zoneId === z.id);
    const land = mine.reduce((s, p) => s + Math.round(p.landMu * 100), 0) / 100;
    const output = mine.reduce((s, p) => s + BigInt(p.outputFen ?? 0), 0n);
    const tax = mine.reduce((s, p) => s + BigInt(p.taxFen ?? 0), 0n);
    const centi = BigInt(Math.round(land * 100));
    const per = (v: bigint) => (centi === 0n ? null : divRoundHalfUp(v * 100n, centi).toString());
    // 奖惩 by 亩均税收 among the zone's projects with a verified tax: the top fifth rewarded, the bottom fifth
    // penalised, once at least five can be compared; land supplied and unused a year or more is penalised too.
    const ranked = mine.filter((p) => p.taxFenPerMu !== null).sort((a, b) => cmp(big(b.taxFenPerMu), big(a.taxFenPerMu)));
    const rewarded: ((typeof mine)[number] & { reason: string })[] = [];
    const penalised: ((typeof mine)[number] & { reason: string })[] = [];
    if (ranked.length >= 5) {
      const k = Math.ceil(ranked.length / 5);
      const top = big(ranked[k - 1]?.taxFenPerMu ?? null) ?? 0n;
      const low = big(ranked[ranked.length - k]?.taxFenPerMu ?? null) ?? 0n;
      if (top > low) {
        for (const p of ranked) {
          const v = big(p.taxFenPerMu) ?? 0n;
          if (v >= top) rewarded.push({ ...p, reason: '亩均税收居本区前20%' });
          else if (v <= low) penalised.push({ ...p, reason: '亩均税收居本区后20%' });
        }
      }
    }
    for (const i of idle.filter((x) => x.zoneId === z.id && x.flag === 'supplied_not_used' && x.days >= 365)) {
      penalised.push({
        projectId: i.projectId,
        name: i.name,
        zoneId: i.zoneId,
        zoneName: i.zoneName,
        landMu: i.landMu,
        outputFen: null,
        taxFen: null,
        outputFenPerMu: null,
        taxFenPerMu: null,
        reason: `供而未用满一年（${i.days}天）`,
      });
    }
    return {
      zoneId: z.id,
      zoneName: z.name,
      projects: mine.length,
      landMu: land,
      outputFen: output.toString(),
      taxFen: tax.toString(),
      outputFenPerMu: per(output),
      taxFenPerMu: per(tax),
      idleMu: idle.filter((x) => x.zoneId === z.id).reduce((s, p) => s + Math.round(p.landMu * 100), 0) / 100,
      rewarded,
      penalised,
    };
  });
  return { year, zones: perZone, bottom, idle: idle.sort((a, b) => b.days - a.days) };
}

/** The demo's marker rows (setup/demo.ts): the web app shows a 示例数据 banner while they exist. */
export async function demoStatus(ctx: Ctx) {
  const rows = await repo.demoMarkers(ctx.db);
  return { loaded: rows.some((r) => r.key === 'demo_loaded'), note: rows.find((r) => r.key === 'demo_note')?.value ?? (rows.length ? '示例数据' : null) };
}
