import { creditLines, creditSets, leads, projects, users } from '@crm/db';
import {
  funnelSteps,
  leadStages,
  projectMilestones as milestoneOrder,
  type LeadStage,
  type PipelineFilters,
  type ProjectMilestone,
} from '@crm/shared';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { dayEnd, dayStart, momentOf } from '../../lib/dates.ts';
import { cutByMonths, edgeRangesSql, leadRollupFrom, monthsSql, rowsOf } from '../../lib/rollups.ts';
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

/** The filters other than the period, on the rollup (`r`) or on leads (`l`): the columns have the same names. */
function dimsSql(ctx: Ctx, f: Filters, t: 'r' | 'l'): SQL {
  const owner = ownerScope(ctx, f);
  const col = (name: string) => sql.raw(`${t}.${name}`);
  const parts = [sql`true`];
  if (f.zoneId) parts.push(sql`${col('zone_id')} = ${f.zoneId}`);
  if (f.channel) parts.push(sql`${col('channel')} = ${f.channel}`);
  if (f.industryId) parts.push(sql`${col('industry_id')} = ${f.industryId}`);
  if (owner) parts.push(sql`${col('owner_id')} = ${owner}`);
  return sql.join(parts, sql` and `);
}

/**
 * The leads' figures for the filters, grouped by `keys`: whole months from lead_rollup, the partial months at the
 * period's ends from the leads themselves, in one statement (issue 12). `keys` name columns both tables have.
 */
async function leadFigures<T>(ctx: Ctx, f: Filters, keys: string[]): Promise<(T & { n: number; fen: string; projectFen: string })[]> {
  const cut = cutByMonths(ctx, f.from, f.to);
  const k = (t: string) => sql.raw(keys.map((c) => `${t}.${c}`).join(', '));
  // One branch per partial month, each a single created_at range the index serves: as one OR of two ranges the
  // planner read the whole table (~1 s at a million leads, issue 12).
  const edges = sql.join(
    edgeRangesSql(cut).map((range) => sql`union all select ${k('l')}, 1, l.estimated_investment_fen, l.project_contract_fen from leads l where ${dimsSql(ctx, f, 'l')} and ${range}`),
    sql` `,
  );
  const result = await ctx.db.execute(sql`
    select ${k('x')}, sum(x.n)::int as n, coalesce(sum(x.fen), 0)::text as fen, coalesce(sum(x.project_fen), 0)::text as "projectFen" from (
      select ${k('r')}, r.n, r.fen, r.project_fen from ${leadRollupFrom(ctx)} r where ${dimsSql(ctx, f, 'r')} and ${monthsSql(cut)}
      ${edges}
    ) x group by ${k('x')}`);
  return rowsOf(result);
}

const CARDS_PER_COLUMN = 20;
const ownerAlias = alias(users, 'board_owner');

/** The kanban board of lead stages: count and estimated investment per column, and the most recently moved cards. */
export async function board({ ctx, input }: { ctx: Ctx; input: Filters }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see the pipeline');
  const where = leadFilterSql(ctx, input);
  const now = momentOf(ctx);
  // Counts and sums from the rollup; the latest cards of the six columns in one statement of six small indexed
  // reads (UNION ALL), never one per card: two round trips in all.
  const cardsOf = (stage: LeadStage) =>
    ctx.db
      .select({
        stage: leads.stage,
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
  const [first, ...rest] = leadStages.map(cardsOf);
  const [totals, cards] = await Promise.all([
    leadFigures<{ stage: string }>(ctx, input, ['stage']),
    rest.length > 0 && first ? unionAll(first, ...(rest as [typeof first])) : (first ?? []),
  ]);
  const columns = leadStages.map((stage) => {
    const total = totals.find((t) => t.stage === stage);
    return {
      stage: stage as LeadStage,
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
  // Every step from lead_rollup in one statement (issue 12): rows per furthest stage reached and project milestone,
  // cumulated here. The project steps count the projects of the leads the filters select, as before.
  const rows = await leadFigures<{ furthest_stage_rank: number; project_milestone: string | null }>(ctx, input, ['furthest_stage_rank', 'project_milestone']);
  const construction = milestoneOrder.indexOf('construction_started');
  const production = milestoneOrder.indexOf('in_production');
  const sumOf = (pick: (r: (typeof rows)[number]) => boolean, of: 'n' | 'fen' | 'projectFen') =>
    rows.filter(pick).reduce((s, r) => s + BigInt(r[of]), 0n);
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
