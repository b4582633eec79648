import { randomUUID } from 'node:crypto';
import type { Db } from '@crm/db';
import type { FastifyBaseLogger } from 'fastify';
import { zoneDate } from '@crm/shared';
import type { AppConfig } from '../../lib/context.ts';
import { backfillClocks } from './backfill.ts';
import { sendDigest } from './digest.ts';
import { complete, fail, lease, lockDue, planJob, reschedule, type Job } from './repository.ts';
import { scanReminders } from './reminders.ts';

export type TickResult = { ran: { kind: string; key: string; ok: boolean; error?: string }[]; notifications: number };

export type Scheduler = {
  /** This instance's name in jobs.locked_by. */
  readonly instanceId: string;
  /** One pass: plans the recurring jobs, claims what is due and runs it. Tests call this instead of waiting. */
  tick: () => Promise<TickResult>;
  start: () => void;
  stop: () => Promise<void>;
};

const LEASE_MS = 5 * 60_000;
const BACKFILL_BUDGET_MS = 20_000;

/** A job that must not be tried again. */
class GiveUp extends Error {}
/** A fresh install's first window: a day back, so it does not flood inboxes with every deadline ever missed. */
const FIRST_WINDOW_MS = 86_400_000;

/**
 * Takes up to `limit` due jobs for this instance. FOR UPDATE SKIP LOCKED makes instances pass over rows another is
 * claiming this very moment, and the lease (locked_until) keeps a claimed job from being taken again while it runs —
 * until the lease runs out, which is how the job of an instance that died is picked up by another.
 */
async function claimDue(db: Db, now: Date, owner: string, limit: number, leaseMs: number): Promise<Job[]> {
  return db.transaction(async (tx) => {
    const due = await lockDue(tx, now, limit);
    if (due.length === 0) return [];
    return lease(
      tx,
      due.map((d) => d.id),
      owner,
      new Date(now.getTime() + leaseMs),
      now,
    );
  });
}

export function createScheduler(deps: { db: Db; config: AppConfig; log?: FastifyBaseLogger }): Scheduler {
  const { db, config } = deps;
  const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickResult> | null = null;

  async function run(job: Job, now: Date, result: TickResult) {
    const every = config.scheduler.intervalMs;
    try {
      if (job.kind === 'reminders') {
        const from = job.cursor ?? new Date(now.getTime() - FIRST_WINDOW_MS);
        // A clock moved backwards (a test, a corrected server time) never narrows the window to nothing forever.
        const to = now > from ? now : from;
        result.notifications += await scanReminders(db, config, { from, to });
        // Due again half an interval on: the next timer tick (of this or another instance) always finds it due.
        await reschedule(db, job, instanceId, new Date(now.getTime() + Math.floor(every / 2)), to, now);
      } else if (job.kind === 'clock_backfill') {
        // Batches until none are left or this pass has spent its budget (a first start on a million leads takes
        // several passes; every later pass finds nothing at once).
        const until = Date.now() + BACKFILL_BUDGET_MS;
        while ((await backfillClocks(db, config, now)) > 0 && Date.now() < until);
        await reschedule(db, job, instanceId, new Date(now.getTime() + Math.floor(every / 2)), null, now);
      } else if (job.kind === 'digest') {
        const payload = job.payload as { zoneId: string; date: string };
        // A daily digest that missed its day is not sent the day after: it would be yesterday's news.
        if (payload.date < zoneDate(now, config.timeZone)) throw new GiveUp(`the day of this digest (${payload.date}) is over; it was not sent`);
        await sendDigest(db, config, payload, now);
        await complete(db, job, instanceId, now);
      } else {
        await complete(db, job, instanceId, now);
      }
      result.ran.push({ kind: job.kind, key: job.key, ok: true });
    } catch (error) {
      const recurring = job.kind === 'reminders' || job.kind === 'clock_backfill';
      await fail(db, error instanceof GiveUp ? { ...job, attempts: job.maxAttempts } : job, instanceId, error, now, recurring ? every : undefined).catch(
        (e: unknown) => deps.log?.error({ err: e }, 'could not record a job failure'),
      );
      deps.log?.warn({ err: error, job: job.key }, 'scheduled job failed');
      result.ran.push({ kind: job.kind, key: job.key, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function tickOnce(): Promise<TickResult> {
    const result: TickResult = { ran: [], notifications: 0 };
    const now = config.clock.now();
    await planJob(db, { kind: 'clock_backfill', key: 'clock_backfill', runAt: now });
    await planJob(db, { kind: 'reminders', key: 'reminders', runAt: now });
    // Claimed one at a time, so a second instance can take the next job while this one works.
    for (let i = 0; i < 20; i++) {
      const [job] = await claimDue(db, config.clock.now(), instanceId, 1, LEASE_MS);
      if (!job) break;
      await run(job, config.clock.now(), result);
    }
    return result;
  }

  const tick = (): Promise<TickResult> => {
    // One pass at a time per instance: a slow pass is not overtaken by the next timer.
    running ??= tickOnce().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    instanceId,
    tick,
    start() {
      if (timer || !config.scheduler.enabled) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) => deps.log?.error({ err: error }, 'scheduler tick failed'));
      }, config.scheduler.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
