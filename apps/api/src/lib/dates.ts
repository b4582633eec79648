/** The zone's calendar is China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;

/** Today's calendar date in China, YYYY-MM-DD. */
export const todayInChina = (now: Date) => new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a calendar date (China) ends, plus `days` whole days: protection lasts to the end of that day. */
export function endOfChinaDayPlus(date: string, days: number): Date {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return new Date(start + (days + 1) * 86_400_000);
}

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
