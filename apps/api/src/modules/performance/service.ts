import type { DbOrTx, scoringSchemes } from '@crm/db';
import {
  type CreateSchemeBody,
  fieldIssue,
  invalid,
  type MetricValue,
  notFound,
  notSaved,
  type PayPoolBody,
  type PerformanceMetric,
  performancePay,
  periodInstants,
  problem,
  rankWithBottom,
  scoreHundredths,
  staleVersion,
  type UpdateSchemeBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, within, type Ctx } from '../../lib/context.ts';
import { dateOf, today } from '../../lib/dates.ts';
import { flagBottomRows, flagsOfPeriod } from './flags.ts';
import * as repo from './repository.ts';

type SchemeRow = typeof scoringSchemes.$inferSelect;
type Row = {
  staffId: string;
  staffName: string;
  metrics: { metric: PerformanceMetric; actual: number | string; target: number; weight: number; ratioBp: number }[];
  scoreHundredths: number;
  rank: number;
  bottom: boolean;
};

const toScheme = (s: SchemeRow) => ({
  id: s.id,
  name: s.name,
  targetMode: s.targetMode as 'per_staff' | 'per_team',
  targetPeriod: s.targetPeriod as 'month' | 'quarter' | 'year',
  bottomPercent: s.bottomPercent,
  appealWorkingDays: s.appealWorkingDays,
  metrics: s.metrics as { metric: PerformanceMetric; weight: number; target: number }[],
  staffTargets: s.staffTargets,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
});

export async function listSchemes({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, ['manager', 'admin', 'staff', 'finance'], 'see scoring schemes');
  const rows = await repo.allSchemes(ctx.db);
  return rows.map(toScheme);
}

/** Per-person targets are for people who are scored: users with the staff role. */
async function checkStaffTargets(tx: DbOrTx, staffTargets: Record<string, unknown> | undefined) {
  const ids = Object.keys(staffTargets ?? {});
  if (ids.length === 0) return;
  const found = await repo.rolesOf(tx, ids);
  for (const id of ids) {
    const person = found.find((u) => u.id === id);
    if (!person?.roles.includes('staff')) throw invalid(`staffTargets.${id}`, 'NOT_SCORED_STAFF');
  }
}

export async function createScheme({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateSchemeBody> }) {
  requireRole(ctx, ['manager'], 'define scoring schemes');
  return ctx.db.transaction(async (tx) => {
    await checkStaffTargets(tx, input.staffTargets);
    const taken = await repo.schemeNamed(tx, input.name);
    if (taken) throw problem('NAME_TAKEN', { entity: 'scheme', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    const row = await repo.insertScheme(tx, { ...input, createdBy: ctx.actor.id });
    if (!row) throw notSaved('scheme');
    await audit(tx, ctx, { action: 'scheme.create', entityType: 'scoring_scheme', entityId: row.id, after: input });
    return toScheme(row);
  });
}

export async function updateScheme({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateSchemeBody> }) {
  requireRole(ctx, ['manager'], 'define scoring schemes');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findScheme(tx, id);
    if (!before) throw notFound('scheme');
    await checkStaffTargets(tx, input.staffTargets);
    // Only what was sent changes (the body has no defaults): a rename keeps the period, bottom share and targets.
    const { version, ...sent } = input;
    const changes = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined));
    const row = await repo.updateSchemeAt(tx, id, version, { ...changes, version: before.version + 1, updatedAt: ctx.now() });
    if (!row) throw staleVersion('scheme', before.version, version);
    await audit(tx, ctx, { action: 'scheme.update', entityType: 'scoring_scheme', entityId: id, before: toScheme(before), after: toScheme(row) });
    return toScheme(row);
  });
}

async function schemeOf(ctx: Ctx, id: string) {
  const scheme = await repo.findScheme(ctx.db, id);
  if (!scheme) throw notFound('scoring scheme');
  return scheme;
}

/** Investment as fen in a decimal string, half up (a person's sum can pass 2^53); counts as numbers. */
const display = (v: MetricValue, metric: PerformanceMetric): number | string =>
  metric === 'signed_investment' || metric === 'construction_investment'
    ? ((v.value * 2n + v.scale) / (2n * v.scale)).toString()
    : Number(v.value) / Number(v.scale);

/** A period key as the zone's dates and instants. */
const periodSpan = (ctx: Ctx, period: string) => ({ ...periodInstants(period, ctx.config.timeZone), timeZone: ctx.config.timeZone });

/** The live ranking of a period under a scheme (score, rank, 末位 flag), from the data as it is now. */
async function liveRanking(ctx: Ctx, scheme: SchemeRow, span: repo.Span, periodKind: string): Promise<Row[]> {
  const staff = await repo.scoredStaff(ctx.db);
  const actuals = await repo.computeActuals(
    ctx.db,
    span,
    staff.map((s) => s.id),
  );
  const n = BigInt(Math.max(1, staff.length));
  // Targets are set per month, quarter or year (scheme.targetPeriod) and scaled to the period scored:
  // a monthly target of 4 is 12 over a quarter and 48 over a year. Exact: actual × b against target × a.
  const months = (kind: string) => (kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1);
  const a = BigInt(months(periodKind));
  const b = BigInt(months(scheme.targetPeriod));
  const rows = staff.map((s) => {
    const mine = actuals.get(s.id);
    const metrics = (scheme.metrics as { metric: PerformanceMetric; weight: number; target: number }[]).map((m) => {
      const override = scheme.staffTargets[s.id]?.[m.metric];
      const raw = mine?.[m.metric] ?? { value: 0n, scale: 1n };
      // Per-team targets are shared out equally: actual / (team target / n) = (actual × n) / team target.
      const perTeam = scheme.targetMode === 'per_team' && override === undefined;
      const actual = { value: raw.value * (perTeam ? n : 1n) * b, scale: raw.scale };
      const target = Number(BigInt(override ?? m.target) * a);
      const ratioBp =
        target === 0
          ? raw.value > 0n
            ? 10000
            : 0
          : Math.min(15000, Number((actual.value * 20000n + BigInt(target) * actual.scale) / (2n * BigInt(target) * actual.scale)));
      const shown = ((override ?? m.target) * Number(a)) / Number(b) / (perTeam ? Number(n) : 1);
      return {
        metric: m.metric,
        weight: m.weight,
        target: Math.round(shown * 100) / 100,
        actual: display(raw, m.metric),
        exact: { weight: m.weight, target, actual },
        ratioBp,
      };
    });
    return {
      staffId: s.id,
      staffName: s.name,
      score: scoreHundredths(metrics.map((m) => m.exact)),
      metrics: metrics.map(({ exact: _exact, ...m }) => m),
    };
  });
  return rankWithBottom(rows, scheme.bottomPercent).map(({ score, ...r }) => ({ ...r, scoreHundredths: score }));
}

/** Staff see their own row only (with their rank and how many are ranked); managers and admins see all. */
const visibleRows = <T extends { staffId: string }>(ctx: Ctx, rows: T[]) =>
  hasRole(ctx, 'manager', 'admin', 'finance') ? rows : rows.filter((r) => r.staffId === ctx.actor.id);

export async function ranking({ ctx, period, schemeId }: { ctx: Ctx; period: string; schemeId: string }) {
  requireRole(ctx, ['manager', 'admin', 'finance', 'staff'], 'see performance');
  const scheme = await schemeOf(ctx, schemeId);
  const span = periodSpan(ctx, period);
  const { from, to, kind } = span;
  const closed = await repo.closedPeriodWithCloser(ctx.db, schemeId, period);
  const live = await liveRanking(ctx, scheme, span, kind);
  let rows: Row[] = live;
  const restatements: { staffId: string; staffName: string; metric: string; reported: number | string; current: number | string }[] = [];
  if (closed) {
    // As reported to the committee; what has changed since is listed beside it, never applied silently. Each 末位
    // row carries its flag's due process (periods closed before appeals existed have none).
    const flags = await flagsOfPeriod(ctx.db, closed.p.id, today(ctx));
    rows = (closed.p.snapshot as { rows: Row[] }).rows.map((r) => {
      const flag = flags.get(r.staffId);
      return flag ? { ...r, flag } : r;
    });
    for (const reported of rows) {
      const now = live.find((l) => l.staffId === reported.staffId);
      for (const m of reported.metrics) {
        const current = now?.metrics.find((x) => x.metric === m.metric)?.actual ?? 0;
        // Periods closed before sums became strings hold numbers: compared by value, sent as they were.
        if (String(current) !== String(m.actual))
          restatements.push({ staffId: reported.staffId, staffName: reported.staffName, metric: m.metric, reported: m.actual, current });
      }
      if (now && now.scoreHundredths !== reported.scoreHundredths) {
        restatements.push({
          staffId: reported.staffId,
          staffName: reported.staffName,
          metric: 'score',
          reported: reported.scoreHundredths,
          current: now.scoreHundredths,
        });
      }
    }
  }
  return {
    period,
    from,
    to,
    scheme: { id: scheme.id, name: scheme.name, bottomPercent: scheme.bottomPercent },
    status: closed ? ('closed' as const) : ('open' as const),
    closedAt: closed?.p.closedAt.toISOString() ?? null,
    closedByName: closed?.name ?? null,
    staffCount: rows.length,
    rows: visibleRows(ctx, rows),
    restatements: visibleRows(ctx, restatements),
  };
}

export async function closePeriod({ ctx, period, schemeId }: { ctx: Ctx; period: string; schemeId: string }) {
  requireRole(ctx, ['manager'], 'close performance periods');
  const scheme = await schemeOf(ctx, schemeId);
  const span = periodSpan(ctx, period);
  const { from, to, kind } = span;
  if (from > today(ctx)) throw invalid('period', 'PERIOD_NOT_STARTED');
  const rows = await liveRanking(ctx, scheme, span, kind);
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.findPeriod(tx, schemeId, period);
    if (existing) throw problem('PERIOD_CLOSED', { period, closedOn: dateOf(ctx, existing.closedAt) });
    const snapshot = { scheme: toScheme(scheme), from, to, rows };
    const row = await repo.insertPeriod(tx, { schemeId, period, snapshot, closedBy: ctx.actor.id });
    if (!row) throw problem('PERIOD_CLOSED_JUST_NOW', { period });
    await flagBottomRows(tx, ctx, { id: row.id, period, closedAt: row.closedAt }, scheme, rows);
    await audit(tx, ctx, { action: 'performance.close', entityType: 'performance_period', entityId: row.id, after: { period, schemeId, staff: rows.length } });
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return ranking({ ctx: within(ctx, tx), period, schemeId });
  });
}

export async function drillDown({
  ctx,
  period,
  schemeId,
  staffId,
  metric,
}: {
  ctx: Ctx;
  period: string;
  schemeId: string;
  staffId: string;
  metric: PerformanceMetric;
}) {
  requireRole(ctx, ['manager', 'admin', 'finance', 'staff'], 'see performance');
  if (!hasRole(ctx, 'manager', 'admin', 'finance') && staffId !== ctx.actor.id) throw problem('OWN_FIGURES_ONLY');
  await schemeOf(ctx, schemeId);
  return repo.drill(ctx.db, periodSpan(ctx, period), staffId, metric);
}

export async function payPool({ ctx, input }: { ctx: Ctx; input: z.infer<typeof PayPoolBody> }) {
  requireRole(ctx, ['manager', 'finance'], 'compute performance pay');
  const r = await ranking({ ctx, period: input.period, schemeId: input.schemeId });
  if (!r.rows.some((row) => row.scoreHundredths > 0)) {
    throw problem('NOBODY_SCORED');
  }
  const { poolFen, parts } = performancePay(
    BigInt(input.baseFen),
    input.gradeMultiplier,
    r.rows.map((row) => ({ key: row.staffId, score: row.scoreHundredths })),
  );
  return {
    poolFen: Number(poolFen),
    baseFen: input.baseFen,
    gradeMultiplier: input.gradeMultiplier,
    parts: parts.map((p) => {
      const row = r.rows.find((x) => x.staffId === p.key);
      return { staffId: p.key, staffName: row?.staffName ?? '', scoreHundredths: row?.scoreHundredths ?? 0, amountFen: Number(p.amountFen) };
    }),
  };
}
