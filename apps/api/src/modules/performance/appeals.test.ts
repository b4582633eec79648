import { makeZone, unique } from '@crm/db/test/factories';
import ExcelJS from 'exceljs';
import { clockFrom, type BottomFlag, type SavedPayPool } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, LONG_SESSIONS, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

/**
 * 末位 due process (issue 14, policy 二(一)2): closing a period flags its bottom rows as pending; the flagged person
 * appeals within the scheme's window of working days; another manager upholds or lifts it; only then, or once the
 * window has passed unappealed, is the flag in effect. On a database of its own: who is at the bottom depends on
 * every scored person in the database.
 */

// Friday 2026-11-27, 10:00 in China: five working days later is Friday 2026-12-04.
const clock = clockFrom('2026-11-27T10:00:00+08:00');

let t: TestApp;
let achiever: Session;
let quiet: Session;
let silent: Session;
let playerCoach: Session;
let boss: Session;
let schemeId: string;

type Ranking = {
  status: string;
  rows: { staffId: string; bottom: boolean; flag?: { id: string; status: string; appealBy: string; effective: boolean; version: number } }[];
};
const flagOf = async (who: Session) => {
  const list = await call<{ items: BottomFlag[] }>(t, { method: 'GET', url: '/api/performance/flags', as: who });
  const mine = list.data.items.find((f) => f.staffId === who.user.id);
  if (!mine) throw new Error(`no flag for ${who.user.displayName}: ${JSON.stringify(list.data)}`);
  return mine;
};
const inboxKinds = async (who: Session) =>
  (await call<{ items: { kind: string; link: string }[] }>(t, { method: 'GET', url: '/api/inbox', as: who })).data.items.map((m) => m.kind);

beforeAll(async () => {
  t = await startTestApp({ isolated: true, config: { clock, ...LONG_SESSIONS } });
  [achiever, quiet, silent, playerCoach, boss] = await Promise.all([
    signIn(t, ['staff'], { displayName: '甲专员' }),
    signIn(t, ['staff'], { displayName: '乙专员' }),
    signIn(t, ['staff'], { displayName: '丙专员' }),
    // Scored as staff and a manager too: the one case where a flagged person could decide an appeal.
    signIn(t, ['staff', 'manager'], { displayName: '丁组长' }),
    signIn(t, ['manager'], { displayName: '赵主任' }),
  ]);
  const scheme = await call<{ id: string; appealWorkingDays: number }>(t, {
    method: 'POST',
    url: '/api/performance/schemes',
    payload: { name: unique('末位申诉'), bottomPercent: 50, metrics: [{ metric: 'new_leads', weight: 100, target: 1 }] },
    as: boss,
  });
  expect(scheme.data.appealWorkingDays).toBe(5);
  schemeId = scheme.data.id;
  // Only 甲 brings a lead: the other three tie at 0 and are the bottom.
  expect(
    (await call(t, { method: 'POST', url: '/api/leads', payload: { companyName: `${unique('申诉')}有限公司`, channel: 'online' }, as: achiever })).statusCode,
  ).toBe(201);
});

afterAll(() => t.close());

describe('末位 flags and appeals', () => {
  it('closing a period flags its bottom as pending for five working days and tells each flagged person', async () => {
    const open = await call<Ranking>(t, { method: 'GET', url: `/api/performance?period=2026-11&schemeId=${schemeId}`, as: boss });
    expect(open.data.rows.every((r) => r.flag === undefined)).toBe(true);
    const closed = await call<Ranking>(t, { method: 'POST', url: '/api/performance/close', payload: { period: '2026-11', schemeId }, as: boss });
    expect(closed.statusCode).toBe(200);
    const byId = new Map(closed.data.rows.map((r) => [r.staffId, r]));
    expect(byId.get(achiever.user.id)).toMatchObject({ bottom: false });
    expect(byId.get(achiever.user.id)?.flag).toBeUndefined();
    for (const who of [quiet, silent, playerCoach]) {
      expect(byId.get(who.user.id)?.flag).toMatchObject({ status: 'pending', appealBy: '2026-12-04', effective: false });
      const inbox = await call<{ items: { kind: string; link: string }[] }>(t, { method: 'GET', url: '/api/inbox', as: who });
      expect(inbox.data.items.find((m) => m.kind === 'bottom_flagged')?.link).toBe(`/performance?scheme=${schemeId}&period=2026-11`);
    }
    // Staff see their own flag only.
    const seen = await call<{ items: BottomFlag[] }>(t, { method: 'GET', url: '/api/performance/flags', as: quiet });
    expect(seen.data.items.map((f) => f.staffId)).toEqual([quiet.user.id]);
  });

  it('only the flagged person appeals, once, and managers are told; a flag with no appeal cannot be decided', async () => {
    const flag = await flagOf(quiet);
    const notMine = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/appeal`,
      payload: { version: flag.version, reason: '代为申诉' },
      as: achiever,
    });
    expect(notMine.statusCode).toBe(403);
    const early = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/decide`,
      payload: { version: flag.version, outcome: 'lift', note: '无' },
      as: boss,
    });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).details).toMatchObject({ reason: 'flag_not_appealed' });

    const appealed = await call<BottomFlag>(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/appeal`,
      payload: { version: flag.version, reason: '11月在外地参加招商推介会两周，线索登记在12月' },
      as: quiet,
    });
    expect(appealed.statusCode).toBe(200);
    expect(appealed.data).toMatchObject({ status: 'appealed', effective: false, appealReason: '11月在外地参加招商推介会两周，线索登记在12月' });
    const again = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/appeal`,
      payload: { version: appealed.data.version, reason: '再次申诉' },
      as: quiet,
    });
    expect(again.statusCode).toBe(409);
    expect(await inboxKinds(boss)).toContain('bottom_appealed');
    const waiting = await call<{ items: BottomFlag[] }>(t, { method: 'GET', url: '/api/performance/flags?awaitingDecision=true', as: boss });
    expect(waiting.data.items.map((f) => f.id)).toEqual([flag.id]);
    // Staff cannot decide, whatever they send: the role is judged before the body.
    expect((await call(t, { method: 'POST', url: `/api/performance/flags/${flag.id}/decide`, payload: {}, as: quiet })).statusCode).toBe(403);
  });

  it('a manager lifts an appealed flag with a reason: it no longer counts, the person is told, and it is audited', async () => {
    const flag = await flagOf(quiet);
    const stale = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/decide`,
      payload: { version: flag.version - 1, outcome: 'lift', note: '核实属实' },
      as: boss,
    });
    expect(stale.statusCode).toBe(409);
    const lifted = await call<BottomFlag>(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/decide`,
      payload: { version: flag.version, outcome: 'lift', note: '核实属实，撤销末位' },
      as: boss,
    });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.data).toMatchObject({ status: 'lifted', effective: false, decidedByName: '赵主任', decisionNote: '核实属实，撤销末位' });
    expect(await inboxKinds(quiet)).toContain('bottom_decided');
    const ranking = await call<Ranking>(t, { method: 'GET', url: `/api/performance?period=2026-11&schemeId=${schemeId}`, as: boss });
    expect(ranking.data.rows.find((r) => r.staffId === quiet.user.id)?.flag).toMatchObject({ status: 'lifted', effective: false });
    const audit = await call<{ items: { action: string; entityId: string }[] }>(t, { method: 'GET', url: '/api/audit?entityType=bottom_flag', as: boss });
    expect(
      audit.data.items
        .filter((e) => e.entityId === flag.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['bottom_flag.appeal', 'bottom_flag.decide']);
  });

  it('nobody decides their own appeal; another manager upholds it and it takes effect', async () => {
    const flag = await flagOf(playerCoach);
    const appealed = await call<BottomFlag>(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/appeal`,
      payload: { version: flag.version, reason: '本月带队外出' },
      as: playerCoach,
    });
    expect(appealed.statusCode).toBe(200);
    const own = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/decide`,
      payload: { version: appealed.data.version, outcome: 'lift', note: '自己撤销' },
      as: playerCoach,
    });
    expect(own.statusCode).toBe(403);
    expect(errorOf(own).details).toMatchObject({ reason: 'own_stake' });
    const upheld = await call<BottomFlag>(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/decide`,
      payload: { version: appealed.data.version, outcome: 'uphold', note: '理由不成立' },
      as: boss,
    });
    expect(upheld.data).toMatchObject({ status: 'upheld', effective: true });
  });

  it('a flag not appealed within its window is in effect, and a late appeal is refused naming the date', async () => {
    clock.set('2026-12-04T23:59:00+08:00');
    expect(await flagOf(silent)).toMatchObject({ status: 'pending', effective: false });
    clock.set('2026-12-05T00:00:01+08:00');
    const flag = await flagOf(silent);
    expect(flag).toMatchObject({ status: 'effective', effective: true });
    const late = await call(t, {
      method: 'POST',
      url: `/api/performance/flags/${flag.id}/appeal`,
      payload: { version: flag.version, reason: '补充申诉' },
      as: silent,
    });
    expect(late.statusCode).toBe(412);
    expect(errorOf(late).details).toMatchObject({ reason: 'appeal_window_closed', appealBy: '2026-12-04' });
  });
});

describe('the performance-pay pool (绩效工资): saved, approved by another who gets none of it, filed', () => {
  it('is shared by the closed period’s scores, and moves draft → approved → filed with maker-checker', async () => {
    // Back in November, so the new lead counts in the period closed below.
    clock.set('2026-11-28T10:00:00+08:00');
    const zone = await makeZone(t.db);
    const finance = await signIn(t, ['finance'], { displayName: '钱会计' });
    // Scored and a manager: gets part of the pool, so may not approve it.
    const earner = await signIn(t, ['staff', 'manager'], { displayName: '戊组长' });
    expect(
      (await call(t, { method: 'POST', url: '/api/leads', payload: { companyName: `${unique('绩效工资')}有限公司`, channel: 'online' }, as: earner }))
        .statusCode,
    ).toBe(201);
    const scheme = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      payload: { name: unique('绩效工资方案'), bottomPercent: 10, metrics: [{ metric: 'new_leads', weight: 100, target: 1 }] },
      as: boss,
    });
    const body = { schemeId: scheme.data.id, period: '2026-11', zoneId: zone.zone.id, baseFen: 10_000_000, gradeMultiplier: 3 };
    const open = await call(t, { method: 'POST', url: '/api/performance/pay-pools', payload: body, as: boss });
    expect(open.statusCode).toBe(412);
    expect(errorOf(open).details).toMatchObject({ reason: 'period_open' });
    expect(
      (await call(t, { method: 'POST', url: '/api/performance/close', payload: { period: '2026-11', schemeId: scheme.data.id }, as: boss })).statusCode,
    ).toBe(200);
    // Staff neither compute nor see pools.
    expect((await call(t, { method: 'POST', url: '/api/performance/pay-pools', payload: body, as: achiever })).statusCode).toBe(403);

    const first = await call<SavedPayPool>(t, { method: 'POST', url: '/api/performance/pay-pools', payload: { ...body, gradeMultiplier: 2 }, as: boss });
    expect(first.statusCode).toBe(200);
    expect(first.data).toMatchObject({ status: 'draft', poolFen: 20_000_000 });
    const draft = await call<SavedPayPool>(t, { method: 'POST', url: '/api/performance/pay-pools', payload: body, as: boss });
    expect(draft.data).toMatchObject({ id: first.data.id, status: 'draft', poolFen: 30_000_000, gradeMultiplier: 3, makerName: '赵主任' });
    // Two people scored 100.00 each: the pool splits evenly, to the fen.
    expect(
      draft.data.parts
        .filter((p) => p.amountFen > 0)
        .map((p) => [p.staffName, p.amountFen])
        .sort(),
    ).toEqual([
      ['戊组长', 15_000_000],
      ['甲专员', 15_000_000],
    ]);
    expect(draft.data.parts.reduce((sum, p) => sum + p.amountFen, 0)).toBe(30_000_000);

    const own = await call(t, {
      method: 'POST',
      url: `/api/performance/pay-pools/${draft.data.id}/approve`,
      payload: { version: draft.data.version },
      as: boss,
    });
    expect(errorOf(own).details).toMatchObject({ reason: 'maker_checker' });
    const stake = await call(t, {
      method: 'POST',
      url: `/api/performance/pay-pools/${draft.data.id}/approve`,
      payload: { version: draft.data.version },
      as: earner,
    });
    expect(stake.statusCode).toBe(403);
    expect(errorOf(stake).details).toMatchObject({ reason: 'own_stake' });
    const early = await call(t, {
      method: 'POST',
      url: `/api/performance/pay-pools/${draft.data.id}/file`,
      payload: { version: draft.data.version, reference: '铁经开人备〔2026〕12号' },
      as: finance,
    });
    expect(early.statusCode).toBe(409);

    const approved = await call<SavedPayPool>(t, {
      method: 'POST',
      url: `/api/performance/pay-pools/${draft.data.id}/approve`,
      payload: { version: draft.data.version },
      as: finance,
    });
    expect(approved.data).toMatchObject({ status: 'approved', approvedByName: '钱会计' });
    expect((await call(t, { method: 'POST', url: '/api/performance/pay-pools', payload: body, as: boss })).statusCode).toBe(409);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: `/api/performance/pay-pools/${draft.data.id}/file`,
          payload: { version: approved.data.version, reference: 'x' },
          as: boss,
        })
      ).statusCode,
    ).toBe(403);
    const filed = await call<SavedPayPool>(t, {
      method: 'POST',
      url: `/api/performance/pay-pools/${draft.data.id}/file`,
      payload: { version: approved.data.version, reference: '铁经开人备〔2026〕12号' },
      as: finance,
    });
    expect(filed.data).toMatchObject({ status: 'filed', filingReference: '铁经开人备〔2026〕12号', filedByName: '钱会计' });

    // Finance reads everyone's figures to check a pool (and may drill into one); staff only their own.
    const drill = `/api/performance/drill?period=2026-11&schemeId=${scheme.data.id}&staffId=${earner.user.id}&metric=new_leads`;
    expect((await call<{ items: unknown[] }>(t, { method: 'GET', url: drill, as: finance })).data.items).toHaveLength(1);
    expect((await call(t, { method: 'GET', url: drill, as: achiever })).statusCode).toBe(403);
    const listed = await call<{ items: SavedPayPool[] }>(t, {
      method: 'GET',
      url: `/api/performance/pay-pools?schemeId=${scheme.data.id}&period=2026-11`,
      as: finance,
    });
    expect(listed.data.items.map((p) => p.id)).toEqual([draft.data.id]);
    const sheet = await t.app.inject({ method: 'GET', url: `/api/performance/pay-pools/${draft.data.id}/export`, headers: finance.headers });
    expect(sheet.statusCode).toBe(200);
    expect(decodeURIComponent(String(sheet.headers['content-disposition']))).toContain('绩效工资_');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r.includes('合计'));
    expect(total?.[5]).toBe(300_000);
    const audit = await call<{ items: { action: string; entityId: string }[] }>(t, { method: 'GET', url: '/api/audit?entityType=pay_pool', as: boss });
    expect(
      audit.data.items
        .filter((e) => e.entityId === draft.data.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['pay_pool.approve', 'pay_pool.create', 'pay_pool.file', 'pay_pool.recompute']);
  });
});
