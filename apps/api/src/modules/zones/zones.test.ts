import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type ChainNode = { id: string; industryId: string; name: string; position: string; sortOrder: number };
type Industry = { id: string; name: string; description: string | null; chainNodes: ChainNode[]; version: number };
type Park = { id: string; zoneId: string; name: string };
type Zone = {
  id: string;
  name: string;
  level: string;
  county: string | null;
  isEnclave: boolean;
  enclavePartner: string | null;
  benefitShareBp: number | null;
  leadingIndustryIds: string[];
  emergingIndustryIds: string[];
  parks: Park[];
  version: number;
};

let t: TestApp;
let admin: Session;
let staff: Session;
let manager: Session;
let finance: Session;
beforeAll(async () => {
  t = await startTestApp();
  [admin, staff, manager, finance] = await Promise.all([signIn(t, ['admin']), signIn(t, ['staff']), signIn(t, ['manager']), signIn(t, ['finance'])]);
});
afterAll(() => t.close());

const fieldsOf = (res: { json: () => unknown }) => errorOf(res).details?.fields?.map((f) => f.field) ?? [];
const nonAdmins = [
  ['staff', () => staff],
  ['manager', () => manager],
  ['finance', () => finance],
] as const;

async function createIndustry(over: Record<string, unknown> = {}) {
  const res = await call<Industry>(t, { method: 'POST', url: '/api/industries', payload: { name: unique('产业'), ...over }, as: admin });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

async function createZone(over: Record<string, unknown> = {}) {
  const res = await call<Zone>(t, { method: 'POST', url: '/api/zones', payload: { name: unique('开发区'), level: 'provincial', ...over }, as: admin });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

async function readZone(id: string, as: Session = staff) {
  const res = await call<{ items: Zone[] }>(t, { method: 'GET', url: '/api/zones', as });
  return res.data.items.find((z) => z.id === id);
}

async function readIndustry(id: string, as: Session = staff) {
  const res = await call<{ items: Industry[] }>(t, { method: 'GET', url: '/api/industries', as });
  return res.data.items.find((i) => i.id === id);
}

describe('GET /api/zones and /api/industries', () => {
  it.each([...nonAdmins, ['admin', () => admin]] as const)('%s reads zones with their parks and industries', async (_role, who) => {
    const { industry } = await makeIndustry(t.db);
    const { zone, park } = await makeZone(t.db, { county: '银州区' });
    const res = await call<{ items: Zone[] }>(t, { method: 'GET', url: '/api/zones', as: who() });
    expect(res.statusCode).toBe(200);
    expect(res.data.items.find((z) => z.id === zone.id)).toEqual({
      id: zone.id,
      name: zone.name,
      level: 'provincial',
      county: '银州区',
      isEnclave: false,
      enclavePartner: null,
      benefitShareBp: null,
      leadingIndustryIds: [],
      emergingIndustryIds: [],
      parks: [{ id: park.id, zoneId: zone.id, name: park.name }],
      version: 1,
    });
    const industries = await call<{ items: Industry[] }>(t, { method: 'GET', url: '/api/industries', as: who() });
    expect(industries.statusCode).toBe(200);
    const found = industries.data.items.find((i) => i.id === industry.id);
    expect(found?.chainNodes.map((n) => [n.name, n.position])).toEqual([
      ['上游环节', 'upstream'],
      ['中游环节', 'midstream'],
    ]);
  });

  it.each(['/api/zones', '/api/industries'])('%s is 401 without a token', async (url) => {
    const res = await call(t, { method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/industries', () => {
  it('creates an industry with its chain nodes (201), readable by everyone', async () => {
    const name = unique('新能源汽车');
    const res = await call<Industry>(t, {
      method: 'POST',
      url: '/api/industries',
      payload: {
        name,
        description: '整车及零部件',
        chainNodes: [
          { name: '锂电材料', position: 'upstream' },
          { name: '电池包', position: 'midstream' },
          { name: '整车', position: 'downstream', sortOrder: 9 },
        ],
      },
      as: admin,
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ name, description: '整车及零部件', version: 1 });
    expect(res.data.chainNodes.map((n) => ({ name: n.name, position: n.position, sortOrder: n.sortOrder, industryId: n.industryId }))).toEqual([
      { name: '锂电材料', position: 'upstream', sortOrder: 0, industryId: res.data.id },
      { name: '电池包', position: 'midstream', sortOrder: 1, industryId: res.data.id },
      { name: '整车', position: 'downstream', sortOrder: 9, industryId: res.data.id },
    ]);
    expect(await readIndustry(res.data.id, finance)).toEqual(res.data);
  });

  it('refuses a taken name with 409 CONFLICT', async () => {
    const existing = await createIndustry();
    const res = await call(t, { method: 'POST', url: '/api/industries', payload: { name: existing.name }, as: admin });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });

  it.each([
    { name: 'a blank name', body: { name: '   ' }, field: 'name' },
    { name: 'a name over 64 characters', body: { name: '产'.repeat(65) }, field: 'name' },
    { name: 'an unknown chain position', body: { chainNodes: [{ name: 'a', position: 'sideways' }] }, field: 'chainNodes.0.position' },
    { name: 'a blank chain node name', body: { chainNodes: [{ name: ' ', position: 'upstream' }] }, field: 'chainNodes.0.name' },
    { name: 'a negative sortOrder', body: { chainNodes: [{ name: 'a', position: 'upstream', sortOrder: -1 }] }, field: 'chainNodes.0.sortOrder' },
    {
      name: 'two chain nodes with the same name',
      body: {
        chainNodes: [
          { name: '同名', position: 'upstream' },
          { name: '同名', position: 'downstream' },
        ],
      },
      field: 'chainNodes',
    },
  ])('refuses $name with 400 VALIDATION naming $field', async ({ body, field }) => {
    const name = unique('产业');
    const res = await call(t, { method: 'POST', url: '/api/industries', payload: { name, ...body }, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    const all = await call<{ items: Industry[] }>(t, { method: 'GET', url: '/api/industries', as: admin });
    expect(all.data.items.some((i) => i.name === name)).toBe(false);
  });

  it.each(nonAdmins)('is 403 FORBIDDEN for %s', async (_role, who) => {
    const res = await call(t, { method: 'POST', url: '/api/industries', payload: { name: unique('产业') }, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'POST', url: '/api/industries', payload: { name: unique('产业') } });
    expect(res.statusCode).toBe(401);
  });
});

describe('PATCH /api/industries/:id', () => {
  it('renames and bumps the version; a stale version is 409', async () => {
    const industry = await createIndustry({ chainNodes: [{ name: '上游', position: 'upstream' }] });
    const name = unique('改名产业');
    const res = await call<Industry>(t, { method: 'PATCH', url: `/api/industries/${industry.id}`, payload: { version: industry.version, name }, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ id: industry.id, name, version: industry.version + 1 });
    expect(res.data.chainNodes).toHaveLength(1);

    const stale = await call(t, {
      method: 'PATCH',
      url: `/api/industries/${industry.id}`,
      payload: { version: industry.version, name: unique('x') },
      as: admin,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect((await readIndustry(industry.id))?.name).toBe(name);
  });

  it('is 404 for an unknown id and 400 naming id for a malformed one', async () => {
    const unknown = await call(t, {
      method: 'PATCH',
      url: '/api/industries/00000000-0000-4000-8000-000000000000',
      payload: { version: 1, name: 'x' },
      as: admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    const malformed = await call(t, { method: 'PATCH', url: '/api/industries/123', payload: { version: 1, name: 'x' }, as: admin });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toContain('id');
  });

  it.each(nonAdmins)('is 403 for %s', async (_role, who) => {
    const industry = await createIndustry();
    const res = await call(t, { method: 'PATCH', url: `/api/industries/${industry.id}`, payload: { version: 1, name: unique('x') }, as: who() });
    expect(res.statusCode).toBe(403);
    expect((await readIndustry(industry.id))?.name).toBe(industry.name);
  });
});

describe('POST /api/industries/:id/chain-nodes', () => {
  it('adds a chain node (201) at the end', async () => {
    const industry = await createIndustry({ chainNodes: [{ name: '材料', position: 'upstream' }] });
    const res = await call<Industry>(t, {
      method: 'POST',
      url: `/api/industries/${industry.id}/chain-nodes`,
      payload: { name: '回收利用', position: 'downstream' },
      as: admin,
    });
    expect(res.statusCode).toBe(201);
    expect(res.data.chainNodes.map((n) => [n.name, n.position, n.sortOrder])).toEqual([
      ['材料', 'upstream', 0],
      ['回收利用', 'downstream', 1],
    ]);
    expect((await readIndustry(industry.id))?.chainNodes).toHaveLength(2);
  });

  it('refuses a duplicate node name with 409', async () => {
    const industry = await createIndustry({ chainNodes: [{ name: '材料', position: 'upstream' }] });
    const res = await call(t, {
      method: 'POST',
      url: `/api/industries/${industry.id}/chain-nodes`,
      payload: { name: '材料', position: 'midstream' },
      as: admin,
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });

  it('refuses a bad position with 400 naming position', async () => {
    const industry = await createIndustry();
    const res = await call(t, { method: 'POST', url: `/api/industries/${industry.id}/chain-nodes`, payload: { name: '材料', position: 'top' }, as: admin });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('position');
  });

  it('is 404 for an unknown industry', async () => {
    const res = await call(t, {
      method: 'POST',
      url: '/api/industries/00000000-0000-4000-8000-000000000000/chain-nodes',
      payload: { name: '材料', position: 'upstream' },
      as: admin,
    });
    expect(res.statusCode).toBe(404);
  });

  it.each(nonAdmins)('is 403 for %s', async (_role, who) => {
    const industry = await createIndustry();
    const res = await call(t, {
      method: 'POST',
      url: `/api/industries/${industry.id}/chain-nodes`,
      payload: { name: '材料', position: 'upstream' },
      as: who(),
    });
    expect(res.statusCode).toBe(403);
    expect((await readIndustry(industry.id))?.chainNodes).toEqual([]);
  });
});

describe('POST /api/zones', () => {
  it('creates a zone with 2 leading and 1 emerging industries and its parks (201)', async () => {
    const [a, b, c] = await Promise.all([createIndustry(), createIndustry(), createIndustry()]);
    const name = unique('铁岭经济技术开发区');
    const res = await call<Zone>(t, {
      method: 'POST',
      url: '/api/zones',
      payload: {
        name,
        level: 'national',
        county: '铁岭县',
        leadingIndustryIds: [a!.id, b!.id],
        emergingIndustryIds: [c!.id],
        parks: ['装备制造园', '新材料园'],
      },
      as: admin,
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      name,
      level: 'national',
      county: '铁岭县',
      isEnclave: false,
      enclavePartner: null,
      version: 1,
      emergingIndustryIds: [c!.id],
    });
    expect([...res.data.leadingIndustryIds].sort()).toEqual([a!.id, b!.id].sort());
    expect(res.data.parks.map((p) => p.name).sort()).toEqual(['新材料园', '装备制造园']);
    expect(res.data.parks.every((p) => p.zoneId === res.data.id)).toBe(true);
    expect(await readZone(res.data.id)).toEqual(res.data);
  });

  it('creates an enclave zone with its partner and benefit share', async () => {
    const zone = await createZone({ isEnclave: true, enclavePartner: '江苏省淮安市', benefitShareBp: 3000 });
    expect(zone).toMatchObject({ isEnclave: true, enclavePartner: '江苏省淮安市', benefitShareBp: 3000 });
  });

  it('accepts benefitShareBp at the 10000 limit', async () => {
    const zone = await createZone({ isEnclave: true, enclavePartner: '淮安', benefitShareBp: 10000 });
    expect(zone.benefitShareBp).toBe(10000);
  });

  it('refuses a taken name with 409', async () => {
    const zone = await createZone();
    const res = await call(t, { method: 'POST', url: '/api/zones', payload: { name: zone.name, level: 'municipal' }, as: admin });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });

  const MISSING = '00000000-0000-4000-8000-000000000000';
  it.each([
    { name: 'an enclave without a partner', body: { isEnclave: true }, field: 'enclavePartner' },
    { name: 'an enclave with a blank partner', body: { isEnclave: true, enclavePartner: '  ' }, field: 'enclavePartner' },
    { name: '3 leading industries', body: { leadingIndustryIds: ['I1', 'I2', 'I3'] }, field: 'leadingIndustryIds' },
    { name: '2 emerging industries', body: { emergingIndustryIds: ['I1', 'I2'] }, field: 'emergingIndustryIds' },
    { name: 'an unknown leading industry id', body: { leadingIndustryIds: [MISSING] }, field: 'leadingIndustryIds' },
    { name: 'an unknown emerging industry id', body: { emergingIndustryIds: [MISSING] }, field: 'emergingIndustryIds' },
    { name: 'a malformed industry id', body: { leadingIndustryIds: ['nope'] }, field: 'leadingIndustryIds.0' },
    { name: 'one industry both leading and emerging', body: { leadingIndustryIds: ['I1'], emergingIndustryIds: ['I1'] }, field: 'emergingIndustryIds' },
    { name: 'benefitShareBp over 10000', body: { isEnclave: true, enclavePartner: '淮安', benefitShareBp: 10001 }, field: 'benefitShareBp' },
    { name: 'a fractional benefitShareBp', body: { isEnclave: true, enclavePartner: '淮安', benefitShareBp: 2500.5 }, field: 'benefitShareBp' },
    { name: 'a negative benefitShareBp', body: { isEnclave: true, enclavePartner: '淮安', benefitShareBp: -1 }, field: 'benefitShareBp' },
    { name: 'an unknown level', body: { level: 'county' }, field: 'level' },
    { name: 'a blank park name', body: { parks: [''] }, field: 'parks.0' },
  ])('refuses $name with 400 VALIDATION naming $field', async ({ body, field }) => {
    const [i1, i2, i3] = await Promise.all([createIndustry(), createIndustry(), createIndustry()]);
    const ids: Record<string, string> = { I1: i1!.id, I2: i2!.id, I3: i3!.id };
    const resolve = (v: unknown) => (Array.isArray(v) ? v.map((x) => ids[x as string] ?? x) : v);
    const name = unique('开发区');
    const payload = { name, level: 'provincial', ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, resolve(v)])) };
    const res = await call(t, { method: 'POST', url: '/api/zones', payload, as: admin });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    expect(error.message).toContain(field.split('.')[0]);
    // Nothing was stored.
    const all = await call<{ items: Zone[] }>(t, { method: 'GET', url: '/api/zones', as: admin });
    expect(all.data.items.some((z) => z.name === name)).toBe(false);
  });

  it.each(nonAdmins)('is 403 FORBIDDEN for %s', async (_role, who) => {
    const name = unique('开发区');
    const res = await call(t, { method: 'POST', url: '/api/zones', payload: { name, level: 'provincial' }, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'POST', url: '/api/zones', payload: { name: unique('开发区'), level: 'provincial' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('PATCH /api/zones/:id', () => {
  it('edits fields and industries and bumps the version', async () => {
    const [a, b] = await Promise.all([createIndustry(), createIndustry()]);
    const zone = await createZone({ leadingIndustryIds: [a.id] });
    const res = await call<Zone>(t, {
      method: 'PATCH',
      url: `/api/zones/${zone.id}`,
      payload: { version: zone.version, level: 'municipal', county: '清河区', leadingIndustryIds: [b.id], emergingIndustryIds: [a.id] },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id: zone.id,
      name: zone.name,
      level: 'municipal',
      county: '清河区',
      leadingIndustryIds: [b.id],
      emergingIndustryIds: [a.id],
      version: zone.version + 1,
    });
    expect(await readZone(zone.id)).toEqual(res.data);
  });

  it('turns a zone into an enclave only with a partner', async () => {
    const zone = await createZone();
    const bad = await call(t, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { version: zone.version, isEnclave: true }, as: admin });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('enclavePartner');
    const good = await call<Zone>(t, {
      method: 'PATCH',
      url: `/api/zones/${zone.id}`,
      payload: { version: zone.version, isEnclave: true, enclavePartner: '淮安', benefitShareBp: 4000 },
      as: admin,
    });
    expect(good.statusCode).toBe(200);
    expect(good.data).toMatchObject({ isEnclave: true, enclavePartner: '淮安', benefitShareBp: 4000 });
  });

  it('refuses a stale version with 409 CONFLICT and changes nothing', async () => {
    const zone = await createZone({ county: '原县' });
    const first = await call(t, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { version: zone.version, county: '第一次' }, as: admin });
    expect(first.statusCode).toBe(200);
    const stale = await call(t, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { version: zone.version, county: '第二次' }, as: admin });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(await readZone(zone.id)).toMatchObject({ county: '第一次', version: zone.version + 1 });
  });

  it.each([
    { name: '3 leading industries', body: { leadingIndustryIds: ['I1', 'I2', 'I3'] }, field: 'leadingIndustryIds' },
    { name: 'an unknown industry', body: { emergingIndustryIds: ['00000000-0000-4000-8000-000000000000'] }, field: 'emergingIndustryIds' },
    { name: 'benefitShareBp over 10000', body: { benefitShareBp: 20000 }, field: 'benefitShareBp' },
    { name: 'a fractional benefitShareBp', body: { benefitShareBp: 0.5 }, field: 'benefitShareBp' },
    { name: 'no version', body: { county: 'x', version: undefined }, field: 'version' },
  ])('refuses $name with 400 naming $field', async ({ body, field }) => {
    const [i1, i2, i3] = await Promise.all([createIndustry(), createIndustry(), createIndustry()]);
    const ids: Record<string, string> = { I1: i1!.id, I2: i2!.id, I3: i3!.id };
    const zone = await createZone();
    const resolved = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => ids[x] ?? x) : v]));
    const res = await call(t, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { version: zone.version, ...resolved }, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    expect((await readZone(zone.id))?.version).toBe(zone.version);
  });

  it('is 404 for an unknown zone and 400 naming id for a malformed id', async () => {
    const unknown = await call(t, { method: 'PATCH', url: '/api/zones/00000000-0000-4000-8000-000000000000', payload: { version: 1, county: 'x' }, as: admin });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    const malformed = await call(t, { method: 'PATCH', url: '/api/zones/zone-1', payload: { version: 1, county: 'x' }, as: admin });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toContain('id');
  });

  it.each(nonAdmins)('is 403 for %s and changes nothing', async (_role, who) => {
    const zone = await createZone({ county: '原县' });
    const res = await call(t, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { version: zone.version, county: '改' }, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(await readZone(zone.id)).toMatchObject({ county: '原县', version: zone.version });
  });
});

describe('POST /api/zones/:id/parks', () => {
  it('adds a park (201) and answers the zone', async () => {
    const zone = await createZone({ parks: ['一园'] });
    const res = await call<Zone>(t, { method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '二园' }, as: admin });
    expect(res.statusCode).toBe(201);
    expect(res.data.id).toBe(zone.id);
    expect(res.data.parks.map((p) => p.name).sort()).toEqual(['一园', '二园']);
    expect((await readZone(zone.id))?.parks).toHaveLength(2);
  });

  it('refuses a duplicate park name in the same zone with 409, but allows it in another zone', async () => {
    const zone = await createZone({ parks: ['一园'] });
    const dup = await call(t, { method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '一园' }, as: admin });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('CONFLICT');
    const other = await createZone();
    const ok = await call(t, { method: 'POST', url: `/api/zones/${other.id}/parks`, payload: { name: '一园' }, as: admin });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a blank name with 400 naming name', async () => {
    const zone = await createZone();
    const res = await call(t, { method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '  ' }, as: admin });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('name');
  });

  it('is 404 for an unknown zone and 400 for a malformed id', async () => {
    const unknown = await call(t, { method: 'POST', url: '/api/zones/00000000-0000-4000-8000-000000000000/parks', payload: { name: '一园' }, as: admin });
    expect(unknown.statusCode).toBe(404);
    const malformed = await call(t, { method: 'POST', url: '/api/zones/x/parks', payload: { name: '一园' }, as: admin });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toContain('id');
  });

  it.each(nonAdmins)('is 403 for %s', async (_role, who) => {
    const zone = await createZone();
    const res = await call(t, { method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '私建园' }, as: who() });
    expect(res.statusCode).toBe(403);
    expect((await readZone(zone.id))?.parks).toEqual([]);
  });

  it('is 401 without a token', async () => {
    const zone = await createZone();
    const res = await call(t, { method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '一园' } });
    expect(res.statusCode).toBe(401);
  });
});
