import { agents, chainNodes, industries, leads, leadStageHistory, parks, projects, promotionEvents, users, zones, type DbOrTx } from '@crm/db';
import { DEFAULT_TIME_ZONE, hoursLate, WARNING_DAYS, type Lead, type LeadChannel, type LeadStage } from '@crm/shared';
import { and, asc, desc, eq, inArray, isNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { keysetAfter } from '../../lib/cursor.ts';
import { deadlineDay, type Moment } from '../../lib/dates.ts';

/**
 * How a value enters a lead query: as itself (a bind parameter of this one query), or, for the lists' cached
 * statements, as a named placeholder whose value is noted for this run (see `cachedQuery`).
 */
type Bind = <T>(name: string, value: T) => T | Placeholder;
const direct: Bind = (_name, value) => value;

/**
 * A lead is in the public pool (公海) when it is lost, or when it is open and its protection has lapsed.
 * Computed at read time from protection_expires_at, so nothing has to sweep leads into the pool.
 */
export const inPoolSql = ({ now }: Moment, bind: Bind = direct): SQL<boolean> =>
  sql<boolean>`(${leads.stage} = 'lost' or (${leads.stage} <> 'signed' and ${leads.protectionExpiresAt} < ${bind('now', now.toISOString())}::timestamptz))`;

/**
 * Lead warnings (issue 3): red when the next follow-up date has passed or protection has lapsed on an open
 * lead; yellow when protection lapses within WARNING_DAYS; green otherwise (and for signed or lost leads).
 */
export const warningSql = ({ now, today }: Moment, bind: Bind = direct): SQL<'red' | 'yellow' | 'green'> => {
  const soon = new Date(now.getTime() + WARNING_DAYS * 86_400_000).toISOString();
  return sql<'red' | 'yellow' | 'green'>`case
    when ${leads.stage} in ('signed', 'lost') then 'green'
    when ${leads.nextFollowUpOn} < ${bind('today', today)}::date or ${leads.protectionExpiresAt} < ${bind('now', now.toISOString())}::timestamptz then 'red'
    when ${leads.protectionExpiresAt} < ${bind('soon', soon)}::timestamptz then 'yellow'
    else 'green' end`;
};

/*
 * Page first (issue 12): a list reads the page of leads from `leads` alone (filter, keyset, order, LIMIT), and only
 * then looks up the names for those rows, each in its own scalar subquery. The planner then plans a single-table
 * query instead of a seven-way join (planning had been 90% of the list's database time), and each lookup runs once
 * per row shown. The outer query names its page "leads", so every expression written against the table (the pool,
 * the warning, the sort key) reads the page's columns unchanged.
 */
// Written with qualified names: in a single-table select drizzle prints a column without its table, and inside the
// lookup's subquery a bare "id" would be the looked-up table's own.
const lookup = <T>(table: string, column: string, key: string) => sql<T | null>`(${sql.raw(`select x.${column} from ${table} x where x.id = "leads".${key}`)})`;
const leadColumns = (now: Moment, bind: Bind = direct) => ({
  lead: leads,
  ownerName: lookup<string>('users', 'display_name', 'owner_id'),
  industryName: lookup<string>('industries', 'name', 'industry_id'),
  chainNodeName: lookup<string>('chain_nodes', 'name', 'chain_node_id'),
  agentName: lookup<string>('agents', 'name', 'agent_id'),
  zoneName: lookup<string>('zones', 'name', 'zone_id'),
  parkName: lookup<string>('parks', 'name', 'park_id'),
  inPool: inPoolSql(now, bind),
  warning: warningSql(now, bind),
  sourceEventName: lookup<string>('promotion_events', 'name', 'source_event_id'),
});

type Joined = {
  lead: typeof leads.$inferSelect;
  ownerName: string | null;
  industryName: string | null;
  chainNodeName: string | null;
  agentName: string | null;
  zoneName: string | null;
  parkName: string | null;
  inPool: boolean;
  warning: 'red' | 'yellow' | 'green';
  sourceEventName: string | null;
};

/** The stage clock as people read it: its deadline, and whether (and by how many hours) it is late. */
export function clockView(
  lead: Pick<typeof leads.$inferSelect, 'clockPhase' | 'clockDueAt' | 'clockStartedAt'>,
  { now, timeZone = DEFAULT_TIME_ZONE }: Moment,
): Lead['clock'] {
  if (!lead.clockPhase) return null;
  const dueAt = lead.clockDueAt;
  return {
    state: lead.clockPhase as NonNullable<Lead['clock']>['state'],
    startedAt: lead.clockStartedAt?.toISOString() ?? null,
    dueOn: dueAt ? deadlineDay(dueAt, timeZone) : null,
    dueAt: dueAt?.toISOString() ?? null,
    overdue: !!dueAt && now >= dueAt,
    hoursLate: hoursLate(dueAt, now),
  };
}

export const toLead = (r: Joined, moment: Moment): Lead => ({
  id: r.lead.id,
  companyName: r.lead.companyName,
  creditCode: r.lead.creditCode,
  industryId: r.lead.industryId,
  industryName: r.industryName,
  chainNodeId: r.lead.chainNodeId,
  chainNodeName: r.chainNodeName,
  channel: r.lead.channel as Lead['channel'],
  agentId: r.lead.agentId,
  agentName: r.agentName,
  zoneId: r.lead.zoneId,
  zoneName: r.zoneName,
  parkId: r.lead.parkId,
  parkName: r.parkName,
  estimatedInvestmentFen: r.lead.estimatedInvestmentFen,
  contacts: r.lead.contacts,
  notes: r.lead.notes,
  ownerId: r.lead.ownerId,
  ownerName: r.ownerName ?? '',
  stage: r.lead.stage,
  lostReason: r.lead.lostReason,
  protectionExpiresAt: r.lead.protectionExpiresAt?.toISOString() ?? null,
  inPool: r.inPool,
  warning: r.warning,
  nextFollowUpOn: r.lead.nextFollowUpOn,
  lastActivityAt: r.lead.lastActivityAt?.toISOString() ?? null,
  stageChangedAt: r.lead.stageChangedAt.toISOString(),
  clock: clockView(r.lead, moment),
  isMajor: r.lead.isMajor,
  judgementDecision: (r.lead.judgementDecision as Lead['judgementDecision']) ?? null,
  filedAt: r.lead.filedAt?.toISOString() ?? null,
  sourceEventId: r.lead.sourceEventId,
  sourceEventName: r.sourceEventName,
  version: r.lead.version,
  createdAt: r.lead.createdAt.toISOString(),
  updatedAt: r.lead.updatedAt.toISOString(),
});

export async function findLead(db: DbOrTx, id: string, now: Moment): Promise<Lead | null> {
  const [row] = await cachedQuery(
    db,
    'lead_by_id',
    (bind) =>
      db
        .select({ ...leadColumns(now, bind), sortKey: sql<string>`null` })
        .from(leads)
        .where(eq(leads.id, bind('id', id)))
        .prepare('lead_by_id'),
    (bind) => {
      leadColumns(now, bind);
      bind('id', id);
    },
  );
  return row ? toLead(row, now) : null;
}

/** Locks the lead row for the rest of the transaction (two people acting on one lead queue up). */
export async function lockLead(db: DbOrTx, id: string) {
  const [row] = await db.select().from(leads).where(eq(leads.id, id)).for('update');
  return row ?? null;
}

export type LeadSortKey = 'createdAt' | 'updatedAt' | 'estimatedInvestmentFen' | 'clockDueAt' | 'companyName';
/**
 * The whitelist of sortable columns, each NOT NULL (or filtered to non-null: clockDueAt) so the keyset
 * (column, id) is total, and each with a (column, id) index. What the cursor's value is, per column.
 */
const sortColumns = {
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  estimatedInvestmentFen: leads.estimatedInvestmentFen,
  clockDueAt: leads.clockDueAt,
  companyName: leads.companyName,
} as const;
export const sortCursorKind = {
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
  estimatedInvestmentFen: 'integer',
  clockDueAt: 'timestamp',
  companyName: 'text',
} as const;
const sortCast = {
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  estimatedInvestmentFen: 'bigint',
  clockDueAt: 'timestamptz',
  companyName: 'text',
} as const;

/**
 * Overdue: the clock's deadline has passed on a lead that is still its owner's (a lead that lapsed into the public
 * pool is nobody's to be late on). Clock leads are open, so "in the pool" is only a lapsed protection here.
 */
export const overdueSql = ({ now }: Moment, bind: Bind = direct): SQL<boolean> =>
  sql<boolean>`(${leads.clockDueAt} <= ${bind('now', now.toISOString())}::timestamptz and ${leads.protectionExpiresAt} >= ${bind('now', now.toISOString())}::timestamptz)`;

export type LeadFilters = {
  q?: string;
  stage?: LeadStage;
  ownerId?: string;
  zoneId?: string;
  industryId?: string;
  channel?: LeadChannel;
  pool?: boolean;
  warning?: 'red' | 'yellow' | 'green';
  /** Created at or after / before these instants (the service turns the zone's days into them). */
  createdSince?: Date;
  createdBefore?: Date;
  overdue?: boolean;
  sourceEventId?: string;
  /** Staff see their own leads and the pool; managers see all. */
  visibleTo?: string;
};

const isCreditCode = (q: string) => /^[0-9A-Z]{18}$/i.test(q);

export function filterSql(f: LeadFilters, now: Moment, bind: Bind = direct): SQL | undefined {
  const q = f.q?.trim();
  const pool = inPoolSql(now, bind);
  return and(
    q
      ? isCreditCode(q)
        ? eq(leads.creditCode, bind('creditCode', q.toUpperCase()))
        : sql`${leads.companyName} ilike ${bind('q', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`
      : undefined,
    f.stage ? eq(leads.stage, bind('stage', f.stage)) : undefined,
    f.ownerId ? eq(leads.ownerId, bind('ownerId', f.ownerId)) : undefined,
    f.zoneId ? eq(leads.zoneId, bind('zoneId', f.zoneId)) : undefined,
    f.industryId ? eq(leads.industryId, bind('industryId', f.industryId)) : undefined,
    f.channel ? eq(leads.channel, bind('channel', f.channel)) : undefined,
    f.pool === true ? pool : f.pool === false ? sql`not ${pool}` : undefined,
    f.warning ? sql`${warningSql(now, bind)} = ${bind('warning', f.warning)}` : undefined,
    f.createdSince ? sql`${leads.createdAt} >= ${bind('createdSince', f.createdSince.toISOString())}::timestamptz` : undefined,
    f.createdBefore ? sql`${leads.createdAt} < ${bind('createdBefore', f.createdBefore.toISOString())}::timestamptz` : undefined,
    f.overdue === true
      ? overdueSql(now, bind)
      : f.overdue === false
        ? sql`${leads.clockDueAt} > ${bind('now', now.now.toISOString())}::timestamptz`
        : undefined,
    f.sourceEventId ? eq(leads.sourceEventId, bind('sourceEventId', f.sourceEventId)) : undefined,
    // An overdue lead is never in the pool (overdueSql asks for protection not lapsed), so for staff "own or pool"
    // is simply "own" there: said plainly, the planner takes the owner's clock index (leads_owner_clock_idx).
    f.visibleTo
      ? f.overdue === true
        ? eq(leads.ownerId, bind('visibleTo', f.visibleTo))
        : or(eq(leads.ownerId, bind('visibleTo', f.visibleTo)), pool)
      : undefined,
  );
}

/** Which SQL a filter set makes: the same shape is the same statement text, whatever the values. */
const shapeOf = (f: LeadFilters, extra: object) => {
  const q = f.q?.trim();
  return JSON.stringify([
    q ? (isCreditCode(q) ? 'code' : 'name') : 0,
    !!f.stage,
    !!f.ownerId,
    !!f.zoneId,
    !!f.industryId,
    !!f.channel,
    f.pool ?? null,
    !!f.warning,
    !!f.createdSince,
    !!f.createdBefore,
    f.overdue ?? null,
    !!f.sourceEventId,
    !!f.visibleTo,
    extra,
  ]);
};

type Executable<T> = { execute: (values: Record<string, unknown>) => Promise<T> };
const statements = new WeakMap<object, Map<string, Executable<unknown>>>();
/**
 * The lists' statements are built once per database handle and shape (which filters, which sort, a cursor or
 * not) with named placeholders, and reused: drizzle building and printing a 50-column query on every request
 * cost about 15% of a list request (issue 12). The values are collected afresh on every run by the same code
 * that would have written them into the query (`bind`), so a cached statement cannot miss or mix up a value.
 */
function cachedQuery<T>(db: DbOrTx, shape: string, make: (bind: Bind) => Executable<T>, values: (bind: Bind) => void): Promise<T> {
  const found: Record<string, unknown> = {};
  const collect: Bind = (name, value) => {
    found[name] = value;
    return sql.placeholder(name);
  };
  let byShape = statements.get(db);
  if (!byShape) {
    byShape = new Map();
    statements.set(db, byShape);
  }
  let statement = byShape.get(shape) as Executable<T> | undefined;
  if (!statement) {
    statement = make(collect);
    byShape.set(shape, statement);
  } else {
    values(collect);
  }
  return statement.execute(found);
}

/**
 * Keyset pagination on (sort column, id): the cursor carries the last row's sort value as Postgres text,
 * so timestamps keep their microseconds and no row is skipped or repeated between pages.
 */
export async function listLeads(
  db: DbOrTx,
  f: LeadFilters & { sort: LeadSortKey; direction: 'asc' | 'desc'; limit: number; after?: [string, string] },
  now: Moment,
): Promise<{ lead: Lead; sortKey: string }[]> {
  const column = sortColumns[f.sort];
  const cast = sortCast[f.sort];
  const order = f.direction === 'desc' ? [desc(column), desc(leads.id)] : [asc(column), asc(leads.id)];
  // Sorting by deadline lists the leads that have one (the partial clock indexes hold exactly those).
  const hasClock = f.sort === 'clockDueAt' ? sql`${leads.clockDueAt} is not null` : undefined;
  const where = (bind: Bind) =>
    and(
      filterSql(f, now, bind),
      keysetAfter(column, leads.id, f.after ? [bind('after0', f.after[0]), bind('after1', f.after[1])] : undefined, { cast, direction: f.direction }),
      hasClock,
    );
  const rows = await cachedQuery(
    db,
    shapeOf(f, [f.sort, f.direction, !!f.after, f.limit, 'list']),
    (bind) => {
      const page = db
        .select()
        .from(leads)
        .where(where(bind))
        .orderBy(...order)
        // The LIMIT is written into the statement (a validated integer, part of the shape), not bound: with a bound
        // LIMIT the plan cache costs a generic plan for an unknown row count and keeps planning every run.
        .limit(sql.raw(String(Math.trunc(f.limit + 1))) as unknown as number)
        .as('leads');
      return db
        .select({ ...leadColumns(now, bind), sortKey: sql<string>`${column}::text` })
        .from(page)
        .orderBy(...order)
        .prepare('leads_page');
    },
    (bind) => {
      where(bind);
      leadColumns(now, bind);
    },
  );
  return rows.map((r) => ({ lead: toLead(r, now), sortKey: String(r.sortKey) }));
}

/**
 * How many leads match, without counting a million: the matching rows are read only up to cap + 1 (through the
 * same indexes as the list), so the answer is exact up to the cap and "more than the cap" beyond it.
 */
export async function countLeads(db: DbOrTx, f: LeadFilters & { clockOnly?: boolean }, now: Moment, cap: number): Promise<{ count: number; exact: boolean }> {
  const where = (bind: Bind) => and(filterSql(f, now, bind), f.clockOnly ? sql`${leads.clockDueAt} is not null` : undefined);
  const [row] = await cachedQuery(
    db,
    shapeOf(f, [!!f.clockOnly, 'count']),
    (bind) => {
      const inner = db
        .select({ one: sql`1` })
        .from(leads)
        .where(where(bind))
        .limit(bind('cap', cap + 1) as number)
        .as('matching');
      return db.select({ n: sql<number>`count(*)::int` }).from(inner).prepare('leads_count');
    },
    (bind) => {
      where(bind);
      bind('cap', cap + 1);
    },
  );
  const n = Number(row?.n ?? 0);
  return n > cap ? { count: cap, exact: false } : { count: n, exact: true };
}

/** The filters lead_rollup holds as dimensions (see `rollupCountable` in the service). */
export type RollupCountFilters = Pick<LeadFilters, 'stage' | 'ownerId' | 'zoneId' | 'industryId' | 'channel'>;

/**
 * How many leads match, read from the rollups (issue 12): the sum of their counts over the matching keys and whole
 * months (`months`: a condition on alias `r`), exact at any size. Only for filters that are all rollup dimensions,
 * and only when the rollups' months are the app's zone (the caller checked). lead_totals (a few thousand rows at a
 * million leads) answers month, stage, zone and owner; an industry or a channel needs lead_rollup itself.
 */
export async function countLeadsInRollup(db: DbOrTx, f: RollupCountFilters, months: SQL): Promise<number> {
  const from = f.industryId || f.channel ? sql`lead_rollup` : sql`lead_totals`;
  const parts = [months];
  if (f.stage) parts.push(sql`r.stage = ${f.stage}`);
  if (f.ownerId) parts.push(sql`r.owner_id = ${f.ownerId}`);
  if (f.zoneId) parts.push(sql`r.zone_id = ${f.zoneId}`);
  if (f.industryId) parts.push(sql`r.industry_id = ${f.industryId}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}`);
  const result = await db.execute(sql`select coalesce(sum(r.n), 0)::text as n from ${from} r where ${sql.join(parts, sql` and `)}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { n: string }[] }).rows) as { n: string }[];
  return Number(rows[0]?.n ?? 0);
}

export async function findDuplicate(db: DbOrTx, key: { normalizedName: string; creditCode?: string | null }, excludeId?: string) {
  const [row] = await db
    .select({
      id: leads.id,
      companyName: leads.companyName,
      ownerId: leads.ownerId,
      ownerName: users.displayName,
      protectionExpiresAt: leads.protectionExpiresAt,
      stage: leads.stage,
    })
    .from(leads)
    .innerJoin(users, eq(users.id, leads.ownerId))
    .where(
      and(
        key.creditCode ? or(eq(leads.normalizedName, key.normalizedName), eq(leads.creditCode, key.creditCode)) : eq(leads.normalizedName, key.normalizedName),
        excludeId ? sql`${leads.id} <> ${excludeId}` : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * findDuplicate for many companies at once (an import's chunk): every lead with one of these normalised names or
 * credit codes — the same 撞单 rule, one query per key kind per chunk instead of one per row. Each list travels as one
 * JSON parameter joined to its unique index, one probe per key: the former `name IN (…500) OR code IN (…500)` was
 * planned as a pass over every lead whenever the statistics were missing or stale (during a large import, on a
 * server without autovacuum) — 300 ms a chunk at 140,000 leads, where the probes take 1–10 ms.
 */
export async function findDuplicates(db: DbOrTx, keys: { normalizedNames: string[]; creditCodes: string[] }) {
  const holding = (column: typeof leads.normalizedName | typeof leads.creditCode, values: string[]) =>
    values.length === 0
      ? []
      : db
          .select({
            id: leads.id,
            companyName: leads.companyName,
            normalizedName: leads.normalizedName,
            creditCode: leads.creditCode,
            ownerId: leads.ownerId,
            ownerName: users.displayName,
            protectionExpiresAt: leads.protectionExpiresAt,
            stage: leads.stage,
          })
          .from(leads)
          .innerJoin(users, eq(users.id, leads.ownerId))
          .where(inArray(column, sql`(select json_array_elements_text(${JSON.stringify(values)}::json))`));
  const byName = await holding(leads.normalizedName, keys.normalizedNames);
  const byCode = await holding(leads.creditCode, keys.creditCodes);
  const seen = new Set(byName.map((l) => l.id));
  return [...byName, ...byCode.filter((l) => !seen.has(l.id))];
}

export async function addStageHistory(
  db: DbOrTx,
  entry: { leadId: string; fromStage: LeadStage | null; toStage: LeadStage; reason?: string | null; changedBy: string; changedAt: Date },
) {
  await db.insert(leadStageHistory).values({ ...entry, reason: entry.reason ?? null });
}

export async function stageHistory(db: DbOrTx, leadId: string) {
  return db
    .select({ h: leadStageHistory, changedByName: users.displayName })
    .from(leadStageHistory)
    .innerJoin(users, eq(users.id, leadStageHistory.changedBy))
    .where(eq(leadStageHistory.leadId, leadId))
    .orderBy(asc(leadStageHistory.changedAt), asc(leadStageHistory.id));
}

/* The rows a lead's references name (checkReferences in the service says what must hold between them). */

export async function findIndustryId(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: industries.id }).from(industries).where(eq(industries.id, id));
  return row ?? null;
}

export async function findChainNode(db: DbOrTx, id: string) {
  const [node] = await db.select().from(chainNodes).where(eq(chainNodes.id, id));
  return node ?? null;
}

export async function findZoneId(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, id));
  return row ?? null;
}

export async function findPark(db: DbOrTx, id: string) {
  const [park] = await db.select().from(parks).where(eq(parks.id, id));
  return park ?? null;
}

export async function findAgentStatus(db: DbOrTx, id: string) {
  const [agent] = await db.select({ id: agents.id, status: agents.status }).from(agents).where(eq(agents.id, id));
  return agent ?? null;
}

export async function findEventId(db: DbOrTx, id: string) {
  const [event] = await db.select({ id: promotionEvents.id }).from(promotionEvents).where(eq(promotionEvents.id, id));
  return event ?? null;
}

/** The company's first project (not an expansion) of a signed lead. */
export async function firstProjectOf(db: DbOrTx, leadId: string) {
  const [first] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.leadId, leadId), isNull(projects.parentProjectId)));
  return first ?? null;
}

export async function insertLead(db: DbOrTx, values: typeof leads.$inferInsert) {
  const [row] = await db.insert(leads).values(values).returning({ id: leads.id });
  return row ?? null;
}

/** Writes an edit if the lead is still at the version the editor read; null when it is not (or is gone). */
export async function updateLeadAt(db: DbOrTx, id: string, version: number, set: Partial<typeof leads.$inferInsert>, now: Date) {
  const [row] = await db
    .update(leads)
    .set({ ...set, version: sql`${leads.version} + 1`, updatedAt: now })
    .where(and(eq(leads.id, id), eq(leads.version, version)))
    .returning({ id: leads.id });
  return row ?? null;
}

export async function setStage(db: DbOrTx, id: string, change: { stage: LeadStage; reason?: string | null; furthestRank: number }, now: Date) {
  await db
    .update(leads)
    .set({
      stage: change.stage,
      lostReason: change.stage === 'lost' ? (change.reason ?? null) : null,
      stageChangedAt: now,
      furthestStageRank: sql`greatest(${leads.furthestStageRank}, ${change.furthestRank})`,
      version: sql`${leads.version} + 1`,
      updatedAt: now,
    })
    .where(eq(leads.id, id));
}

/** Signed: the lead leaves every pool and clock for good; `stageChangedAt` is the day it was signed. */
export async function setSigned(db: DbOrTx, id: string, stageChangedAt: Date, now: Date) {
  await db
    .update(leads)
    .set({
      stage: 'signed',
      furthestStageRank: 4,
      protectionExpiresAt: null,
      // In 签约 since the day it was signed, not since the day someone recorded it (a back-dated signing).
      stageChangedAt,
      version: sql`${leads.version} + 1`,
      updatedAt: now,
    })
    .where(eq(leads.id, id));
}

/** A new owner protected until `protectionExpiresAt`; a reopened lead (claimed while lost) starts over at new. */
export async function setOwner(db: DbOrTx, id: string, change: { ownerId: string; protectionExpiresAt: Date | null; reopened?: boolean }, now: Date) {
  await db
    .update(leads)
    .set({
      ownerId: change.ownerId,
      protectionExpiresAt: change.protectionExpiresAt,
      ...(change.reopened ? { stage: 'new', lostReason: null, stageChangedAt: now } : {}),
      version: sql`${leads.version} + 1`,
      updatedAt: now,
    })
    .where(eq(leads.id, id));
}

export async function findUserRow(db: DbOrTx, id: string) {
  const [target] = await db.select().from(users).where(eq(users.id, id));
  return target ?? null;
}

/** The lead's row as stored, without a lock (the caller holds it, or has just written the row). */
export async function leadRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(leads).where(eq(leads.id, id));
  return row ?? null;
}

type ClockColumns = Pick<
  typeof leads.$inferInsert,
  'clockPhase' | 'clockStartedAt' | 'clockDueAt' | 'clockEpochAt' | 'respondedAt' | 'judgedAt' | 'judgementDecision' | 'feedbackAt' | 'lastReportAt' | 'isMajor'
>;

/** Writes the lead's stage clock and the facts it is computed from (the clocks module's syncClock computes them). */
export async function setClock(db: DbOrTx, id: string, clock: ClockColumns) {
  await db.update(leads).set(clock).where(eq(leads.id, id));
}

/** Something was recorded on the lead (a judgement, feedback): its version moves on. */
export async function touchLead(db: DbOrTx, id: string, now: Date) {
  await db
    .update(leads)
    .set({ version: sql`${leads.version} + 1`, updatedAt: now })
    .where(eq(leads.id, id));
}

/** An activity logged on the lead: its last contact, its next follow-up, and the protection it renews. */
export async function recordActivity(db: DbOrTx, id: string, activity: { nextFollowUpOn?: string | null; renewedUntil: Date | null }, now: Date) {
  const { nextFollowUpOn, renewedUntil } = activity;
  await db
    .update(leads)
    .set({
      lastActivityAt: now,
      ...(nextFollowUpOn ? { nextFollowUpOn } : {}),
      // Only ever extends: a back-dated visit does not shorten protection.
      ...(renewedUntil ? { protectionExpiresAt: sql`greatest(${leads.protectionExpiresAt}, ${renewedUntil.toISOString()}::timestamptz)` } : {}),
      version: sql`${leads.version} + 1`,
      updatedAt: now,
    })
    .where(eq(leads.id, id));
}

/** A 首报 dispute settled for the claimant (filings): the claimant recognised as first takes the (still open) lead, with fresh protection. */
export async function giveLeadTo(db: DbOrTx, leadId: string, set: { ownerId: string; protectionExpiresAt: Date; updatedAt: Date }) {
  await db
    .update(leads)
    .set({ ownerId: set.ownerId, protectionExpiresAt: set.protectionExpiresAt, version: sql`${leads.version} + 1`, updatedAt: set.updatedAt })
    .where(eq(leads.id, leadId));
}

/** 已备案 (filings: the investor's confirmation uploaded): the first confirmation's time stands. */
export async function markLeadFiled(db: DbOrTx, leadId: string, now: Date) {
  await db
    .update(leads)
    .set({ filedAt: sql`coalesce(${leads.filedAt}, ${now.toISOString()}::timestamptz)`, version: sql`${leads.version} + 1`, updatedAt: now })
    .where(eq(leads.id, leadId));
}
