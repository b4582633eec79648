import { chainNodes, industries, leads, projectFigures, projectMilestones, projects, scoringSchemes, zoneIndustries, zones, zoneTargets } from '@crm/db';
import { targetMetrics, type ZoneTargetsBody } from '@crm/shared';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { ranking } from '../performance/service.ts';
import { funnel } from '../pipeline/service.ts';
import * as projectRepo from '../projects/repository.ts';

const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);
const latestVerified = (kind: string) =>
  sql<string>`coalesce(sum((select f.amount_fen from ${projectFigures} f where f.project_id = ${projects.id} and f.kind = ${kind} and f.verified_at is not null order by f.as_of desc, f.reported_at desc limit 1)), 0)::text`;

export async function zoneProgress(ctx: Ctx, year: number) {
  const [zoneRows, targets, signed, figures] = await Promise.all([
    ctx.db.select().from(zones).orderBy(asc(zones.createdAt)),
    ctx.db.select().from(zoneTargets).where(eq(zoneTargets.year, year)),
    ctx.db
      .select({ zoneId: projects.zoneId, n: sql<number>`count(*)::int`, fen: sql<string>`sum(${projects.contractInvestmentFen})::text` })
      .from(projects)
      .where(and(gte(projects.signedOn, `${year}-01-01`), sql`${projects.signedOn} <= ${`${year}-12-31`}::date`))
      .groupBy(projects.zoneId),
    ctx.db
      .select({ zoneId: projects.zoneId, fai: latestVerified('actual_fixed_asset_investment'), output: latestVerified('annual_output') })
      .from(projects)
      .groupBy(projects.zoneId),
  ]);
  return zoneRows.map((z) => {
    const t = (metric: string) => targets.find((x) => x.zoneId === z.id && x.metric === metric);
    const s = signed.find((x) => x.zoneId === z.id);
    const f = figures.find((x) => x.zoneId === z.id);
    return {
      zoneId: z.id,
      zoneName: z.name,
      targets: Object.fromEntries(targetMetrics.map((m) => [m, t(m)?.target ?? null])),
      notes: Object.fromEntries(targetMetrics.map((m) => [m, t(m)?.note ?? null])),
      actuals: {
        signed_investment: Number(s?.fen ?? 0),
        new_projects: s?.n ?? 0,
        fixed_asset_investment: Number(f?.fai ?? 0),
        annual_output: Number(f?.output ?? 0),
      },
    };
  });
}

/** The managers' dashboard: funnel, monthly trend, zone targets vs actuals, ranking, industry chains, 亩产. */
export async function dashboard({ ctx, year, schemeId }: { ctx: Ctx; year: number; schemeId?: string }) {
  requireRole(ctx, ['manager', 'admin'], 'see the dashboard');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const month = (col: unknown) => sql<string>`to_char(${col}, 'YYYY-MM')`;
  const [f, leadTrend, signedTrend, constructionTrend, zonesProgress, chainRows, leadNodes, perMuRows, scheme] = await Promise.all([
    funnel({ ctx, input: { from, to } }),
    ctx.db
      .select({ month: month(sql`(${leads.createdAt} at time zone 'Asia/Shanghai')`), n: sql<number>`count(*)::int`, fen: sql<string>`sum(${leads.estimatedInvestmentFen})::text` })
      .from(leads)
      .where(and(gte(leads.createdAt, yearStart(year)), lt(leads.createdAt, yearStart(year + 1))))
      .groupBy(sql`1`),
    ctx.db
      .select({ month: month(projects.signedOn), n: sql<number>`count(*)::int`, fen: sql<string>`sum(${projects.contractInvestmentFen})::text` })
      .from(projects)
      .where(and(gte(projects.signedOn, from), sql`${projects.signedOn} <= ${to}::date`))
      .groupBy(sql`1`),
    ctx.db
      .select({ month: month(projectMilestones.reachedOn), n: sql<number>`count(*)::int` })
      .from(projectMilestones)
      .where(and(eq(projectMilestones.milestone, 'construction_started'), gte(projectMilestones.reachedOn, from), sql`${projectMilestones.reachedOn} <= ${to}::date`))
      .groupBy(sql`1`),
    zoneProgress(ctx, year),
    ctx.db
      .select({ industryId: industries.id, industryName: industries.name, nodeId: chainNodes.id, nodeName: chainNodes.name, position: chainNodes.position, projects: sql<number>`count(${projects.id})::int` })
      .from(chainNodes)
      .innerJoin(industries, eq(industries.id, chainNodes.industryId))
      .leftJoin(projects, eq(projects.chainNodeId, chainNodes.id))
      .groupBy(industries.id, chainNodes.id)
      .orderBy(asc(industries.createdAt), asc(chainNodes.sortOrder)),
    ctx.db
      .select({ nodeId: leads.chainNodeId, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(sql`${leads.chainNodeId} is not null and ${leads.stage} <> 'lost'`)
      .groupBy(leads.chainNodeId),
    projectRepo.selectProjects(ctx.db).where(sql`${projects.landMu} > 0`),
    schemeId
      ? ctx.db.select().from(scoringSchemes).where(eq(scoringSchemes.id, schemeId))
      : ctx.db.select().from(scoringSchemes).orderBy(asc(scoringSchemes.createdAt)).limit(1),
  ]);
  const links = await ctx.db.select({ l: zoneIndustries, zoneName: zones.name }).from(zoneIndustries).innerJoin(zones, eq(zones.id, zoneIndustries.zoneId));
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const trend = months.map((m) => ({
    month: m,
    newLeads: leadTrend.find((x) => x.month === m)?.n ?? 0,
    estimatedInvestmentFen: Number(leadTrend.find((x) => x.month === m)?.fen ?? 0),
    signedProjects: signedTrend.find((x) => x.month === m)?.n ?? 0,
    signedInvestmentFen: Number(signedTrend.find((x) => x.month === m)?.fen ?? 0),
    constructionStarted: constructionTrend.find((x) => x.month === m)?.n ?? 0,
  }));
  const chainMap = new Map<string, { industryId: string; industryName: string; leadingIn: string[]; emergingIn: string[]; nodes: { nodeId: string; name: string; position: string; projects: number; leads: number; gap: boolean }[] }>();
  for (const r of chainRows) {
    const entry = chainMap.get(r.industryId) ?? {
      industryId: r.industryId,
      industryName: r.industryName,
      leadingIn: links.filter((l) => l.l.industryId === r.industryId && l.l.kind === 'leading').map((l) => l.zoneName),
      emergingIn: links.filter((l) => l.l.industryId === r.industryId && l.l.kind === 'emerging').map((l) => l.zoneName),
      nodes: [],
    };
    entry.nodes.push({ nodeId: r.nodeId, name: r.nodeName, position: r.position, projects: r.projects, leads: leadNodes.find((x) => x.nodeId === r.nodeId)?.n ?? 0, gap: r.projects === 0 });
    chainMap.set(r.industryId, entry);
  }
  const perMu = perMuRows
    .map(projectRepo.toProject)
    .filter((p) => p.perMu.outputFenPerMu !== null || p.perMu.taxFenPerMu !== null)
    .sort((a, b) => (b.perMu.outputFenPerMu ?? 0) - (a.perMu.outputFenPerMu ?? 0))
    .slice(0, 20)
    .map((p) => ({ projectId: p.id, name: p.name, zoneName: p.zoneName, landMu: p.landMu, ...p.perMu }));
  const chosen = scheme[0];
  const rank = chosen ? await ranking({ ctx, period: String(year), schemeId: chosen.id }) : null;
  return {
    year,
    funnel: f,
    trend,
    zones: zonesProgress,
    ranking: rank && chosen ? { schemeId: chosen.id, schemeName: chosen.name, period: String(year), rows: rank.rows } : null,
    chain: [...chainMap.values()],
    perMu,
  };
}

export async function setTargets({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZoneTargetsBody> }) {
  requireRole(ctx, ['manager', 'admin'], 'set zone targets');
  await ctx.db.transaction(async (tx) => {
    for (const t of input.targets) {
      const [before] = await tx.select().from(zoneTargets).where(and(eq(zoneTargets.zoneId, t.zoneId), eq(zoneTargets.year, input.year), eq(zoneTargets.metric, t.metric)));
      await tx
        .insert(zoneTargets)
        .values({ zoneId: t.zoneId, year: input.year, metric: t.metric, target: t.target, note: t.note ?? null, updatedBy: ctx.actor.id })
        .onConflictDoUpdate({ target: [zoneTargets.zoneId, zoneTargets.year, zoneTargets.metric], set: { target: t.target, note: t.note ?? null, updatedBy: ctx.actor.id, updatedAt: ctx.now() } });
      await audit(tx, ctx, { action: 'zone_target.set', entityType: 'zone', entityId: t.zoneId, before: before ? { year: input.year, metric: t.metric, target: before.target } : null, after: { year: input.year, ...t } });
    }
  });
  return zoneProgress(ctx, input.year);
}
