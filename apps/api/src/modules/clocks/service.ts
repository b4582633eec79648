import {
  type CalendarDayBody,
  DEFAULT_CLOCK_RULES,
  type FeedbackBody,
  invalid,
  type JudgementBody,
  notFound,
  notSaved,
  type OverdueSummaryQuery,
  problem,
  staleVersion,
  type TimingsQuery,
  type ZoneClockRulesBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { dateOf, dayEnd, dayStart, momentOf, today } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { assertCanWrite, getLead } from '../leads/service.ts';
import { rulesFor, syncClock } from './clock.ts';
import * as repo from './repository.ts';

const EVERYONE = ['staff', 'manager', 'finance', 'admin'] as const;
const leadNotFound = () => notFound('lead');
const DAY = 86_400_000;

/** A lead's clock with the judgements, feedback and ended clocks behind it (read permission on the lead). */
export async function leadClock({ ctx, leadId }: { ctx: Ctx; leadId: string }) {
  const lead = await getLead({ ctx, id: leadId });
  const rules = await rulesFor(ctx.db, lead.zoneId);
  const judgements = await repo.judgementsOf(ctx.db, leadId);
  const feedbacks = await repo.feedbacksOf(ctx.db, leadId);
  const history = await repo.clockHistoryOf(ctx.db, leadId);
  const { managerId: _, ...fields } = rules;
  return {
    clock: lead.clock,
    isMajor: lead.isMajor,
    rules: fields,
    judgements: judgements.map(({ j, name }) => ({
      id: j.id,
      leadId: j.leadId,
      dimensions: j.dimensions as Record<string, { rating: 'favourable' | 'neutral' | 'unfavourable'; note?: string | null }>,
      decision: j.decision as 'follow' | 'decline',
      reason: j.reason,
      expertReview: j.expertReview,
      judgedBy: j.judgedBy,
      judgedByName: name,
      judgedAt: j.judgedAt.toISOString(),
    })),
    feedbacks: feedbacks.map(({ f, name }) => ({
      id: f.id,
      leadId: f.leadId,
      judgementId: f.judgementId,
      recipientKind: f.recipientKind as 'investor' | 'referrer',
      recipientName: f.recipientName,
      method: f.method as 'phone',
      givenOn: f.givenOn,
      summary: f.summary,
      givenBy: f.givenBy,
      givenByName: name,
      createdAt: f.createdAt.toISOString(),
    })),
    history: history.map(({ h, name }) => ({
      id: h.id,
      phase: h.phase as 'respond',
      ownerId: h.ownerId,
      ownerName: name,
      startedAt: h.startedAt.toISOString(),
      dueAt: h.dueAt.toISOString(),
      metAt: h.metAt.toISOString(),
      onTime: h.onTime,
    })),
  };
}

/** Locks an open lead the actor may write, for a clock step. */
async function openLeadFor(ctx: Ctx, tx: Parameters<Parameters<Ctx['db']['transaction']>[0]>[0], leadId: string, what: string) {
  const locked = await leadRepo.lockLead(tx, leadId);
  if (!locked) throw leadNotFound();
  const lead = await leadRepo.findLead(tx, leadId, momentOf(ctx));
  if (!lead) throw leadNotFound();
  assertCanWrite(ctx, lead, what);
  if (lead.stage === 'signed' || lead.stage === 'lost') {
    throw problem('LEAD_NOT_OPEN', { stage: lead.stage, action: what });
  }
  return lead;
}

/**
 * 研判: a structured judgement with the decision to follow or not. It also answers a lead not yet answered (no one
 * judges a company without having engaged with it); a new judgement restarts the 反馈 clock.
 */
export async function judge({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof JudgementBody> }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'judge leads');
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const lead = await openLeadFor(ctx, tx, leadId, 'judge this lead');
    const row = await repo.insertJudgement(tx, {
      leadId,
      dimensions: input.dimensions,
      decision: input.decision,
      reason: input.reason,
      expertReview: input.expertReview,
      judgedBy: ctx.actor.id,
      judgedAt: now,
    });
    if (!row) throw notSaved('judgement');
    if (lead.clock?.state === 'respond') await syncClock(tx, ctx, leadId, { respondedAt: now });
    await syncClock(tx, ctx, leadId, { judgedAt: now, decision: input.decision, feedbackAt: null });
    await leadRepo.touchLead(tx, leadId, now);
    await audit(tx, ctx, {
      action: 'lead.judge',
      entityType: 'lead',
      entityId: leadId,
      after: { judgementId: row.id, decision: input.decision, reason: input.reason, dimensions: input.dimensions },
    });
    return row.id;
  });
  const detail = await leadClock({ ctx, leadId });
  const judgement = detail.judgements.find((j) => j.id === id);
  if (!judgement) throw notSaved('judgement');
  return judgement;
}

/** 反馈: the latest judgement told to the investor or referrer. It needs a judgement to report. */
export async function giveFeedback({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof FeedbackBody> }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'record feedback');
  const now = ctx.now();
  if (input.givenOn > today(ctx)) throw invalid('givenOn', 'FUTURE_FEEDBACK');
  const id = await ctx.db.transaction(async (tx) => {
    await openLeadFor(ctx, tx, leadId, 'record feedback on this lead');
    const latest = await repo.latestJudgement(tx, leadId);
    if (!latest) throw problem('LEAD_NOT_JUDGED');
    if (input.givenOn < dateOf(ctx, latest.judgedAt)) throw invalid('givenOn', 'BEFORE_JUDGEMENT', { date: dateOf(ctx, latest.judgedAt) });
    const row = await repo.insertFeedback(tx, {
      leadId,
      judgementId: latest.id,
      recipientKind: input.recipientKind,
      recipientName: input.recipientName,
      method: input.method,
      givenOn: input.givenOn,
      summary: input.summary,
      givenBy: ctx.actor.id,
      createdAt: now,
    });
    if (!row) throw notSaved('feedback');
    await syncClock(tx, ctx, leadId, { feedbackAt: now });
    await leadRepo.touchLead(tx, leadId, now);
    await audit(tx, ctx, {
      action: 'lead.feedback',
      entityType: 'lead',
      entityId: leadId,
      after: {
        feedbackId: row.id,
        judgementId: latest.id,
        recipientKind: input.recipientKind,
        recipientName: input.recipientName,
        method: input.method,
        givenOn: input.givenOn,
      },
    });
    return row.id;
  });
  const detail = await leadClock({ ctx, leadId });
  const feedback = detail.feedbacks.find((f) => f.id === id);
  if (!feedback) throw notSaved('feedback');
  return feedback;
}

/** The webhook URL carries the robot's key: administrators see it whole, others only its host. */
function maskUrl(url: string | null, admin: boolean): string | null {
  if (!url) return null;
  if (admin) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

/** Every zone's clock rules (its own, or the defaults), with its robot and responsible manager. */
export async function listRules({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, [...EVERYONE], 'see the clock rules');
  const admin = hasRole(ctx, 'admin');
  const rows = await repo.zonesWithRules(ctx.db);
  return {
    defaults: DEFAULT_CLOCK_RULES,
    items: rows.map(({ zone, rules, managerName }) => ({
      zoneId: zone.id,
      zoneName: zone.name,
      isDefault: !rules,
      respondDays: rules?.respondDays ?? DEFAULT_CLOCK_RULES.respondDays,
      judgeDays: rules?.judgeDays ?? DEFAULT_CLOCK_RULES.judgeDays,
      judgeMajorDays: rules?.judgeMajorDays ?? DEFAULT_CLOCK_RULES.judgeMajorDays,
      feedbackDays: rules?.feedbackDays ?? DEFAULT_CLOCK_RULES.feedbackDays,
      reportEveryDays: rules?.reportEveryDays ?? DEFAULT_CLOCK_RULES.reportEveryDays,
      majorThresholdFen: rules?.majorThresholdFen ?? DEFAULT_CLOCK_RULES.majorThresholdFen,
      managerId: rules?.managerId ?? null,
      managerName: managerName ?? null,
      webhook: {
        kind: (rules?.webhookKind as 'wecom' | 'dingtalk' | null) ?? null,
        configured: !!rules?.webhookUrl,
        url: maskUrl(rules?.webhookUrl ?? null, admin),
        secretSet: !!rules?.webhookSecret,
      },
      digestHour: rules?.digestHour ?? 9,
      version: rules?.version ?? 0,
    })),
  };
}

/**
 * Sets a zone's clock rules and digest robot (admin). Deadlines already given keep their date (people were told
 * it, and reminders were keyed to it); the new rules apply to clocks that start from now on.
 */
export async function setRules({ ctx, zoneId, input }: { ctx: Ctx; zoneId: string; input: z.infer<typeof ZoneClockRulesBody> }) {
  requireRole(ctx, ['admin'], 'set clock rules and robots');
  await ctx.db.transaction(async (tx) => {
    const zone = await repo.findZoneId(tx, zoneId);
    if (!zone) throw notFound('zone');
    if (input.managerId) {
      const manager = await repo.findUserRoles(tx, input.managerId);
      if (!manager?.active || !manager.roles.includes('manager')) throw invalid('managerId', 'MANAGER_ROLE');
    }
    const before = await repo.lockZoneRules(tx, zoneId);
    if (before && input.version !== undefined && input.version !== before.version) throw staleVersion('zone clock rules', before.version, input.version);
    if (before && input.version === undefined) throw staleVersion('zone clock rules', before.version, 0);
    const webhookUrl = input.webhookUrl === undefined ? (before?.webhookUrl ?? null) : input.webhookUrl;
    const webhookSecret = input.webhookSecret === undefined ? (before?.webhookSecret ?? null) : input.webhookSecret || null;
    if (webhookUrl && !input.webhookKind) throw invalid('webhookKind', 'ROBOT_KIND');
    const values = {
      respondDays: input.respondDays,
      judgeDays: input.judgeDays,
      judgeMajorDays: input.judgeMajorDays,
      feedbackDays: input.feedbackDays,
      reportEveryDays: input.reportEveryDays,
      majorThresholdFen: input.majorThresholdFen,
      managerId: input.managerId,
      webhookKind: webhookUrl ? input.webhookKind : null,
      webhookUrl,
      webhookSecret: webhookUrl ? webhookSecret : null,
      digestHour: input.digestHour,
    };
    if (before) await repo.updateZoneRules(tx, zoneId, values);
    else await repo.insertZoneRules(tx, zoneId, values);
    // The trail says that the robot changed, never its key.
    const redact = (v: { webhookUrl?: string | null; webhookSecret?: string | null } | null) =>
      v ? { ...v, webhookUrl: maskUrl(v.webhookUrl ?? null, false), webhookSecret: v.webhookSecret ? '***' : null } : null;
    await audit(tx, ctx, { action: 'zone.clock_rules', entityType: 'zone', entityId: zoneId, before: redact(before), after: redact(values) });
  });
  const all = await listRules({ ctx });
  const mine = all.items.find((r) => r.zoneId === zoneId);
  if (!mine) throw notSaved('rules');
  return mine;
}

export async function listCalendar({ ctx, year }: { ctx: Ctx; year: number }) {
  requireRole(ctx, [...EVERYONE], 'see the working calendar');
  const rows = await repo.calendarOfYear(ctx.db, year);
  return { items: rows.map((r) => ({ day: r.day, working: r.working, note: r.note })) };
}

/** A holiday (rest day) or a weekend worked in exchange (调休); applies to deadlines set from now on. */
export async function setCalendarDay({ ctx, day, input }: { ctx: Ctx; day: string; input: z.infer<typeof CalendarDayBody> }) {
  requireRole(ctx, ['admin'], 'edit the working calendar');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findCalendarDay(tx, day);
    await repo.upsertCalendarDay(tx, { day, working: input.working, note: input.note ?? null });
    await audit(tx, ctx, {
      action: 'calendar.set',
      entityType: 'calendar',
      entityId: '00000000-0000-0000-0000-000000000000',
      before: before ?? null,
      after: { day, ...input },
    });
    return { day, working: input.working, note: input.note ?? null };
  });
}

export async function removeCalendarDay({ ctx, day }: { ctx: Ctx; day: string }) {
  requireRole(ctx, ['admin'], 'edit the working calendar');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.deleteCalendarDay(tx, day);
    if (!before) throw problem('CALENDAR_DAY_NOT_FOUND', { day });
    await audit(tx, ctx, { action: 'calendar.remove', entityType: 'calendar', entityId: '00000000-0000-0000-0000-000000000000', before, after: null });
  });
  return { ok: true as const };
}

/**
 * Overdue counts per person, per zone and per phase (managers): one grouped, index-only pass over the running
 * clocks (leads_clock_due_idx). A lead lapsed into the public pool is nobody's to be late on.
 */
export async function overdueSummary({ ctx, input }: { ctx: Ctx; input: z.infer<typeof OverdueSummaryQuery> }) {
  requireRole(ctx, ['manager', 'admin'], 'see overdue counts');
  const now = ctx.now();
  const endOfToday = dayEnd(ctx, today(ctx));
  const dayAgo = new Date(now.getTime() - DAY);
  const rows = await repo.overdueCounts(ctx.db, { now, endOfToday, dayAgo, zoneId: input.zoneId });
  type Counts = { running: number; dueToday: number; overdue: number; escalated: number };
  const zero = (): Counts => ({ running: 0, dueToday: 0, overdue: 0, escalated: 0 });
  const add = (into: Counts, r: Counts) => {
    into.running += r.running;
    into.dueToday += r.dueToday;
    into.overdue += r.overdue;
    into.escalated += r.escalated;
  };
  const totals = zero();
  const byOwner = new Map<string, Counts>();
  const byZone = new Map<string, Counts>();
  const byPhase = new Map<string, Counts>();
  for (const r of rows) {
    add(totals, r);
    const o = byOwner.get(r.ownerId) ?? zero();
    add(o, r);
    byOwner.set(r.ownerId, o);
    const z = byZone.get(r.zoneId ?? '') ?? zero();
    add(z, r);
    byZone.set(r.zoneId ?? '', z);
    const p = byPhase.get(r.phase ?? '') ?? zero();
    add(p, r);
    byPhase.set(r.phase ?? '', p);
  }
  const names = byOwner.size ? await repo.userNames(ctx.db, [...byOwner.keys()]) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const zoneRows = await repo.zoneNames(ctx.db);
  const zoneName = new Map(zoneRows.map((z) => [z.id, z.name]));
  const worstFirst = (a: Counts, b: Counts) => b.overdue - a.overdue || b.escalated - a.escalated || b.running - a.running;
  return {
    asOf: now.toISOString(),
    totals,
    byOwner: [...byOwner.entries()]
      .map(([ownerId, c]) => ({ ownerId, ownerName: nameOf.get(ownerId) ?? '', ...c }))
      .sort((a, b) => worstFirst(a, b) || a.ownerName.localeCompare(b.ownerName, 'zh-CN')),
    byZone: [...byZone.entries()]
      .map(([zoneId, c]) => ({ zoneId: zoneId || null, zoneName: zoneId ? (zoneName.get(zoneId) ?? null) : null, ...c }))
      .sort((a, b) => worstFirst(a, b) || (a.zoneName ?? '').localeCompare(b.zoneName ?? '', 'zh-CN')),
    byPhase: (['respond', 'judge', 'feedback', 'report'] as const).map((phase) => ({ phase, ...(byPhase.get(phase) ?? zero()) })),
  };
}

/**
 * Time-to-respond and time-to-judge medians per person for clocks that ended in a date range (the zone's days),
 * with on-time counts: what the performance metrics read. Staff see their own row.
 */
export async function timings({ ctx, input }: { ctx: Ctx; input: z.infer<typeof TimingsQuery> }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'see clock timings');
  const start = dayStart(ctx, input.from);
  const end = dayEnd(ctx, input.to);
  const seesAll = hasRole(ctx, 'manager', 'admin');
  const rows = await repo.timingRows(ctx.db, { start, end, ownerId: seesAll ? undefined : ctx.actor.id });
  const round = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    from: input.from,
    to: input.to,
    rows: rows.map((r) => ({
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      respondMedianHours: round(r.respond),
      judgeMedianHours: round(r.judge),
      met: r.met,
      onTime: r.onTime,
      late: r.met - r.onTime,
    })),
  };
}
