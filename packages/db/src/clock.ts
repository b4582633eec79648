import { systemClock, type Clock } from '@crm/shared';

/**
 * The clock that stamps rows (created_at, updated_at, changed_at …) when a write does not name the time.
 * The API installs its own clock here at start (buildApp), so every stamp and every "now" in the services come
 * from one source that tests can fix; the SQL default now() stays in the migrations for hand-written SQL.
 * One process serves one CRM, so this is one clock per process.
 */
let current: Clock = systemClock;

export function setRowClock(clock: Clock): void {
  current = clock;
}

export const rowNow = (): Date => current.now();
