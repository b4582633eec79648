import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { type Lead, type ProjectDetail, type Report, splitEnclave } from '@crm/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

/* 飞地 (issue 14): an enclave zone's figures are shared with its partner; the two shares sum to the whole to the fen. */

let t: TestApp;
let staff: Session;
let manager: Session;

beforeAll(async () => {
  t = await startTestApp();
  [staff, manager] = await Promise.all([signIn(t, ['staff']), signIn(t, ['manager'])]);
});
afterAll(() => t.close());

async function signedProject(zoneId: string, industryId: string, contractInvestmentFen: number, figures: Record<string, number>) {
  const lead = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('飞地')}有限公司`, channel: 'direct', zoneId, industryId },
    as: staff,
  });
  const signed = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${lead.data.id}/sign`,
    payload: { signedOn: today(), contractInvestmentFen, landMu: 10, zoneId, industryId },
    as: staff,
  });
  if (signed.statusCode !== 201) throw new Error(signed.body);
  for (const [kind, amountFen] of Object.entries(figures)) {
    const r = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${signed.data.id}/figures`,
      payload: { kind, amountFen, asOf: today() },
      as: staff,
    });
    const f = r.data.figures.find((x) => x.kind === kind && !x.verified);
    const v = await call(t, { method: 'POST', url: `/api/projects/${signed.data.id}/figures/${f?.id}/verify`, as: manager });
    if (v.statusCode !== 200) throw new Error(v.body);
  }
}

describe('飞地: each side gets its share, and the shares sum to the whole', () => {
  it('splits any whole exactly (partner rounded half up once, the zone keeps the rest)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_100_000_000_000_000n }), fc.integer({ min: 0, max: 10_000 }), (whole, bp) => {
        const { own, partner } = splitEnclave(whole, bp);
        expect(own + partner).toBe(whole);
        expect(own >= 0n && partner >= 0n).toBe(true);
        // Never more than half a fen from the exact share.
        const exact2 = whole * BigInt(bp) * 2n;
        expect(partner * 20_000n - exact2 <= 10_000n && exact2 - partner * 20_000n <= 10_000n).toBe(true);
      }),
    );
    expect(splitEnclave(10n, 3333)).toEqual({ own: 7n, partner: 3n });
    expect(splitEnclave(3n, 5000)).toEqual({ own: 1n, partner: 2n }); // 1.5 → 2 (half up)
  });

  it('the dashboard and the report on known data: ¥ investment, output and tax split 33.33% to the partner', async () => {
    const { zone } = await makeZone(t.db, { isEnclave: true, enclavePartner: '某市高新区', benefitShareBp: 3333 });
    const plain = (await makeZone(t.db)).zone;
    const { industry } = await makeIndustry(t.db);
    await signedProject(zone.id, industry.id, 100_000_001, { actual_fixed_asset_investment: 50_000_005, annual_output: 12_345_679, annual_tax: 1_001 });
    await signedProject(zone.id, industry.id, 33_333_333, { annual_output: 1, annual_tax: 999 });
    await signedProject(plain.id, industry.id, 500, { annual_output: 77 });

    const year = Number(today().slice(0, 4));
    const dash = await call<{
      zones: {
        zoneId: string;
        actuals: Record<string, string | number>;
        enclave: null | { partner: string; partnerShareBp: number; whole: Record<string, string>; partnerShare: Record<string, string> };
      }[];
    }>(t, {
      method: 'GET',
      url: `/api/dashboard?year=${year}`,
      as: manager,
    });
    expect(dash.statusCode).toBe(200);
    const z = dash.data.zones.find((x) => x.zoneId === zone.id);
    // Wholes: signed 133,333,334; FAI 50,000,005; output 12,345,680; tax 2,000 (fen).
    expect(z?.enclave).toMatchObject({
      partner: '某市高新区',
      partnerShareBp: 3333,
      whole: { signed_investment: '133333334', fixed_asset_investment: '50000005', annual_output: '12345680', annual_tax: '2000' },
      // 133,333,334 × 0.3333 = 44,440,000.2222 → 44,440,000; 50,000,005 × 0.3333 = 16,665,001.6665 → 16,665,002;
      // 12,345,680 × 0.3333 = 4,114,815.144 → 4,114,815; 2,000 × 0.3333 = 666.6 → 667.
      partnerShare: { signed_investment: '44440000', fixed_asset_investment: '16665002', annual_output: '4114815', annual_tax: '667' },
    });
    expect(z?.actuals).toMatchObject({
      signed_investment: '88893334',
      fixed_asset_investment: '33335003',
      annual_output: '8230865',
      annual_tax: '1333',
      new_projects: 2,
    });
    for (const k of ['signed_investment', 'fixed_asset_investment', 'annual_output', 'annual_tax']) {
      expect(BigInt(z?.actuals[k] as string) + BigInt(z?.enclave?.partnerShare[k] as string)).toBe(BigInt(z?.enclave?.whole[k] as string));
    }
    const other = dash.data.zones.find((x) => x.zoneId === plain.id);
    expect(other).toMatchObject({ enclave: null, actuals: { signed_investment: '500', annual_output: '77' } });

    const month = today().slice(0, 7);
    const report = await call<Report>(t, { method: 'GET', url: `/api/reports/monthly?month=${month}&zoneId=${zone.id}`, as: manager });
    expect(report.statusCode).toBe(200);
    expect(report.data.byZone).toEqual([
      expect.objectContaining({
        zone: zone.name,
        signedInvestmentFen: '133333334',
        ownSignedInvestmentFen: '88893334',
        partnerSignedInvestmentFen: '44440000',
        enclavePartner: '某市高新区',
        partnerShareBp: 3333,
      }),
    ]);
  });
});
