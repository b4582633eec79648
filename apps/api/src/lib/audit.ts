import { auditLog, type Tx } from '@crm/db';
import { markWritten } from '../plugins/idempotency.ts';
import type { Ctx } from './context.ts';

/**
 * Writes the audit row inside the caller's transaction, so a write and its trail commit or fail together. Every write
 * passes here, so this marks the transaction that keeps the request's Idempotency-Key (plugins/idempotency.ts).
 */
export async function audit(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId' | 'idempotency'> | { actor: null; requestId: string | null; idempotency?: undefined },
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  if (ctx.idempotency) markWritten(ctx.idempotency);
  await tx.insert(auditLog).values({
    actorId: ctx.actor?.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: (entry.before ?? null) as object | null,
    after: (entry.after ?? null) as object | null,
    requestId: ctx.requestId,
  });
}

/** Only the fields that changed, for a readable before/after. */
export function diff<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'updatedAt' || key === 'version') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
