import type { Db } from '@crm/db';
import type { AppConfig } from '../../lib/context.ts';
import { syncClock } from '../clocks/clock.ts';
import * as repo from './repository.ts';

/**
 * Gives a clock to open leads that have none: leads from before the clocks existed, and leads written straight
 * into the database (the demo, imports). The rules take effect from now — nobody is late on day one for a rule that
 * did not exist — but what already happened counts: a lead already contacted is on its 研判 clock.
 * Returns how many leads it did (it does at most `limit` a run; the partial index makes the empty case instant).
 */
export async function backfillClocks(db: Db, config: AppConfig, now: Date, limit = 1000): Promise<number> {
  const batch = await repo.leadsWithoutClock(db, limit);
  if (batch.length === 0) return 0;
  const ids = batch.map((b) => b.id);
  const contacted = await repo.firstActivities(db, ids);
  const movedOn = await repo.firstMovesOn(db, ids);
  const firstResponse = new Map<string, Date>();
  for (const r of [...contacted, ...movedOn]) {
    const seen = firstResponse.get(r.leadId);
    if (!seen || r.at < seen) firstResponse.set(r.leadId, r.at);
  }
  await db.transaction(async (tx) => {
    for (const lead of batch) {
      const responded = firstResponse.get(lead.id) ?? (lead.stage !== 'new' ? now : undefined);
      await syncClock(tx, { config }, lead.id, { epochAt: now, ...(responded ? { respondedAt: responded } : {}) });
    }
  });
  return batch.length;
}
