import type { DbOrTx } from '@crm/db';
import {
  type CreateEventBody,
  divRoundHalfUp,
  type EventListQuery,
  invalid,
  notFound as sharedNotFound,
  notSaved,
  problem,
  type PromotionEvent,
  staleVersion,
  type UpdateEventBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

const READERS = ['staff', 'manager', 'finance', 'admin'] as const;
const notFound = () => sharedNotFound('promotion event');
const SCALE = 1_000_000n; // cost per signed ¥ to six decimals

type Figures = PromotionEvent['figures'];

/** Cost ÷ contract investment, exactly, rounded half up to 6 decimals ("0.000400"); null with nothing signed. */
export function costPerSignedYuan(costFen: number, contractFen: number | string | bigint): string | null {
  if (BigInt(contractFen) <= 0n) return null;
  const micros = divRoundHalfUp(BigInt(costFen) * SCALE, BigInt(contractFen));
  return `${micros / SCALE}.${(micros % SCALE).toString().padStart(6, '0')}`;
}

/**
 * What each event returned, counted on the leads that name it: leads, their visits and inspections, signed projects
 * and their contract investment — three grouped queries for any number of events.
 */
async function figuresOf(db: DbOrTx, events: { id: string; costFen: number }[]): Promise<Map<string, Figures>> {
  const ids = events.map((e) => e.id);
  const out = new Map<string, Figures>(
    events.map((e) => [e.id, { leads: 0, visits: 0, signedProjects: 0, contractInvestmentFen: '0', costFen: e.costFen, costPerSignedYuan: null }]),
  );
  if (!ids.length) return out;
  const { leadCounts, visitCounts, signed } = await repo.returnCounts(db, ids);
  for (const r of leadCounts) {
    const f = r.eventId ? out.get(r.eventId) : undefined;
    if (f) f.leads = r.n;
  }
  for (const r of visitCounts) {
    const f = r.eventId ? out.get(r.eventId) : undefined;
    if (f) f.visits = r.n;
  }
  for (const r of signed) {
    const f = r.eventId ? out.get(r.eventId) : undefined;
    if (!f) continue;
    f.signedProjects = r.n;
    f.contractInvestmentFen = r.fen;
  }
  for (const f of out.values()) f.costPerSignedYuan = costPerSignedYuan(f.costFen, f.contractInvestmentFen);
  return out;
}

/** Ranking by return: lowest cost per signed ¥ first, compared exactly (cross-multiplied); unsigned events unranked. */
function rankByReturn(list: { id: string; figures: Figures; heldOn: string }[]): Map<string, number> {
  const ranked = list
    .filter((e) => BigInt(e.figures.contractInvestmentFen) > 0n)
    .sort((a, b) => {
      const left = BigInt(a.figures.costFen) * BigInt(b.figures.contractInvestmentFen);
      const right = BigInt(b.figures.costFen) * BigInt(a.figures.contractInvestmentFen);
      const bigger = BigInt(b.figures.contractInvestmentFen) - BigInt(a.figures.contractInvestmentFen);
      return left < right ? -1 : left > right ? 1 : bigger > 0n ? 1 : bigger < 0n ? -1 : b.heldOn.localeCompare(a.heldOn);
    });
  return new Map(ranked.map((e, i) => [e.id, i + 1]));
}

async function loadEvents(db: DbOrTx, by: Parameters<typeof repo.eventRows>[1]): Promise<PromotionEvent[]> {
  const rows = await repo.eventRows(db, by);
  const staffIds = [...new Set(rows.flatMap((r) => r.e.staffIds))];
  const names = staffIds.length ? await repo.userNames(db, staffIds) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const figures = await figuresOf(
    db,
    rows.map((r) => ({ id: r.e.id, costFen: r.e.costFen })),
  );
  // The rank is over all events, not the filtered page: one scale for everyone who reads it.
  const all = await repo.allEventCosts(db);
  const allFigures = await figuresOf(db, all);
  const ranks = rankByReturn(
    all.flatMap((e) => {
      const f = allFigures.get(e.id);
      return f ? [{ id: e.id, heldOn: e.heldOn, figures: f }] : [];
    }),
  );
  return rows.map(({ e, zoneName }) => ({
    id: e.id,
    name: e.name,
    kind: e.kind as PromotionEvent['kind'],
    heldOn: e.heldOn,
    endsOn: e.endsOn,
    place: e.place,
    organiser: e.organiser,
    zoneId: e.zoneId,
    zoneName: zoneName ?? null,
    costFen: e.costFen,
    staffIds: e.staffIds,
    staffNames: e.staffIds.map((id) => nameOf.get(id) ?? ''),
    attendeeCount: e.attendeeCount,
    participants: e.participants,
    notes: e.notes,
    createdBy: e.createdBy,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    figures: figures.get(e.id) ?? { leads: 0, visits: 0, signedProjects: 0, contractInvestmentFen: '0', costFen: e.costFen, costPerSignedYuan: null },
    rank: ranks.get(e.id) ?? null,
  }));
}

export async function listEvents({ ctx, input }: { ctx: Ctx; input: z.infer<typeof EventListQuery> }) {
  requireRole(ctx, [...READERS], 'see promotion events');
  const q = input.q?.trim();
  const items = await loadEvents(ctx.db, { zoneId: input.zoneId, q });
  if (input.sort === 'return') items.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.heldOn.localeCompare(a.heldOn));
  return { items };
}

export async function getEvent({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx, [...READERS], 'see promotion events');
  const [event] = await loadEvents(ctx.db, { id });
  if (!event) throw notFound();
  const rows = await repo.eventLeads(ctx.db, id);
  return { ...event, leads: rows.map((r) => ({ ...r, contractInvestmentFen: r.contractInvestmentFen ?? null, signedOn: r.signedOn ?? null })) };
}

async function checkRefs(db: DbOrTx, input: { zoneId?: string | null; staffIds?: string[] }) {
  if (input.zoneId) {
    if (!(await repo.zoneExists(db, input.zoneId))) throw invalid('zoneId', 'DOES_NOT_EXIST', { entity: 'zone' });
  }
  const staff = [...new Set(input.staffIds ?? [])];
  if (staff.length) {
    const found = await repo.existingUsers(db, staff);
    if (found.length !== staff.length) throw invalid('staffIds', 'NOT_A_USER');
  }
}

export async function createEvent({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateEventBody> }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record promotion events');
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    await checkRefs(tx, input);
    const row = await repo.insertEvent(tx, {
      name: input.name,
      kind: input.kind,
      heldOn: input.heldOn,
      endsOn: input.endsOn ?? null,
      place: input.place,
      organiser: input.organiser,
      zoneId: input.zoneId ?? null,
      costFen: input.costFen,
      staffIds: [...new Set(input.staffIds)],
      attendeeCount: input.attendeeCount,
      participants: input.participants ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw notSaved('event');
    await audit(tx, ctx, { action: 'event.create', entityType: 'promotion_event', entityId: row.id, after: row });
    return row.id;
  });
  return getEvent({ ctx, id });
}

/** Its recorder or a manager edits an event; send the version you read. */
export async function updateEvent({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateEventBody> }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'edit promotion events');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockEvent(tx, id);
    if (!before) throw notFound();
    if (!hasRole(ctx, 'manager', 'admin') && before.createdBy !== ctx.actor.id) {
      throw problem('EVENT_NOT_RECORDER');
    }
    if (before.version !== input.version) throw staleVersion('event', before.version, input.version);
    await checkRefs(tx, input);
    const { version: _, ...changes } = input;
    const next = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    if (next.endsOn && next.endsOn < next.heldOn) throw invalid('endsOn', 'EVENT_ENDS_BEFORE_START');
    const after = await repo.updateEvent(tx, id, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), ctx.now());
    if (!after) throw notFound();
    await audit(tx, ctx, {
      action: 'event.update',
      entityType: 'promotion_event',
      entityId: id,
      ...diff(before as Record<string, unknown>, after as Record<string, unknown>),
    });
  });
  return getEvent({ ctx, id });
}
