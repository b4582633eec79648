import { funnelSteps, leadStages, projectMilestones as milestoneOrder, type PipelineFilters, type ProjectMilestone } from '@crm/shared';
import type { z } from 'zod';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { dayEnd, dayStart, momentOf } from '../../lib/dates.ts';
import { cutByMonths, leadRollupFrom } from '../../lib/rollups.ts';
import { toProject } from '../projects/repository.ts';
import * as repo from './repository.ts';

type Filters = z.infer<typeof PipelineFilters>;

/** Staff see their own pipeline; managers, finance and admins see everyone's (and may filter by owner). */
const ownerScope = (ctx: Ctx, f: Filters) => (hasRole(ctx, 'manager', 'admin', 'finance') ? f.ownerId : ctx.actor.id);

const dims = (ctx: Ctx, f: Filters): repo.Dims => ({ zoneId: f.zoneId, channel: f.channel, industryId: f.industryId, ownerId: ownerScope(ctx, f) });

/** The leads' figures for the filters, grouped by `keys` (columns lead_rollup and leads both have). */
function leadFigures<T>(ctx: Ctx, f: Filters, keys: string[]) {
  return repo.leadFigures<T>(ctx.db, leadRollupFrom(ctx), dims(ctx, f), cutByMonths(ctx, f.from, f.to), keys);
}

const CARDS_PER_COLUMN = 20;

/** The kanban board of lead stages: count and estimated investment per column, and the most recently moved cards. */
export async function board({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see the pipeline');
  // Period bounds are calendar dates in the zone; `to` is inclusive.
  const filters = {
    ...dims(ctx, input),
    createdSince: input.from ? dayStart(ctx, input.from) : undefined,
    createdBefore: input.to ? dayEnd(ctx, input.to) : undefined,
  };
  const now = momentOf(ctx);
  // Counts and sums from the rollup; the latest cards of the six columns in one statement of six small indexed
  // reads (UNION ALL), never one per card: two round trips in all.
  const [totals, cards] = await Promise.all([leadFigures<{ stage: string }>(ctx, input, ['stage']), repo.boardCards(ctx.db, filters, now, CARDS_PER_COLUMN)]);
  const columns = leadStages.map((stage) => {
    const total = totals.find((t) => t.stage === stage);
    return {
      stage,
      count: total?.n ?? 0,
      estimatedInvestmentFen: total?.fen ?? '0',
      cards: cards
        .filter((c) => c.stage === stage)
        // Postgres keeps each branch's order in practice; sorted again here so nothing rests on that.
        .sort((a, b) => b.stageChangedAt.getTime() - a.stageChangedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map(({ stage: _stage, ...c }) => ({ ...c, stageChangedAt: new Date(c.stageChangedAt).toISOString() })),
    };
  });
  return { columns };
}

const PROJECTS_PER_COLUMN = 50;

/** Projects by their furthest milestone, with 亩产 (output and tax per 亩 from verified figures). */
export async function lifecycle({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see projects');
  const owner = ownerScope(ctx, input);
  const staffOnly = !hasRole(ctx, 'manager', 'admin', 'finance');
  const filters: repo.ProjectDims = {
    zoneId: input.zoneId,
    industryId: input.industryId,
    ownerId: owner,
    staffId: staffOnly ? ctx.actor.id : undefined,
    from: input.from,
    to: input.to,
  };
  const totals = await repo.milestoneTotals(ctx.db, filters);
  const columns = await Promise.all(
    milestoneOrder.map(async (milestone) => {
      const rows = await repo.projectsAt(ctx.db, filters, milestone, PROJECTS_PER_COLUMN);
      const total = totals.find((t) => t.milestone === milestone);
      return {
        milestone,
        count: total?.count ?? 0,
        contractInvestmentFen: total?.fen ?? '0',
        projects: rows.map((r) => {
          const p = toProject(r);
          return {
            id: p.id,
            name: p.name,
            zoneName: p.zoneName,
            contractInvestmentFen: p.contractInvestmentFen,
            landMu: p.landMu,
            perMu: p.perMu,
            reachedOn: r.reachedOn,
          };
        }),
      };
    }),
  );
  return { columns };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10000) / whole) : null);

/**
 * The funnel: leads (created in the period, with the filters) → contacted → visited → negotiating → signed →
 * construction → production. A lead counts at every step it ever reached (furthest_stage_rank), so a lead
 * lost after a visit still counts as visited. Investment is the estimated investment for the lead steps and
 * the contract investment for the project steps.
 */
export async function funnel({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see the funnel');
  // Every step from lead_rollup in one statement (issue 12): rows per furthest stage reached and project milestone,
  // cumulated here. The project steps count the projects of the leads the filters select, as before.
  const rows = await leadFigures<{ furthest_stage_rank: number; project_milestone: string | null }>(ctx, input, ['furthest_stage_rank', 'project_milestone']);
  const construction = milestoneOrder.indexOf('construction_started');
  const production = milestoneOrder.indexOf('in_production');
  const sumOf = (pick: (r: (typeof rows)[number]) => boolean, of: 'n' | 'fen' | 'projectFen') => rows.filter(pick).reduce((s, r) => s + BigInt(r[of]), 0n);
  const atRank = (rank: number) => (r: (typeof rows)[number]) => Number(r.furthest_stage_rank) >= rank;
  const atMilestone = (index: number) => (r: (typeof rows)[number]) =>
    r.project_milestone !== null && milestoneOrder.indexOf(r.project_milestone as ProjectMilestone) >= index;
  const l = {
    leads: Number(sumOf(atRank(0), 'n')),
    contacted: Number(sumOf(atRank(1), 'n')),
    visited: Number(sumOf(atRank(2), 'n')),
    negotiating: Number(sumOf(atRank(3), 'n')),
    leadsFen: String(sumOf(atRank(0), 'fen')),
    contactedFen: String(sumOf(atRank(1), 'fen')),
    visitedFen: String(sumOf(atRank(2), 'fen')),
    negotiatingFen: String(sumOf(atRank(3), 'fen')),
  };
  const p = {
    signed: Number(sumOf(atMilestone(0), 'n')),
    construction: Number(sumOf(atMilestone(construction), 'n')),
    production: Number(sumOf(atMilestone(production), 'n')),
    signedFen: String(sumOf(atMilestone(0), 'projectFen')),
    constructionFen: String(sumOf(atMilestone(construction), 'projectFen')),
    productionFen: String(sumOf(atMilestone(production), 'projectFen')),
  };
  const counts = [l.leads, l.contacted, l.visited, l.negotiating, p?.signed ?? 0, p?.construction ?? 0, p?.production ?? 0];
  // Sums stay exact: decimal strings from Postgres numeric sums, never JS numbers (they can pass 2^53).
  const fen = [l.leadsFen, l.contactedFen, l.visitedFen, l.negotiatingFen, p?.signedFen, p?.constructionFen, p?.productionFen].map((v) => v ?? '0');
  const first = counts[0] ?? 0;
  return {
    steps: funnelSteps.map((step, i) => ({
      step,
      count: counts[i] ?? 0,
      investmentFen: fen[i] ?? '0',
      conversionBp: i === 0 ? null : ratio(counts[i] ?? 0, counts[i - 1] ?? 0),
      overallBp: ratio(counts[i] ?? 0, first),
    })),
    filters: input,
  };
}
