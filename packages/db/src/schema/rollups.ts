import { bigint, date, index, integer, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Pre-aggregated figures for the heavy reads (issue 12): the funnel, the kanban counts, the ranking's new leads and
 * the dashboard read these instead of scanning a million leads. Kept exact by triggers in the migration
 * (0018_rollups.sql) in the same transaction as every write to leads, projects and activities; crm_rebuild_rollups()
 * recounts them from scratch (migration backfill, bulk loads, a change of the zone's time zone).
 * Rows whose count fell to zero stay until the next rebuild; readers sum, so they change nothing.
 * project_rollup and milestone_rollup (0027_project_rollups.sql) do the same for the dashboard's project figures.
 */
export const leadRollup = pgTable(
  'lead_rollup',
  {
    /** First day of the lead's creation month in the zone's time zone (rollup_settings.time_zone). */
    month: date({ mode: 'string' }).notNull(),
    zoneId: uuid(),
    ownerId: uuid().notNull(),
    createdBy: uuid().notNull(),
    channel: text().notNull(),
    industryId: uuid(),
    chainNodeId: uuid(),
    stage: text().notNull(),
    furthestStageRank: integer().notNull(),
    /** The signed project's current milestone, null when the lead has no project. */
    projectMilestone: text(),
    n: bigint({ mode: 'number' }).notNull(),
    /** Sum of estimated investment (fen). */
    fen: numeric().notNull(),
    /** Sum of the projects' contract investment (fen). */
    projectFen: numeric().notNull(),
  },
  (t) => [
    unique('lead_rollup_key')
      .on(t.month, t.zoneId, t.ownerId, t.createdBy, t.channel, t.industryId, t.chainNodeId, t.stage, t.furthestStageRank, t.projectMilestone)
      .nullsNotDistinct(),
    // The lead list's total (issue 12): every column its filters name and n, so the sum is an index-only read of a
    // few MB (stage first, the commonest filter) instead of a pass over the table, which the triggers' updates bloat.
    index('lead_rollup_count_idx').on(t.stage, t.zoneId, t.ownerId, t.channel, t.industryId, t.month, t.n),
    // The total under an industry or a channel filter (no filter, a stage, a zone or an owner read lead_totals): led
    // by the filter, so the sum reads that industry's or channel's entries only. Without them a zone + industry total
    // read all of lead_rollup (29 ms at a million leads: the table is several times its live size, as trigger-kept
    // tables are between vacuums).
    index('lead_rollup_industry_idx').on(t.industryId, t.zoneId, t.stage, t.ownerId, t.channel, t.month, t.n),
    index('lead_rollup_channel_idx').on(t.channel, t.zoneId, t.stage, t.ownerId, t.month, t.n),
    // The dashboard's open leads per chain node: the entries of leads on a node only, instead of the whole table.
    index('lead_rollup_node_idx').on(t.chainNodeId, t.stage, t.n),
  ],
);

/**
 * lead_rollup summed over the dimensions most lists do not filter by (issue 12): the lead list's first-page total for
 * no filter, a stage, a zone or an owner reads a few thousand rows here instead of lead_rollup's tens of thousands
 * (13 ms at a million leads → well under 1 ms). Kept by a row trigger on lead_rollup itself (0026), so every writer
 * of lead_rollup — the lead triggers, the import's statement trigger, a rebuild — moves it without knowing of it.
 * created_by stays in the key on purpose: an import (one long transaction) then holds only the importer's rows,
 * never the rows another member's new leads add to (a key without it would make every staff write in a zone wait
 * for a running import).
 */
export const leadTotals = pgTable(
  'lead_totals',
  {
    month: date({ mode: 'string' }).notNull(),
    zoneId: uuid(),
    ownerId: uuid().notNull(),
    createdBy: uuid().notNull(),
    stage: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
    /** Sum of estimated investment (fen), for the dashboard's monthly trend (0029). */
    fen: numeric().notNull().default('0'),
  },
  (t) => [unique('lead_totals_key').on(t.month, t.zoneId, t.ownerId, t.createdBy, t.stage).nullsNotDistinct()],
);

/** Visits and inspections per staff member and month (the ranking's "visits"), kept by a trigger on activities. */
export const activityRollup = pgTable(
  'activity_rollup',
  {
    month: date({ mode: 'string' }).notNull(),
    staffId: uuid().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [unique('activity_rollup_key').on(t.month, t.staffId)],
);

/**
 * Projects per signing month × zone × chain node (null: none), every project counted (expansions too, as the
 * dashboard counts them), kept by a row trigger on projects (drizzle/0027). The dashboard's signed-per-zone, signed
 * trend and chain-node counts read it instead of scanning every project three times per request.
 */
export const projectRollup = pgTable(
  'project_rollup',
  {
    /** First day of the project's signing month (signed_on is a date: no time zone). */
    month: date({ mode: 'string' }).notNull(),
    zoneId: uuid().notNull(),
    chainNodeId: uuid(),
    n: bigint({ mode: 'number' }).notNull(),
    /** Sum of contract investment (fen): numeric, so no sum of bigints can overflow. */
    fen: numeric().notNull(),
  },
  (t) => [unique('project_rollup_key').on(t.month, t.zoneId, t.chainNodeId).nullsNotDistinct()],
);

/** Milestones reached per month and milestone (the dashboard's construction trend), kept by a trigger on project_milestones. */
export const milestoneRollup = pgTable(
  'milestone_rollup',
  {
    /** First day of the month of reached_on. */
    month: date({ mode: 'string' }).notNull(),
    milestone: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [unique('milestone_rollup_key').on(t.milestone, t.month)],
);

/** One row: the time zone lead_rollup's months are cut in; the app rebuilds the rollups when its zone differs. */
export const rollupSettings = pgTable('rollup_settings', {
  id: integer().primaryKey().default(1),
  timeZone: text().notNull(),
});
