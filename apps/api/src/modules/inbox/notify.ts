import type { DbOrTx } from '@crm/db';
import type { NotificationKind } from '@crm/shared';
import * as repo from './repository.ts';

export type NewNotification = {
  userId: string;
  kind: NotificationKind;
  subjectType: 'lead' | 'reward_calculation' | 'dispute' | 'bottom_flag' | 'approval_item' | 'reward_objection';
  subjectId: string;
  /** Names the occasion: with (user, kind, subject) it is unique, so the same reminder is never inserted twice. */
  key: string;
  params: Record<string, string | number | boolean | null>;
};

// 7 columns a row; well under PGlite's 32,767 bind parameters.
const CHUNK = 2000;

/** Puts messages in inboxes, each at most once (the unique key turns a repeat into a no-op). Returns how many were new. */
export async function notify(db: DbOrTx, rows: NewNotification[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const done = await repo.insertNotifications(db, rows.slice(i, i + CHUNK));
    inserted += done.length;
  }
  return inserted;
}

/**
 * Who is told of a zone's major leads and escalations: the zone's responsible manager (分管领导) when one is set and
 * active, else every active manager.
 */
export async function managersFor(db: DbOrTx, managerId: string | null): Promise<string[]> {
  if (managerId) {
    const one = await repo.activeManager(db, managerId);
    if (one) return [one.id];
  }
  const all = await repo.activeManagers(db);
  return all.map((u) => u.id);
}
