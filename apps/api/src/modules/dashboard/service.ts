import { chainNodes, industries, projectFigures, projectMilestones, projects, scoringSchemes, zoneIndustries, zones, zoneTargets } from '@crm/db';
import { notFound, splitEnclave, targetMetrics, type ZoneTargetsBody } from '@crm/shared';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { leadRollupFrom, rowsOf } from '../../lib/rollups.ts';
import { ranking } from '../performance/service.ts';
import { funnel } from '../pipeline/service.ts';
import * as projectRepo from '../projects/repository.ts';
import { yearSheet } from '../indicators/service.ts';

/** The latest verified figure of each project and kind, once (DISTINCT ON), instead of a subquery per project. */
const latestVerifiedFigures = sql`(select distinct on (f.project_id, f.kind) f.project_id, f.kind, f.amount_fen
  from ${projectFigures} f where f.verified_at is not null order by f.project_id, f.kind, f.as_of desc, f.reported_at desc) lv`;

/**
 * The same for one year: each project's latest verified figure dated in that year (issue 8: the dashboard's
 * actuals were the same whatever year was chosen). Annual output is reported per year; fixed-asset investment
 * is cumulative, so the year's latest report is where the project stood at the end of that year.
 */
const latestVerifiedIn = (from: string, to: string) => sql`(select distinct on (f.project_id, f.kind) f.project_id, f.kind, f.amount_fen
  from ${projectFigures} f where f.verified_at is not null and f.as_of between ${from}::date and ${to}::date
  order by f.project_id, f.kind, f.as_of desc, f.reported_at desc) lv`;

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
      .select({
        zoneId: projects.zoneId,
        fai: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'actual_fixed_asset_investment'), 0)::text`,
        output: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'annual_output'), 0)::text`,
        tax: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'annual_tax'), 0)::text`,
      })
      .from(latestVerifiedIn(`${year}-01-01`, `${year}-12-31`))
      .innerJoin(projects, sql`${projects.id} = lv.project_id`)
      .groupBy(projects.zoneId),
  ]);
  return zoneRows.map((z) => {
    const t = (metric: string) => targets.find((x) => x.zoneId === z.id && x.metric === metric);
    const s = signed.find((x) => x.zoneId === z.id);
    const f = figures.find((x) => x.zoneId === z.id);
    // Sums over a zone's projects: decimal strings, exact at any size.
    const whole = { signed_investment: s?.fen ?? '0', fixed_asset_investment: f?.fai ?? '0', annual_output: f?.output ?? '0', annual_tax: f?.tax ?? '0' };
    // 飞地 (issue 14): an enclave zone reports its own share; the partner's share is shown beside it.
    const share = z.isEnclave && z.enclavePartner && z.benefitShareBp !== null ? z.benefitShareBp : null;
    const split = (key: keyof typeof whole) => (share === null ? { own: BigInt(whole[key]), partner: 0n } : splitEnclave(BigInt(whole[key]), share));
    const keys = Object.keys(whole) as (keyof typeof whole)[];
    const own = Object.fromEntries(keys.map((k) => [k, split(k).own.toString()])) as typeof whole;
    return {
      zoneId: z.id,
      zoneName: z.name,
      targets: Object.fromEntries(targetMetrics.map((m) => [m, t(m)?.target ?? null])),
      notes: Object.fromEntries(targetMetrics.map((m) => [m, t(m)?.note ?? null])),
      actuals: { ...own, new_projects: s?.n ?? 0 },
      enclave:
        share === null
          ? null
          : { partner: z.enclavePartner ?? '', partnerShareBp: share, whole, partnerShare: Object.fromEntries(keys.map((k) => [k, split(k).partner.toString()])) as typeof whole },
    };
  });
}

/** The managers' dashboard: funnel, monthly trend, zone targets vs actuals, ranking, industry chains, 亩产. */
export async function dashboard({ ctx, year, schemeId }: { ctx: Ctx; year: number; schemeId?: string }) {
  requireRole(ctx, ['manager', 'admin'], 'see the dashboard');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const month = (col: unknown) => sql<string>`to_char(${col}, 'YYYY-MM')`;
  const chosenScheme = schemeId
    ? (await ctx.db.select().from(scoringSchemes).where(eq(scoringSchemes.id, schemeId)))[0]
    : (await ctx.db.select().from(scoringSchemes).orderBy(asc(scoringSchemes.createdAt)).limit(1))[0];
  if (schemeId && !chosenScheme) throw notFound('scoring scheme');
  const [f, leadFigures, signedTrend, constructionTrend, zonesProgress, chainRows, perMuRows, rank, indicators] = await Promise.all([
    funnel({ ctx, input: { from, to } }),
    // The year's leads per month and the open leads per chain node, from lead_rollup in one statement (issue 12).
    ctx.db.execute(sql`
      select 'trend' as part, to_char(r.month, 'YYYY-MM') as key, sum(r.n)::int as n, sum(r.fen)::text as fen
        from ${leadRollupFrom(ctx)} r where r.month >= ${from}::date and r.month <= ${to}::date group by r.month
      union all
      select 'node', r.chain_node_id::text, sum(r.n)::int, '0' from ${leadRollupFrom(ctx)} r
        where r.chain_node_id is not null and r.stage <> 'lost' group by r.chain_node_id`),
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
    // 亩产 ranking: only projects with land and a verified output, best output per 亩 first, twenty of them.
    projectRepo
      .selectProjects(ctx.db)
      .where(
        sql`${projects.landMu} > 0 and ${projects.id} in (
          select lv.project_id from ${latestVerifiedFigures} join ${projects} p2 on p2.id = lv.project_id
          where lv.kind = 'annual_output' and p2.land_mu > 0 order by lv.amount_fen / p2.land_mu desc limit 20)`,
      ),
    chosenScheme ? ranking({ ctx, period: String(year), schemeId: chosenScheme.id }) : null,
    yearSheet(ctx, year),
  ]);
  const rollupRows = rowsOf<{ part: string; key: string; n: number; fen: string }>(leadFigures);
  const leadTrend = rollupRows.filter((r) => r.part === 'trend').map((r) => ({ month: r.key, n: Number(r.n), fen: r.fen }));
  const leadNodes = rollupRows.filter((r) => r.part === 'node').map((r) => ({ nodeId: r.key, n: Number(r.n) }));
  const links = await ctx.db.select({ l: zoneIndustries, zoneName: zones.name }).from(zoneIndustries).innerJoin(zones, eq(zones.id, zoneIndustries.zoneId));
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const trend = months.map((m) => ({
    month: m,
    newLeads: leadTrend.find((x) => x.month === m)?.n ?? 0,
    estimatedInvestmentFen: leadTrend.find((x) => x.month === m)?.fen ?? '0',
    signedProjects: signedTrend.find((x) => x.month === m)?.n ?? 0,
    signedInvestmentFen: signedTrend.find((x) => x.month === m)?.fen ?? '0',
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
    .sort((a, b) => {
      const x = BigInt(a.perMu.outputFenPerMu ?? -1);
      const y = BigInt(b.perMu.outputFenPerMu ?? -1);
      return x === y ? 0 : x < y ? 1 : -1;
    })
    .slice(0, 20)
    .map((p) => ({ projectId: p.id, name: p.name, zoneName: p.zoneName, landMu: p.landMu, ...p.perMu }));
  const chosen = chosenScheme;
  return {
    year,
    funnel: f,
    trend,
    zones: zonesProgress,
    indicators,
    ranking: rank && chosen ? { schemeId: chosen.id, schemeName: chosen.name, period: String(year), rows: rank.rows } : null,
    chain: [...chainMap.values()],
    perMu,
  };
}

export async function setTargets({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZoneTargetsBody> }) {
  requireRole(ctx, ['manager', 'admin'], 'set zone targets');
  return ctx.db.transaction(async (tx) => {
    for (const t of input.targets) {
      const [before] = await tx.select().from(zoneTargets).where(and(eq(zoneTargets.zoneId, t.zoneId), eq(zoneTargets.year, input.year), eq(zoneTargets.metric, t.metric)));
      await tx
        .insert(zoneTargets)
        .values({ zoneId: t.zoneId, year: input.year, metric: t.metric, target: t.target, note: t.note ?? null, updatedBy: ctx.actor.id })
        // A target sent without a note keeps the note it had; an explicit null clears it.
        .onConflictDoUpdate({
          target: [zoneTargets.zoneId, zoneTargets.year, zoneTargets.metric],
          set: { target: t.target, note: t.note === undefined ? (before?.note ?? null) : t.note, updatedBy: ctx.actor.id, updatedAt: ctx.now() },
        });
      await audit(tx, ctx, { action: 'zone_target.set', entityType: 'zone', entityId: t.zoneId, before: before ? { year: input.year, metric: t.metric, target: before.target } : null, after: { year: input.year, ...t } });
    }
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return zoneProgress(within(ctx, tx), input.year);
  });
}
