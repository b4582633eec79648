import type { DbOrTx } from '@crm/db';
import { type CompanyReport, type Dispute, type DisputeBody, type DisputeListQuery, notFound, notSaved, problem, type SettleBody } from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { endOfDayPlus, today } from '../../lib/dates.ts';
import { syncClock } from '../clocks/clock.ts';
import { managersFor, notify } from '../inbox/notify.ts';
import * as leadRepo from '../leads/repository.ts';
import { getLead } from '../leads/service.ts';
import * as repo from './repository.ts';

const toReports = (rows: Awaited<ReturnType<typeof repo.reportsOfLead>>): CompanyReport[] =>
  rows.map(({ r, name, zoneName }) => ({
    id: r.id,
    leadId: r.leadId,
    reportedBy: r.reportedBy,
    reportedByName: name,
    reportedAt: r.reportedAt.toISOString(),
    zoneId: r.zoneId,
    zoneName,
    companyName: r.companyName,
    channel: r.channel,
    note: r.note,
    isFirst: r.isFirst,
  }));

async function loadDisputes(db: DbOrTx, by: Parameters<typeof repo.disputeRows>[1]): Promise<Dispute[]> {
  const rows = await repo.disputeRows(db, by);
  const ids = [...new Set(rows.flatMap(({ d }) => [d.firstReportId, d.claimReportId]))];
  const reports = ids.length ? toReports(await repo.reportsByIds(db, ids)) : [];
  const byId = new Map(reports.map((r) => [r.id, r]));
  return rows.flatMap(({ d, raisedByName, settledByName, companyName }) => {
    const firstReport = byId.get(d.firstReportId);
    const claimReport = byId.get(d.claimReportId);
    if (!firstReport || !claimReport) return [];
    return [
      {
        id: d.id,
        leadId: d.leadId,
        companyName,
        firstReport,
        claimReport,
        raisedBy: d.raisedBy,
        raisedByName,
        reason: d.reason,
        status: d.status as Dispute['status'],
        settledBy: d.settledBy,
        settledByName: settledByName ?? null,
        settledAt: d.settledAt?.toISOString() ?? null,
        settlementNote: d.settlementNote,
        createdAt: d.createdAt.toISOString(),
      },
    ];
  });
}

/** Who reported the company first, and every later report and dispute (read permission on the lead). */
export async function leadReports({ ctx, leadId }: { ctx: Ctx; leadId: string }) {
  await getLead({ ctx, id: leadId });
  const all = toReports(await repo.reportsOfLead(ctx.db, leadId));
  return { first: all.find((r) => r.isFirst) ?? null, later: all.filter((r) => !r.isFirst), disputes: await loadDisputes(ctx.db, { leadId }) };
}

/**
 * Two units claiming one company: the later reporter disputes the first report. Only the person who made the
 * later report may raise it (they need not be able to read the lead: it is someone else's); one open dispute per lead.
 */
export async function raiseDispute({ ctx, leadId, input }: { ctx: Ctx; leadId: string; input: z.infer<typeof DisputeBody> }): Promise<Dispute> {
  requireRole(ctx, ['staff', 'manager'], 'dispute a first report');
  const id = await ctx.db.transaction(async (tx) => {
    const claim = await repo.findReport(tx, input.claimReportId);
    if (!claim || claim.leadId !== leadId) throw problem('NOT_FOUND_ON', { entity: 'report', parent: 'lead' });
    if (claim.reportedBy !== ctx.actor.id) throw problem('DISPUTE_NOT_REPORTER');
    if (claim.isFirst) throw problem('REPORT_ALREADY_FIRST');
    const first = await repo.firstReportOf(tx, leadId);
    if (!first) throw problem('NO_FIRST_REPORT');
    const open = await repo.openDisputeOf(tx, leadId);
    if (open) throw problem('DISPUTE_OPEN', {}, { disputeId: open.id });
    const row = await repo.insertDispute(tx, {
      leadId,
      firstReportId: first.id,
      claimReportId: claim.id,
      raisedBy: ctx.actor.id,
      reason: input.reason,
      createdAt: ctx.now(),
    });
    if (!row) throw notSaved('dispute');
    const lead = await repo.leadCompanyName(tx, leadId);
    const firstBy = await repo.userName(tx, first.reportedBy);
    const managers = (await managersFor(tx, null)).filter((m) => m !== ctx.actor.id && m !== first.reportedBy);
    await notify(
      tx,
      managers.map((userId) => ({
        userId,
        kind: 'dispute_raised' as const,
        subjectType: 'dispute' as const,
        subjectId: row.id,
        key: 'raised',
        params: { leadId, companyName: lead?.companyName ?? '', claimantName: ctx.actor.displayName, firstReporterName: firstBy?.name ?? '' },
      })),
    );
    await audit(tx, ctx, {
      action: 'dispute.raise',
      entityType: 'lead',
      entityId: leadId,
      after: { disputeId: row.id, firstReportId: first.id, claimReportId: claim.id, reason: input.reason },
    });
    return row.id;
  });
  const [dispute] = await loadDisputes(ctx.db, { id });
  if (!dispute) throw notSaved('dispute');
  return dispute;
}

export async function listDisputes({ ctx, input }: { ctx: Ctx; input: z.infer<typeof DisputeListQuery> }) {
  requireRole(ctx, ['manager', 'admin'], 'see disputes');
  return { items: await loadDisputes(ctx.db, { status: input.status }) };
}

/**
 * A manager settles a dispute, once: the first report stands, or the claimant is recognised as first — then the
 * first-report mark moves to the claimant's report and the lead (still open) goes to the claimant. A manager who is a
 * party (either reporter, the raiser or the lead's owner) cannot settle it. Locked, so two settlements cannot both win.
 */
export async function settleDispute({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof SettleBody> }): Promise<Dispute> {
  requireRole(ctx, ['manager'], 'settle disputes');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const d = await repo.lockDispute(tx, id);
    if (!d) throw notFound('dispute');
    if (d.status !== 'open') throw problem('DISPUTE_SETTLED', {}, { status: d.status });
    const first = await repo.findReport(tx, d.firstReportId);
    const claim = await repo.findReport(tx, d.claimReportId);
    const lead = await leadRepo.lockLead(tx, d.leadId);
    if (!first || !claim || !lead) throw notFound('dispute');
    const parties = new Set([first.reportedBy, claim.reportedBy, d.raisedBy, lead.ownerId]);
    if (parties.has(ctx.actor.id)) throw problem('DISPUTE_PARTY');
    let reassigned: { from: string; to: string } | null = null;
    if (input.outcome === 'claimant_first') {
      // The partial unique index allows one first report: clear the old mark before setting the new one.
      await repo.setFirstMark(tx, first.id, false);
      await repo.setFirstMark(tx, claim.id, true);
      const claimant = await repo.userAccess(tx, claim.reportedBy);
      const open = lead.stage !== 'signed' && lead.stage !== 'lost';
      if (open && claimant?.active && claimant.roles.includes('staff') && lead.ownerId !== claimant.id) {
        await leadRepo.giveLeadTo(tx, lead.id, {
          ownerId: claimant.id,
          protectionExpiresAt: endOfDayPlus(ctx, today(ctx), ctx.config.protectionDays),
          updatedAt: now,
        });
        await syncClock(tx, ctx, lead.id, { epochAt: now });
        reassigned = { from: lead.ownerId, to: claimant.id };
      }
    }
    await repo.settle(tx, id, { status: input.outcome, settledBy: ctx.actor.id, settledAt: now, settlementNote: input.note });
    await notify(
      tx,
      [...new Set([first.reportedBy, claim.reportedBy])].map((userId) => ({
        userId,
        kind: 'dispute_settled' as const,
        subjectType: 'dispute' as const,
        subjectId: id,
        key: 'settled',
        params: { leadId: lead.id, companyName: lead.companyName, outcome: input.outcome },
      })),
    );
    await audit(tx, ctx, {
      action: 'dispute.settle',
      entityType: 'lead',
      entityId: lead.id,
      before: { disputeId: id, status: 'open', firstReportId: first.id, ownerId: lead.ownerId },
      after: {
        disputeId: id,
        status: input.outcome,
        note: input.note,
        firstReportId: input.outcome === 'claimant_first' ? claim.id : first.id,
        ownerId: reassigned?.to ?? lead.ownerId,
      },
    });
  });
  const [dispute] = await loadDisputes(ctx.db, { id });
  if (!dispute) throw notSaved('dispute');
  return dispute;
}
