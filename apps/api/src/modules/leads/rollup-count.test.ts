import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { addDays, LEAD_COUNT_CAP, type Lead } from '@crm/shared';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/rollups.ts';
import { call, signIn, startTestApp, today, type Session, type TestApp } from '../../test/harness.ts';

/*
 * The lead list's first-page total read from lead_rollup (issue 12): when every filter is a rollup dimension and
 * the reader's scope can be said in them, the total is the rollup's exact sum; otherwise the capped count of the
 * matching rows, as before. Each case compares the API's total with the leads counted straight from the table.
 * Everything is scoped to a zone of this file's own, so other files' leads on a shared database change nothing.
 */

let t: TestApp;
let alice: Session; // staff
let bob: Session; // staff
let boss: Session; // manager
let zoneId: string;
let industryId: string;
const BULK = LEAD_COUNT_CAP + 1; // one more than the cap: a scan can only say "1,000+", the rollup knows

type Page = { items: Lead[]; total: { count: number; exact: boolean } | null };

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss] = await Promise.all([signIn(t, ['staff']), signIn(t, ['staff']), signIn(t, ['manager'])]);
  zoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
  const create = async (as: Session, over: Record<string, unknown>) => {
    const res = await call<Lead>(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: `${unique('汇总')}有限公司`, channel: 'online', zoneId, ...over },
      as,
    });
    if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
    return res.data;
  };
  for (let i = 0; i < 3; i++) await create(alice, {});
  for (let i = 0; i < 3; i++) await create(bob, { channel: 'event', industryId });
  const lost = await create(bob, { channel: 'event', industryId });
  const moved = await call(t, { method: 'POST', url: `/api/leads/${lost.id}/stage`, payload: { stage: 'lost', reason: '企业另选他处' }, as: bob });
  if (moved.statusCode !== 200) throw new Error(`stage failed ${moved.statusCode}: ${moved.body}`);
  await create(bob, { channel: 'event' });
  // Bob's older leads, more than the cap, registered 400 days ago (written in one statement; the triggers keep the rollup).
  const tag = unique('批量');
  await t.db.execute(sql`
    insert into leads (company_name, normalized_name, channel, zone_id, industry_id, owner_id, created_by, stage, protection_expires_at, created_at, updated_at, stage_changed_at)
    select ${tag} || i, ${tag} || i, 'direct', ${zoneId}::uuid, ${industryId}::uuid, ${bob.user.id}::uuid, ${bob.user.id}::uuid, 'new',
           ${t.now().toISOString()}::timestamptz + interval '90 days', ${t.now().toISOString()}::timestamptz - interval '400 days', now(), now()
    from generate_series(1, ${BULK}) i`);
}, 300_000); // rows through the rollup triggers: seconds on PGlite when quiet, more on a loaded machine
afterAll(() => t.close());

/** The leads of this file's zone matching `where`, counted from the table. */
async function trueCount(where: SQL) {
  const [row] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from leads l where l.zone_id = ${zoneId}::uuid and ${where}`));
  return Number(row?.n);
}

async function total(as: Session, query: string) {
  const res = await call<Page>(t, { method: 'GET', url: `/api/leads?limit=1&zoneId=${zoneId}${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.data.total;
}

/** A condition on the lead's registration day in the zone (`cond` written by this file, e.g. "<= '2026-01-31'"). */
const inZone = (cond: string) => sql.raw(`(l.created_at at time zone 'Asia/Shanghai')::date ${cond}`);
/** In the public pool at the app's clock's now. */
const pooled = () => sql`(l.stage = 'lost' or (l.stage <> 'signed' and l.protection_expires_at < ${t.now().toISOString()}::timestamptz))`;

describe('the lead list total from lead_rollup', () => {
  it('is the exact count, beyond the cap too, for filters the rollup holds (manager)', async () => {
    const monthStart = `${today().slice(0, 7)}-01`;
    const monthEnd = addDays(`${addDays(monthStart, 40).slice(0, 7)}-01`, -1);
    const cases: [string, SQL][] = [
      ['', sql`true`],
      ['&stage=new', sql`l.stage = 'new'`],
      ['&stage=lost', sql`l.stage = 'lost'`],
      ['&channel=event', sql`l.channel = 'event'`],
      [`&channel=event&industryId=${industryId}`, sql`l.channel = 'event' and l.industry_id = ${industryId}::uuid`],
      [`&ownerId=${bob.user.id}&stage=new`, sql`l.owner_id = ${bob.user.id}::uuid and l.stage = 'new'`],
      [`&industryId=${industryId}`, sql`l.industry_id = ${industryId}::uuid`],
      // Whole months of the zone: the rollup's months.
      [`&createdFrom=${monthStart}&createdTo=${monthEnd}`, inZone(`between '${monthStart}' and '${monthEnd}'`)],
      [`&createdTo=${addDays(monthStart, -1)}`, inZone(`<= '${addDays(monthStart, -1)}'`)],
    ];
    for (const [query, where] of cases) {
      const expected = await trueCount(where);
      expect(await total(boss, query), query).toEqual({ count: expected, exact: true });
    }
    // More than the cap, exact: only the rollup can say so.
    expect(await trueCount(sql`true`)).toBeGreaterThan(BULK);
    expect(await total(boss, '')).toEqual({ count: BULK + 8, exact: true });
  });

  it("honours a staff member's scope: their own leads, and lost leads (always in the pool), from the rollup", async () => {
    expect(await total(bob, `&ownerId=${bob.user.id}`)).toEqual({ count: await trueCount(sql`l.owner_id = ${bob.user.id}::uuid`), exact: true });
    expect(await total(bob, `&ownerId=${bob.user.id}`)).toEqual({ count: BULK + 5, exact: true });
    // Alice sees Bob's lost lead (the pool) and not his protected ones.
    expect(await total(alice, '&stage=lost&channel=event')).toEqual({ count: 1, exact: true });
    expect(await total(alice, `&ownerId=${alice.user.id}`)).toEqual({ count: 3, exact: true });
  });

  it('keeps the capped count of the rows where the rollup cannot say it', async () => {
    // A staff member's "own + pool" without a narrower filter: the pool is a matter of protection dates.
    const aliceSees = await trueCount(sql`(l.owner_id = ${alice.user.id}::uuid or ${pooled()})`);
    expect(await total(alice, '')).toEqual({ count: aliceSees, exact: true });
    // Bob sees his own leads, more than the cap: counted up to it.
    expect(await total(bob, '')).toEqual({ count: LEAD_COUNT_CAP, exact: false });
    // A search, a part month, the pool: counted from the rows.
    expect(await total(boss, `&q=${encodeURIComponent('汇总')}`)).toEqual({ count: 8, exact: true });
    const d = today();
    expect(await total(boss, `&createdFrom=${addDays(d, -400)}&createdTo=${addDays(d, -400)}`)).toEqual({ count: LEAD_COUNT_CAP, exact: false });
    expect(await total(boss, '&pool=true')).toEqual({ count: await trueCount(pooled()), exact: true });
  });
});
