import { zones, zoneTargets } from '@crm/db';
import type { IndicatorEntries } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestApp, today, type Session, type TestApp } from '../../test/harness.ts';
import { loadDemo } from '../setup/demo.ts';

/**
 * The demo says what is the policy's and what is sample (issue 14): zone names and levels as the policy gives them,
 * no invented enclave partner or share, the policy's 一(三) targets, the signed-investment target no longer labelled
 * as the fixed-asset growth goal, and a 示例数据 note every signed-in user can read. Its own database: the demo
 * loads once per database.
 */
let t: TestApp;
let staff: Session;
let boss: Session;

beforeAll(async () => {
  t = await startTestApp({ isolated: true });
  expect((await call<{ loaded: boolean }>(t, { method: 'GET', url: '/api/demo', as: await signIn(t, ['staff']) })).data.loaded).toBe(false);
  await loadDemo(t.handle, () => undefined, t.app.config);
  [staff, boss] = await Promise.all([signIn(t, ['staff']), signIn(t, ['manager'])]);
}, 300_000);
afterAll(() => t?.close());

describe('demo honesty', () => {
  it("zones: the policy's names; the parks it would upgrade are not provincial; no invented partner or share", async () => {
    const rows = await t.db.select().from(zones);
    const by = (name: string) => rows.find((z) => z.name === name);
    for (const name of ['西丰工业园区', '银州工业园区', '清河工业园区']) expect(by(name)?.level).toBe('municipal');
    expect(by('淮安铁岭工业园区')).toMatchObject({ isEnclave: true, enclavePartner: null, benefitShareBp: null });
  });

  it('the signed-investment target is not labelled as the fixed-asset growth goal', async () => {
    const targets = await t.db.select().from(zoneTargets);
    expect(targets.length).toBeGreaterThan(0);
    for (const x of targets) expect(x.note ?? '').not.toContain('固定资产投资');
  });

  it("the policy's 一(三) targets are indicator targets", async () => {
    // The demo's year is the zone's today, by the file's clock.
    const entries = await call<IndicatorEntries>(t, { method: 'GET', url: `/api/indicators/entries?year=${today().slice(0, 4)}`, as: boss });
    const pick = (code: string) => entries.data.targets.find((x) => x.indicatorCode === code && x.zoneId === null)?.target;
    expect([pick('value_added_growth'), pick('output_share'), pick('above_scale_share'), pick('fixed_asset_investment_growth')]).toEqual([
      1000, 8000, 8500, 2000,
    ]);
  });

  it('every signed-in user reads the 示例数据 note', async () => {
    const res = await call<{ loaded: boolean; note: string }>(t, { method: 'GET', url: '/api/demo', as: staff });
    expect(res.data.loaded).toBe(true);
    expect(res.data.note).toContain('示例数据');
  });
});
