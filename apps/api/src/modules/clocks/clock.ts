import type { DbOrTx, Tx } from '@crm/db';
import { addDays, clockOf, DEFAULT_CLOCK_RULES, isMajorInvestment, zoneDate, type CalendarOverrides, type ClockFacts, type ClockRules } from '@crm/shared';
import type { Ctx } from '../../lib/context.ts';
import * as leadRepo from '../leads/repository.ts';
import * as repo from './repository.ts';

type Zoned = Pick<Ctx, 'config'>;

export type ZoneRules = ClockRules & { managerId: string | null };

/** The zone's clock rules, or the defaults when it has none (or the lead names no zone). */
export async function rulesFor(db: DbOrTx, zoneId: string | null): Promise<ZoneRules> {
  if (zoneId) {
    const row = await repo.findZoneRules(db, zoneId);
    if (row) {
      return {
        respondDays: row.respondDays,
        judgeDays: row.judgeDays,
        judgeMajorDays: row.judgeMajorDays,
        feedbackDays: row.feedbackDays,
        reportEveryDays: row.reportEveryDays,
        majorThresholdFen: row.majorThresholdFen,
        managerId: row.managerId,
      };
    }
  }
  return { ...DEFAULT_CLOCK_RULES, managerId: null };
}

/** The calendar's exceptions from a day on, far enough ahead for any deadline the rules can set. */
export async function calendarFrom(db: DbOrTx, from: string): Promise<CalendarOverrides> {
  const rows = await repo.calendarBetween(db, from, addDays(from, 130));
  return new Map(rows.map((r) => [r.day, r.working]));
}

/**
 * The clock columns of a lead that starts now (created by hand, then synced; or imported in bulk): the same facts
 * and rules syncClock(tx, ctx, id, { epochAt }) uses, computed without a round trip per lead. `calendar` must hold
 * the calendar's exceptions from the epoch's day on (calendarFrom(db, that day)).
 */
export function startingClock(ctx: Zoned, rules: ClockRules, calendar: CalendarOverrides, lead: { estimatedInvestmentFen: number; epochAt: Date }) {
  const facts: ClockFacts = {
    stage: 'new',
    epochAt: lead.epochAt,
    respondedAt: null,
    judgedAt: null,
    decision: null,
    feedbackAt: null,
    lastReportAt: null,
    isMajor: isMajorInvestment(lead.estimatedInvestmentFen, rules),
  };
  const clock = clockOf(facts, rules, ctx.config.timeZone, calendar);
  return {
    clockPhase: clock?.state ?? null,
    clockStartedAt: clock?.startedAt ?? null,
    clockDueAt: clock?.dueAt ?? null,
    clockEpochAt: lead.epochAt,
    isMajor: facts.isMajor,
  };
}

/** Changes to the facts a clock is computed from; `resetCycle` starts over (a reopened lead is answered anew). */
export type FactPatch = {
  epochAt?: Date;
  respondedAt?: Date;
  judgedAt?: Date;
  decision?: 'follow' | 'decline';
  feedbackAt?: Date | null;
  lastReportAt?: Date;
  resetCycle?: boolean;
};

/**
 * Recomputes a lead's stage clock inside the caller's transaction (the lead row locked or just written): applies
 * the new facts, records the phase that the change completed in lead_clock_history, and writes the clock columns.
 * Every write that can move a clock calls this, so the stored deadline is always the one the rules give.
 */
export async function syncClock(tx: Tx, ctx: Zoned, leadId: string, patch: FactPatch = {}): Promise<void> {
  const row = await leadRepo.leadRow(tx, leadId);
  if (!row) return;
  const rules = await rulesFor(tx, row.zoneId);
  const reset = patch.resetCycle === true;
  const facts: ClockFacts = {
    stage: row.stage,
    epochAt: patch.epochAt ?? row.clockEpochAt ?? row.createdAt,
    respondedAt: reset ? null : (row.respondedAt ?? patch.respondedAt ?? null),
    judgedAt: reset ? null : (patch.judgedAt ?? row.judgedAt),
    decision: reset ? null : (patch.decision ?? (row.judgementDecision as ClockFacts['decision'])),
    feedbackAt: reset ? null : patch.feedbackAt !== undefined ? patch.feedbackAt : row.feedbackAt,
    lastReportAt: reset ? null : (patch.lastReportAt ?? row.lastReportAt),
    isMajor: isMajorInvestment(row.estimatedInvestmentFen, rules),
  };
  if (reset && patch.respondedAt) facts.respondedAt = patch.respondedAt;
  // Which phase and when it started do not depend on the calendar; its deadline does, from the start's day on.
  const phase = clockOf(facts, rules, ctx.config.timeZone);
  const clock = phase?.startedAt ? clockOf(facts, rules, ctx.config.timeZone, await calendarFrom(tx, zoneDate(phase.startedAt, ctx.config.timeZone))) : phase;

  // The phase this change completed: the one the lead was on, met by the fact that ends it.
  const met =
    row.clockPhase === 'respond' && !row.respondedAt && patch.respondedAt
      ? patch.respondedAt
      : row.clockPhase === 'judge' && patch.judgedAt
        ? patch.judgedAt
        : row.clockPhase === 'feedback' && patch.feedbackAt
          ? patch.feedbackAt
          : row.clockPhase === 'report' && patch.lastReportAt
            ? patch.lastReportAt
            : null;
  if (met && !reset && row.clockStartedAt && row.clockDueAt) {
    await repo.insertClockHistory(tx, {
      leadId,
      ownerId: row.ownerId,
      zoneId: row.zoneId,
      phase: row.clockPhase as string,
      startedAt: row.clockStartedAt,
      dueAt: row.clockDueAt,
      metAt: met,
      onTime: met < row.clockDueAt,
    });
  }

  // The clock columns are the lead's: the leads module writes them.
  await leadRepo.setClock(tx, leadId, {
    clockPhase: clock?.state ?? null,
    clockStartedAt: clock?.startedAt ?? null,
    clockDueAt: clock?.dueAt ?? null,
    clockEpochAt: facts.epochAt,
    respondedAt: facts.respondedAt,
    judgedAt: facts.judgedAt,
    judgementDecision: facts.decision,
    feedbackAt: facts.feedbackAt,
    lastReportAt: facts.lastReportAt,
    isMajor: facts.isMajor,
  });
}
