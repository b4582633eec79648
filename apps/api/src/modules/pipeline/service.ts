import { creditLines, creditSets, leads, projects, users } from '@crm/db';
import {
  funnelSteps,
  leadStages,
  projectMilestones as milestoneOrder,
  type LeadStage,
  type PipelineFilters,
  type ProjectMilestone,
} from '@crm/shared';
import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { dayEnd, dayStart, momentOf } from '../../lib/dates.ts';
import { warningSql } from '../leads/repository.ts';
import * as projectRepo from '../projects/repository.ts';

type Filters = z.infer<typeof PipelineFilters>;

/** Staff see their own pipeline; managers, finance and admins see everyone's (and may filter by owner). */
const ownerScope = (ctx: Ctx, f: Filters) => (hasRole(ctx, 'manager', 'admin', 'finance') ? f.ownerId : ctx.actor.id);


export function leadFilterSql(ctx: Ctx, f: Filters): SQL | undefined {
  const owner = ownerScope(ctx, f);
  return and(
    f.zoneId ? eq(leads.zoneId, f.zoneId) : undefined,
    f.channel ? eq(leads.channel, f.channel) : undefined,
    f.industryId ? eq(leads.industryId, f.industryId) : undefined,
    owner ? eq(leads.ownerId, owner) : undefined,
    // Period bounds are calendar dates in the zone; `to` is inclusive.
    f.from ? gte(leads.createdAt, dayStart(ctx, f.from)) : undefined,
    f.to ? lt(leads.createdAt, dayEnd(ctx, f.to)) : undefined,
  );
}

const CARDS_PER_COLUMN = 20;
const ownerAlias = alias(users, 'board_owner');

/** The kanban board of lead stages: count and estimated investment per column, and the most recently moved cards. */
export async function board({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see the pipeline');
  const where = leadFilterSql(ctx, input);
  const now = momentOf(ctx);
  const totals = await ctx.db
    .select({ stage: leads.stage, count: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${leads.estimatedInvestmentFen}), 0)::text` })
    .from(leads)
    .where(where)
    .groupBy(leads.stage);
  // One small indexed query per column (six in all), never one per card.
  const columns = await Promise.all(
    leadStages.map(async (stage) => {
      const cards = await ctx.db
        .select({
          id: leads.id,
          companyName: leads.companyName,
          ownerName: ownerAlias.displayName,
          estimatedInvestmentFen: leads.estimatedInvestmentFen,
          warning: warningSql(now),
          stageChangedAt: leads.stageChangedAt,
          nextFollowUpOn: leads.nextFollowUpOn,
        })
        .from(leads)
        .innerJoin(ownerAlias, eq(ownerAlias.id, leads.ownerId))
        .where(and(where, eq(leads.stage, stage)))
        .orderBy(desc(leads.stageChangedAt), desc(leads.id))
        .limit(CARDS_PER_COLUMN);
      const total = totals.find((t) => t.stage === stage);
      return {
        stage: stage as LeadStage,
        count: total?.count ?? 0,
        estimatedInvestmentFen: total?.fen ?? '0',
        cards: cards.map((c) => ({ ...c, stageChangedAt: c.stageChangedAt.toISOString() })),
      };
    }),
  );
  return { columns };
}

const PROJECTS_PER_COLUMN = 50;

/** Projects by their furthest milestone, with 亩产 (output and tax per 亩 from verified figures). */
export async function lifecycle({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see projects');
  const owner = ownerScope(ctx, input);
  const staffOnly = !hasRole(ctx, 'manager', 'admin', 'finance');
  const where = and(
    input.zoneId ? eq(projects.zoneId, input.zoneId) : undefined,
    input.industryId ? eq(projects.industryId, input.industryId) : undefined,
    // Staff see the projects they own or are credited on, as in the projects list.
    staffOnly
      ? sql`(${projects.ownerId} = ${ctx.actor.id} or exists (select 1 from ${creditLines} cl join ${creditSets} cs on cs.id = cl.set_id where cs.project_id = ${projects.id} and cs.is_current and cl.staff_id = ${ctx.actor.id}))`
      : owner
        ? eq(projects.ownerId, owner)
        : undefined,
    input.from ? gte(projects.signedOn, input.from) : undefined,
    input.to ? sql`${projects.signedOn} <= ${input.to}::date` : undefined,
  );
  const totals = await ctx.db
    .select({ milestone: projects.currentMilestone, count: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}), 0)::text` })
    .from(projects)
    .where(where)
    .groupBy(projects.currentMilestone);
  const columns = await Promise.all(
    milestoneOrder.map(async (milestone) => {
      const rows = await projectRepo
        .selectProjects(ctx.db)
        .where(and(where, eq(projects.currentMilestone, milestone)))
        .orderBy(desc(projects.updatedAt), desc(projects.id))
        .limit(PROJECTS_PER_COLUMN);
      const total = totals.find((t) => t.milestone === milestone);
      return {
        milestone: milestone as ProjectMilestone,
        count: total?.count ?? 0,
        contractInvestmentFen: total?.fen ?? '0',
        projects: rows.map((r) => {
          const p = projectRepo.toProject(r);
          return { id: p.id, name: p.name, zoneName: p.zoneName, contractInvestmentFen: p.contractInvestmentFen, landMu: p.landMu, perMu: p.perMu, reachedOn: r.reachedOn };
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
  const where = leadFilterSql(ctx, input);
  // One row per furthest rank (five at most), cumulated here: cheaper than eight filtered aggregates over
  // a million rows, and served by the covering index leads_pipeline_idx without touching the table.
  const byRank = await ctx.db
    .select({ rank: leads.furthestStageRank, count: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${leads.estimatedInvestmentFen}), 0)::text` })
    .from(leads)
    .where(where)
    .groupBy(leads.furthestStageRank);
  const reached = (rank: number) => byRank.filter((r) => r.rank >= rank);
  const countAt = (rank: number) => reached(rank).reduce((s, r) => s + r.count, 0);
  const fenAt = (rank: number) => reached(rank).reduce((s, r) => s + BigInt(r.fen), 0n);
  const l = {
    leads: countAt(0),
    contacted: countAt(1),
    visited: countAt(2),
    negotiating: countAt(3),
    leadsFen: String(fenAt(0)),
    contactedFen: String(fenAt(1)),
    visitedFen: String(fenAt(2)),
    negotiatingFen: String(fenAt(3)),
  };
  const construction = milestoneOrder.indexOf('construction_started');
  const production = milestoneOrder.indexOf('in_production');
  const rankSql = sql`array_position(array[${sql.join(
    milestoneOrder.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[], ${projects.currentMilestone}) - 1`;
  const [p] = await ctx.db
    .select({
      signed: sql<number>`count(*)::int`,
      construction: sql<number>`(count(*) filter (where ${rankSql} >= ${construction}))::int`,
      production: sql<number>`(count(*) filter (where ${rankSql} >= ${production}))::int`,
      signedFen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}), 0)::text`,
      constructionFen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}) filter (where ${rankSql} >= ${construction}), 0)::text`,
      productionFen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}) filter (where ${rankSql} >= ${production}), 0)::text`,
    })
    .from(projects)
    .innerJoin(leads, eq(leads.id, projects.leadId))
    // A funnel converts leads: a company's later projects (增资扩产) are not a second conversion of its lead.
    .where(and(where, isNull(projects.parentProjectId)));
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
