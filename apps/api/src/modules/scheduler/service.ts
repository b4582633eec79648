import { requireRole, type Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

/** Scheduled jobs and their last errors, latest first (administrators: failed digests are seen here). */
export async function listJobs({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, ['admin'], 'see scheduled jobs');
  const rows = await repo.latestJobs(ctx.db);
  return rows.map((j) => ({
    id: j.id,
    kind: j.kind,
    key: j.key,
    status: j.status as 'pending' | 'running' | 'done' | 'failed',
    runAt: j.runAt.toISOString(),
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    lastError: j.lastError,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  }));
}
