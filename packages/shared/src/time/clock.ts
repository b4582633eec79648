/**
 * Where "now" comes from. The API and its services read time only through a Clock, so a test (or a
 * rehearsal of a month end) can run the whole CRM at any instant: `clockFrom('2026-12-01T01:30:00+08:00')`
 * starts there and keeps ticking, so ordering by time still works; `set` jumps it to another instant.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type MovableClock = Clock & {
  /** Moves the clock to an instant, from which it ticks on with real time. */
  set(at: Date | string): void;
  /** Stops the clock at an instant until the next `set`: a record "made at 23:59:59" is made at 23:59:59 however slow the machine. */
  freeze(at: Date | string): void;
  readonly offsetMs: number;
};

/** A clock that reads `start` now and then advances with real time; `set` moves it, `freeze` stops it. */
export function clockFrom(start: Date | string): MovableClock {
  const at = (value: Date | string) => {
    const ms = value instanceof Date ? value.getTime() : Date.parse(value);
    if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(value)}`);
    return ms;
  };
  let offset = at(start) - Date.now();
  let frozen: number | null = null;
  return {
    now: () => new Date(frozen ?? Date.now() + offset),
    set(value) {
      frozen = null;
      offset = at(value) - Date.now();
    },
    freeze(value) {
      frozen = at(value);
      offset = frozen - Date.now();
    },
    get offsetMs() {
      return offset;
    },
  };
}
