import { notFound, splitEnclave, targetMetrics, type ZoneTargetsBody } from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rollups.ts';
import * as performanceRepo from '../performance/repository.ts';
import { ranking } from '../performance/service.ts';
import { funnel } from '../pipeline/service.ts';
import * as projectRepo from '../projects/repository.ts';
import { yearSheet } from '../indicators/service.ts';
import * as repo from './repository.ts';

export async function zoneProgress(ctx: Ctx, year: number) {
  const [zoneRows, targets, signed, figures] = await Promise.all([
    repo.zonesInOrder(ctx.db),
    repo.targetsOfYear(ctx.db, year),
    repo.signedPerZone(ctx.db, year),
    repo.figuresPerZone(ctx.db, year),
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
          : {
              partner: z.enclavePartner ?? '',
              partnerShareBp: share,
              whole,
              partnerShare: Object.fromEntries(keys.map((k) => [k, split(k).partner.toString()])) as typeof whole,
            },
    };
  });
}

/** The managers' dashboard: funnel, monthly trend, zone targets vs actuals, ranking, industry chains, 亩产. */
export async function dashboard({ ctx, year, schemeId }: { ctx: Ctx; year: number; schemeId?: string }) {
  requireRole(ctx, ['manager', 'admin'], 'see the dashboard');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const chosenScheme = schemeId ? await performanceRepo.findScheme(ctx.db, schemeId) : await performanceRepo.firstScheme(ctx.db);
  if (schemeId && !chosenScheme) throw notFound('scoring scheme');
  const [f, leadFigures, signedTrend, constructionTrend, zonesProgress, chainRows, perMuRows, rank, indicators] = await Promise.all([
    funnel({ ctx, input: { from, to } }),
    repo.leadFigures(ctx, from, to),
    repo.signedTrend(ctx.db, year),
    repo.constructionTrend(ctx.db, year),
    zoneProgress(ctx, year),
    repo.chainNodeProjects(ctx.db),
    repo.perMuProjects(ctx.db),
    chosenScheme ? ranking({ ctx, period: String(year), schemeId: chosenScheme.id }) : null,
    yearSheet(ctx, year),
  ]);
  const rollupRows = rowsOf<{ part: string; key: string; n: number; fen: string }>(leadFigures);
  const leadTrend = rollupRows.filter((r) => r.part === 'trend').map((r) => ({ month: r.key, n: Number(r.n), fen: r.fen }));
  const leadNodes = rollupRows.filter((r) => r.part === 'node').map((r) => ({ nodeId: r.key, n: Number(r.n) }));
  const links = await repo.zoneIndustryLinks(ctx.db);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const trend = months.map((m) => ({
    month: m,
    newLeads: leadTrend.find((x) => x.month === m)?.n ?? 0,
    estimatedInvestmentFen: leadTrend.find((x) => x.month === m)?.fen ?? '0',
    signedProjects: signedTrend.find((x) => x.month === m)?.n ?? 0,
    signedInvestmentFen: signedTrend.find((x) => x.month === m)?.fen ?? '0',
    constructionStarted: constructionTrend.find((x) => x.month === m)?.n ?? 0,
  }));
  const chainMap = new Map<
    string,
    {
      industryId: string;
      industryName: string;
      leadingIn: string[];
      emergingIn: string[];
      nodes: { nodeId: string; name: string; position: string; projects: number; leads: number; gap: boolean }[];
    }
  >();
  for (const r of chainRows) {
    const entry = chainMap.get(r.industryId) ?? {
      industryId: r.industryId,
      industryName: r.industryName,
      leadingIn: links.filter((l) => l.l.industryId === r.industryId && l.l.kind === 'leading').map((l) => l.zoneName),
      emergingIn: links.filter((l) => l.l.industryId === r.industryId && l.l.kind === 'emerging').map((l) => l.zoneName),
      nodes: [],
    };
    entry.nodes.push({
      nodeId: r.nodeId,
      name: r.nodeName,
      position: r.position,
      projects: r.projects,
      leads: leadNodes.find((x) => x.nodeId === r.nodeId)?.n ?? 0,
      gap: r.projects === 0,
    });
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
      const before = await repo.findTarget(tx, t.zoneId, input.year, t.metric);
      await repo.upsertTarget(
        tx,
        { zoneId: t.zoneId, year: input.year, metric: t.metric, target: t.target, note: t.note ?? null, updatedBy: ctx.actor.id },
        // A target sent without a note keeps the note it had; an explicit null clears it.
        { target: t.target, note: t.note === undefined ? (before?.note ?? null) : t.note, updatedBy: ctx.actor.id, updatedAt: ctx.now() },
      );
      await audit(tx, ctx, {
        action: 'zone_target.set',
        entityType: 'zone',
        entityId: t.zoneId,
        before: before ? { year: input.year, metric: t.metric, target: before.target } : null,
        after: { year: input.year, ...t },
      });
    }
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return zoneProgress(within(ctx, tx), input.year);
  });
}
