import type { Tx } from '@crm/db';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

/** The lead's creation is the company's first report (首报): dated, owned, settling who reported it first. */
export async function recordFirstReport(
  tx: Tx,
  r: { leadId: string; reportedBy: string; reportedAt: Date; zoneId: string | null; companyName: string; channel: string },
): Promise<void> {
  await repo.insertFirstReport(tx, r);
}

/**
 * A later report of a company already reported (the 撞单 409): logged against the first one so it is not lost —
 * by whom, when, for which zone. The lead's own owner re-entering it is not a report of anything new.
 */
export async function recordLaterReport(ctx: Ctx, r: { leadId: string; companyName: string; zoneId: string | null; channel: string }): Promise<string | null> {
  return ctx.db.transaction(async (tx) => {
    const lead = await repo.leadOwner(tx, r.leadId);
    if (!lead || lead.ownerId === ctx.actor.id) return null;
    const row = await repo.insertLaterReport(tx, {
      leadId: r.leadId,
      reportedBy: ctx.actor.id,
      reportedAt: ctx.now(),
      zoneId: r.zoneId,
      companyName: r.companyName,
      channel: r.channel,
    });
    if (!row) return null;
    await audit(tx, ctx, {
      action: 'lead.report_later',
      entityType: 'lead',
      entityId: r.leadId,
      after: { reportId: row.id, companyName: r.companyName, zoneId: r.zoneId },
    });
    return row.id;
  });
}
