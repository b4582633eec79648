import { jobs, type Db } from '@crm/db';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';

export type Job = typeof jobs.$inferSelect;

/** Plans a job once: its key is unique, so a second plan of the same job (by any instance) is a no-op. */
export async function planJob(db: Db, job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown>; cursor?: Date | null; maxAttempts?: number }) {
  await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {}, cursor: job.cursor ?? null, maxAttempts: job.maxAttempts ?? 5 })
    .onConflictDoNothing({ target: jobs.key });
}

/**
 * Takes up to `limit` due jobs for this instance. FOR UPDATE SKIP LOCKED makes instances pass over rows another is
 * claiming this very moment, and the lease (locked_until) keeps a claimed job from being taken again while it runs —
 * until the lease runs out, which is how the job of an instance that died is picked up by another.
 */
export async function claimDue(db: Db, now: Date, owner: string, limit: number, leaseMs: number): Promise<Job[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.status, ['pending', 'running']), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(jobs)
      .set({ status: 'running', lockedUntil: new Date(now.getTime() + leaseMs), lockedBy: owner, attempts: sql`${jobs.attempts} + 1`, updatedAt: now })
      .where(inArray(
        jobs.id,
        due.map((d) => d.id),
      ))
      .returning();
  });
}

/** A recurring job done for now: it runs again at `next`, its window closed at `cursor`. Only the lease holder may. */
export async function reschedule(db: Db, job: Job, owner: string, next: Date, cursor: Date | null, now: Date) {
  await db
    .update(jobs)
    .set({ status: 'pending', runAt: next, lockedUntil: null, lockedBy: null, attempts: 0, cursor, lastError: null, finishedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}

export async function complete(db: Db, job: Job, owner: string, now: Date) {
  await db
    .update(jobs)
    .set({ status: 'done', lockedUntil: null, finishedAt: now, lastError: null, updatedAt: now })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}

/**
 * A failed attempt is recorded, never thrown at the tick: it is tried again after a growing pause (1, 2, 4 … minutes,
 * at most an hour) until maxAttempts, then left failed with its last error for an administrator to see.
 */
export async function fail(db: Db, job: Job, owner: string, error: unknown, now: Date, recurringEveryMs?: number) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const finalFailure = !recurringEveryMs && job.attempts >= job.maxAttempts;
  const pause = recurringEveryMs ?? Math.min(60, 2 ** Math.max(0, job.attempts - 1)) * 60_000;
  await db
    .update(jobs)
    .set({
      status: finalFailure ? 'failed' : 'pending',
      runAt: new Date(now.getTime() + pause),
      lockedUntil: null,
      lockedBy: null,
      lastError: message,
      finishedAt: finalFailure ? now : null,
      ...(recurringEveryMs ? { attempts: 0 } : {}),
      updatedAt: now,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}
