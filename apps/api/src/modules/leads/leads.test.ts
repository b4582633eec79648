import { leads } from '@crm/db';
import { makeAgent, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { addDays, CREDIT_CODE_ALPHABET, creditCodeCheckChar, DuplicateLeadConflict, zoneDateTime, zoneDayEnd, type Lead } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLeads } from './repository.ts';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let alice: Session; // staff
let bob: Session; // staff
let carol: Session; // staff
let boss: Session; // manager
let finance: Session;
let refs: { zoneId: string; parkId: string; industryId: string; chainNodeId: string; agentId: string; otherZoneParkId: string };

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, carol, boss, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '爱丽丝' }),
    signIn(t, ['staff'], { displayName: '鲍勃' }),
    signIn(t, ['staff']),
    signIn(t, ['manager']),
    signIn(t, ['finance']),
  ]);
  const { zone, park } = await makeZone(t.db);
  const other = await makeZone(t.db);
  const { industry, nodes } = await makeIndustry(t.db);
  const agent = await makeAgent(t.db, alice.user.id);
  refs = { zoneId: zone.id, parkId: park.id, industryId: industry.id, chainNodeId: nodes[0]?.id ?? '', agentId: agent.id, otherZoneParkId: other.park.id };
});
afterAll(() => t.close());

const newLead = (over: Record<string, unknown> = {}) => ({
  companyName: `${unique('辽宁')}科技有限公司`,
  channel: 'online',
  zoneId: refs.zoneId,
  parkId: refs.parkId,
  industryId: refs.industryId,
  chainNodeId: refs.chainNodeId,
  estimatedInvestmentFen: 50_000_000_00,
  contacts: [{ name: '王总', title: '总经理', phone: '13800000000' }],
  ...over,
});

async function create(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(t, { method: 'POST', url: '/api/leads', payload: newLead(over), as });
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
  return res.data;
}

/** Lets a lead's protection lapse, as if its owner had not visited for a long time. */
async function lapse(id: string) {
  await t.db
    .update(leads)
    .set({ protectionExpiresAt: new Date(t.now().getTime() - 86_400_000) })
    .where(eq(leads.id, id));
}

/** Counts leads with this exact company name, straight from the database. */
async function countByName(name: string) {
  const rows = await t.db.select({ id: leads.id }).from(leads).where(eq(leads.companyName, name));
  return rows.length;
}

describe('POST /api/leads', () => {
  it('creates a lead owned by the creator, new, protected to the end of the 90th day after today (China time)', async () => {
    const lead = await create(alice);
    expect(lead).toMatchObject({
      ownerId: alice.user.id,
      ownerName: '爱丽丝',
      stage: 'new',
      inPool: false,
      zoneId: refs.zoneId,
      estimatedInvestmentFen: 5_000_000_000,
    });
    expect(lead.protectionExpiresAt).toBe(zoneDayEnd(addDays(t.today(), 90), 'Asia/Shanghai').toISOString());
  });

  it('accepts a valid unified social credit code, upper-casing it', async () => {
    const code = validCode();
    const lead = await create(alice, { creditCode: code.toLowerCase() });
    expect(lead.creditCode).toBe(code);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['a wrong credit-code check digit', { creditCode: '9144030071526726XA' }, 'creditCode'],
    ['a credit code with a forbidden letter', { creditCode: '9144030071526726XI' }, 'creditCode'],
    ['a negative fen amount', { estimatedInvestmentFen: -1 }, 'estimatedInvestmentFen'],
    ['a fractional fen amount', { estimatedInvestmentFen: 10.5 }, 'estimatedInvestmentFen'],
    ['a fen amount given as a string', { estimatedInvestmentFen: '100' }, 'estimatedInvestmentFen'],
    ['an unknown channel', { channel: 'telepathy' }, 'channel'],
    ['an oversized company name', { companyName: '公'.repeat(129) }, 'companyName'],
    ['an empty company name', { companyName: '   ' }, 'companyName'],
    ['a malformed industry id', { industryId: 'not-an-id' }, 'industryId'],
    ['an agent channel without an agent', { channel: 'agency' }, 'agentId'],
    ['a contact without a name', { contacts: [{ phone: '1' }] }, 'contacts.0.name'],
    ['a bad follow-up date', { nextFollowUpOn: '2026-13-01' }, 'nextFollowUpOn'],
  ];
  it.each(bad)('refuses %s with 400 naming the field, and writes nothing', async (_label, over, field) => {
    const payload = newLead(over);
    const res = await call(t, { method: 'POST', url: '/api/leads', payload, as: alice });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields?.map((f) => f.field)).toContain(field);
    expect(error.message).toContain(field);
    if (typeof payload.companyName === 'string') expect(await countByName(payload.companyName)).toBe(0);
  });

  it('refuses references that do not fit together (park of another zone, unknown zone)', async () => {
    const wrongPark = await call(t, { method: 'POST', url: '/api/leads', payload: newLead({ parkId: refs.otherZoneParkId }), as: alice });
    expect(wrongPark.statusCode).toBe(400);
    expect(errorOf(wrongPark).details?.fields?.[0]?.field).toBe('parkId');
    const unknownZone = await call(t, { method: 'POST', url: '/api/leads', payload: newLead({ zoneId: crypto.randomUUID(), parkId: null }), as: alice });
    expect(unknownZone.statusCode).toBe(400);
    expect(errorOf(unknownZone).details?.fields?.[0]?.field).toBe('zoneId');
  });

  it('accepts an agent channel with its agent', async () => {
    const lead = await create(alice, { channel: 'agency', agentId: refs.agentId });
    expect(lead.agentId).toBe(refs.agentId);
  });

  it('is a 409 naming the owner and protection expiry when the same company is entered twice (撞单)', async () => {
    const tag = unique('ab');
    const first = await create(alice, { companyName: `铁岭 ${tag} 阀门有限公司` });
    // Full-width letters, full-width spaces and case fold to the same normalised name.
    const fullWidth = tag.toUpperCase().replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const res = await call(t, { method: 'POST', url: '/api/leads', payload: newLead({ companyName: `铁岭${fullWidth}阀门有限公司　` }), as: bob });
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('爱丽丝');
    // The deadline as people in the zone read it: the China-time day and hour, never the UTC date.
    expect(error.message).toContain(`protected until ${zoneDateTime(first.protectionExpiresAt ?? '', 'Asia/Shanghai')}`);
    expect(error.details).toMatchObject({ leadId: first.id, ownerId: alice.user.id, ownerName: '爱丽丝', protectionExpiresAt: first.protectionExpiresAt });
    // The body is the shared 撞单 contract the web reads (@crm/shared DuplicateLeadConflict), nothing more or less.
    expect(DuplicateLeadConflict.parse(res.json())).toEqual(res.json());
    // The stable reason and its parameters, which the web shows in the person's language (issue 10).
    expect(error.reason).toBe('LEAD_DUPLICATE');
    expect(error.params).toEqual({
      company: first.companyName,
      owner: '爱丽丝',
      protectedUntil: zoneDateTime(first.protectionExpiresAt ?? '', 'Asia/Shanghai'),
      sameCode: '',
    });
  });

  it('is a 409 when the credit code is already a lead under another name', async () => {
    const code = validCode();
    await create(alice, { creditCode: code });
    const res = await call(t, { method: 'POST', url: '/api/leads', payload: newLead({ creditCode: code }), as: bob });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details).toMatchObject({ ownerName: '爱丽丝' });
  });

  it('lets only one of two simultaneous creations of one company through', async () => {
    const name = `${unique('并发')}有限公司`;
    const results = await Promise.all([alice, bob].map((as) => call(t, { method: 'POST', url: '/api/leads', payload: newLead({ companyName: name }), as })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await countByName(name)).toBe(1);
  });

  it('is refused to finance (403) and without a token (401)', async () => {
    expect((await call(t, { method: 'POST', url: '/api/leads', payload: newLead(), as: finance })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: '/api/leads', payload: newLead() })).statusCode).toBe(401);
  });
});

describe('GET /api/leads', () => {
  it('filters by stage, zone, industry, channel and search text', async () => {
    const tag = unique('筛选');
    const a = await create(alice, { companyName: `${tag}甲公司`, channel: 'event' });
    const b = await create(alice, { companyName: `${tag}乙公司`, channel: 'talent' });
    await call(t, { method: 'POST', url: `/api/leads/${b.id}/stage`, payload: { stage: 'contacted' }, as: alice });
    const list = async (qs: string) =>
      (await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&${qs}`, as: alice })).data.items.map((l) => l.id);
    expect((await list('')).sort()).toEqual([a.id, b.id].sort());
    expect(await list('stage=contacted')).toEqual([b.id]);
    expect(await list('channel=event')).toEqual([a.id]);
    expect((await list(`zoneId=${refs.zoneId}&industryId=${refs.industryId}`)).sort()).toEqual([a.id, b.id].sort());
    expect(await list(`ownerId=${bob.user.id}`)).toEqual([]);
  });

  it('finds a lead by its credit code', async () => {
    const code = validCode();
    const lead = await create(alice, { creditCode: code });
    const res = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${code}`, as: boss });
    expect(res.data.items.map((l) => l.id)).toEqual([lead.id]);
  });

  it('pages with keyset cursors without repeats or gaps, in every sort', async () => {
    const tag = unique('分页');
    const made: Lead[] = [];
    for (let i = 0; i < 5; i++) made.push(await create(alice, { companyName: `${tag}${i}号公司`, estimatedInvestmentFen: (i % 3) * 100 }));
    for (const sort of ['-createdAt', 'createdAt', 'estimatedInvestmentFen', '-estimatedInvestmentFen', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/leads?q=${encodeURIComponent(tag)}&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call<{ items: Lead[]; nextCursor: string | null }>(t, { method: 'GET', url, as: alice });
        expect(res.statusCode).toBe(200);
        seen.push(...res.data.items.map((l) => l.id));
        cursor = res.data.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(made.map((l) => l.id).sort());
    }
    const asc = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&sort=estimatedInvestmentFen`, as: alice });
    const amounts = asc.data.items.map((l) => l.estimatedInvestmentFen);
    expect(amounts).toEqual([...amounts].sort((x, y) => x - y));
  });

  it('sorts by company name both ways, keyset paging staying exact across ties in every whitelisted sort', async () => {
    const tag = unique('排序');
    // Created in an order that is neither A→Z nor Z→A, two with the same amount (a tie the id must break).
    const names = ['丙', '甲', '丁', '乙', '戊'].map((n) => `${tag}${n}公司`);
    const made: Lead[] = [];
    for (const [i, companyName] of names.entries()) made.push(await create(alice, { companyName, estimatedInvestmentFen: i < 2 ? 700 : i * 100 }));
    const collate = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const sort of [
      'companyName',
      '-companyName',
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-updatedAt',
      'estimatedInvestmentFen',
      '-estimatedInvestmentFen',
    ]) {
      const seen: Lead[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/leads?q=${encodeURIComponent(tag)}&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call<{ items: Lead[]; nextCursor: string | null }>(t, { method: 'GET', url, as: alice });
        expect(res.statusCode, sort).toBe(200);
        seen.push(...res.data.items);
        cursor = res.data.nextCursor;
      } while (cursor && seen.length < 20);
      expect(seen.map((l) => l.id).sort(), sort).toEqual(made.map((l) => l.id).sort());
      // One full page in the same sort gives the same order as the pages joined.
      const whole = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&sort=${sort}`, as: alice });
      expect(
        seen.map((l) => l.id),
        sort,
      ).toEqual(whole.data.items.map((l) => l.id));
    }
    const az = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&sort=companyName`, as: alice });
    const za = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&sort=-companyName`, as: alice });
    // The database's collation orders Chinese names; both directions must be exact mirrors and differ from creation.
    expect(za.data.items.map((l) => l.id)).toEqual([...az.data.items.map((l) => l.id)].reverse());
    expect(az.data.items.map((l) => l.companyName)).not.toEqual(names);
    expect(new Set(az.data.items.map((l) => l.companyName))).toEqual(new Set(collate));
    // A cursor from one sort is refused by another whose value it cannot be (a name is not an instant).
    const page = await call<{ nextCursor: string }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&limit=2&sort=companyName`, as: alice });
    const wrong = await call(t, {
      method: 'GET',
      url: `/api/leads?q=${encodeURIComponent(tag)}&limit=2&sort=createdAt&cursor=${page.data.nextCursor}`,
      as: alice,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.fields?.map((f) => f.field)).toContain('cursor');
  });

  it('counts the matching leads on the first page: exact, scoped like the list, none on later pages, capped beyond the cap', async () => {
    const tag = unique('总数');
    for (let i = 0; i < 3; i++) await create(alice, { companyName: `${tag}${i}号` });
    const theirs = await create(bob, { companyName: `${tag}乙` });
    type P = { items: Lead[]; nextCursor: string | null; total: { count: number; exact: boolean } | null };
    const first = await call<P>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&limit=2`, as: alice });
    // Alice does not count Bob's protected lead; the manager does.
    expect(first.data.total).toEqual({ count: 3, exact: true });
    const second = await call<P>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&limit=2&cursor=${first.data.nextCursor}`, as: alice });
    expect(second.data.total).toBeNull();
    const boss1 = await call<P>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&limit=2`, as: boss });
    expect(boss1.data.total).toEqual({ count: 4, exact: true });
    const onePage = await call<P>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}&ownerId=${bob.user.id}`, as: boss });
    expect(onePage.data).toMatchObject({ items: [{ id: theirs.id }], total: { count: 1, exact: true } });
    // Beyond the cap the count stops: the cap and "not exact" (10,000+ in the web).
    const moment = { now: t.now(), today: t.today() };
    expect(await countLeads(t.db, { q: tag }, moment, 2)).toEqual({ count: 2, exact: false });
    expect(await countLeads(t.db, { q: tag }, moment, 4)).toEqual({ count: 4, exact: true });
    expect(await countLeads(t.db, { q: tag, visibleTo: alice.user.id }, moment, 10)).toEqual({ count: 3, exact: true });
  });

  it('refuses a bad sort, limit, stage or cursor with 400 naming it', async () => {
    for (const [qs, field] of [
      ['sort=name', 'sort'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['stage=won', 'stage'],
      ['pool=yes', 'pool'],
      ['ownerId=abc', 'ownerId'],
      ['cursor=garbage', 'cursor'],
    ] as const) {
      const res = await call(t, { method: 'GET', url: `/api/leads?${qs}`, as: alice });
      expect(res.statusCode, qs).toBe(400);
      expect(
        errorOf(res).details?.fields?.map((f) => f.field),
        qs,
      ).toContain(field);
    }
  });

  it("shows staff their own leads and the pool, not a colleague's protected leads; managers see all", async () => {
    const tag = unique('可见');
    const mine = await create(alice, { companyName: `${tag}甲` });
    const theirs = await create(bob, { companyName: `${tag}乙` });
    const pooled = await create(bob, { companyName: `${tag}丙` });
    await lapse(pooled.id);
    const ids = async (as: Session) =>
      (await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}`, as })).data.items.map((l) => l.id).sort();
    expect(await ids(alice)).toEqual([mine.id, pooled.id].sort());
    expect(await ids(boss)).toEqual([mine.id, theirs.id, pooled.id].sort());
    const pool = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?pool=true&q=${encodeURIComponent(tag)}`, as: alice });
    expect(pool.data.items.map((l) => l.id)).toEqual([pooled.id]);
    expect(pool.data.items[0]?.inPool).toBe(true);
  });

  it('needs a token', async () => {
    expect((await call(t, { method: 'GET', url: '/api/leads' })).statusCode).toBe(401);
  });
});

describe('GET and PATCH /api/leads/:id', () => {
  it('reads and edits with the version it read; a stale version is a 409', async () => {
    const lead = await create(alice);
    const read = await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice });
    expect(read.data.version).toBe(1);
    const edited = await call<Lead>(t, {
      method: 'PATCH',
      url: `/api/leads/${lead.id}`,
      payload: { version: 1, estimatedInvestmentFen: 123, notes: '重点项目' },
      as: alice,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.data).toMatchObject({ version: 2, estimatedInvestmentFen: 123, notes: '重点项目' });
    const stale = await call(t, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { version: 1, notes: '覆盖' }, as: alice });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).message).toMatch(/changed by someone else/);
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', params: { entity: 'lead', current: 2, sent: 1 } });
    const after = await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice });
    expect(after.data.notes).toBe('重点项目');
  });

  it("lets neither read nor edit another staff member's lead", async () => {
    const lead = await create(alice);
    const read = await call(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: bob });
    expect(read.statusCode).toBe(403);
    expect(errorOf(read).message).toContain('爱丽丝');
    const edit = await call(t, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { version: 1, notes: 'x' }, as: bob });
    expect(edit.statusCode).toBe(403);
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.notes).toBeNull();
  });

  it('lets a manager edit any lead', async () => {
    const lead = await create(alice);
    const res = await call<Lead>(t, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { version: 1, notes: '经理批注' }, as: boss });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a rename onto another lead’s company (409) and bad input (400)', async () => {
    const a = await create(alice);
    const b = await create(alice);
    const clash = await call(t, { method: 'PATCH', url: `/api/leads/${b.id}`, payload: { version: 1, companyName: a.companyName }, as: alice });
    expect(clash.statusCode).toBe(409);
    expect(DuplicateLeadConflict.parse(clash.json())).toEqual(clash.json());
    const neg = await call(t, { method: 'PATCH', url: `/api/leads/${b.id}`, payload: { version: 1, estimatedInvestmentFen: -5 }, as: alice });
    expect(neg.statusCode).toBe(400);
    expect(errorOf(neg).details?.fields?.[0]?.field).toBe('estimatedInvestmentFen');
    // A schema's own message comes back as its field code, beside the English text.
    expect(errorOf(neg)).toMatchObject({ code: 'VALIDATION', reason: 'FIELDS_INVALID' });
    expect(errorOf(neg).details?.fields?.[0]).toMatchObject({ code: 'NEGATIVE', message: 'cannot be negative' });
    const noVersion = await call(t, { method: 'PATCH', url: `/api/leads/${b.id}`, payload: { notes: 'x' }, as: alice });
    expect(noVersion.statusCode).toBe(400);
    expect(errorOf(noVersion).details?.fields?.[0]).toMatchObject({ field: 'version', code: 'VERSION_NEEDED' });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await call(t, { method: 'GET', url: `/api/leads/${crypto.randomUUID()}`, as: boss })).statusCode).toBe(404);
    const bad = await call(t, { method: 'GET', url: '/api/leads/12345', as: boss });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.fields?.[0]?.field).toBe('id');
  });
});

describe('POST /api/leads/:id/stage', () => {
  it('moves a lead and records the stage history', async () => {
    const lead = await create(alice);
    const res = await call<Lead>(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload: { stage: 'contacted' }, as: alice });
    expect(res.statusCode).toBe(200);
    expect(res.data.stage).toBe('contacted');
    const history = await call<{ items: { fromStage: string | null; toStage: string }[] }>(t, {
      method: 'GET',
      url: `/api/leads/${lead.id}/stage-history`,
      as: alice,
    });
    expect(history.data.items.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, 'new'],
      ['new', 'contacted'],
    ]);
  });

  it('needs a reason to mark a lead lost, then puts it in the pool', async () => {
    const lead = await create(alice);
    const noReason = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload: { stage: 'lost' }, as: alice });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details?.fields?.[0]?.field).toBe('reason');
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.stage).toBe('new');
    const lost = await call<Lead>(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload: { stage: 'lost', reason: '企业选择了外地' }, as: alice });
    expect(lost.data).toMatchObject({ stage: 'lost', lostReason: '企业选择了外地', inPool: true });
  });

  it('refuses an unknown stage, the same stage, and signing through this route', async () => {
    const lead = await create(alice);
    for (const [payload, field] of [
      [{ stage: 'won' }, 'stage'],
      [{ stage: 'new' }, 'stage'],
      [{ stage: 'signed' }, 'stage'],
    ] as const) {
      const res = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload, as: alice });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.fields?.[0]?.field).toBe(field);
    }
  });

  it("is refused on another staff member's lead", async () => {
    const lead = await create(alice);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload: { stage: 'contacted' }, as: bob })).statusCode).toBe(403);
  });
});

describe('the public pool: claim and reassign', () => {
  it('lets a colleague claim a lapsed lead; a second claim is a 409', async () => {
    const lead = await create(alice);
    await lapse(lead.id);
    const claimed = await call<Lead>(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: bob });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.data).toMatchObject({ ownerId: bob.user.id, inPool: false });
    const again = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: carol });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('鲍勃');
  });

  it('gives a lead to exactly one of two people claiming at the same moment', async () => {
    const lead = await create(alice);
    await lapse(lead.id);
    const results = await Promise.all([bob, carol].map((as) => call<Lead>(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.data.ownerId;
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: boss })).data.ownerId).toBe(winner);
  });

  it('refuses to claim a protected lead, or for the owner who let it lapse', async () => {
    const lead = await create(alice);
    const protectedClaim = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: bob });
    expect(protectedClaim.statusCode).toBe(409);
    expect(errorOf(protectedClaim).details).toMatchObject({ ownerName: '爱丽丝' });
    await lapse(lead.id);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: alice })).statusCode).toBe(409);
  });

  it('reopens a lost lead when it is claimed', async () => {
    const lead = await create(alice);
    await call(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, payload: { stage: 'lost', reason: '暂缓' }, as: alice });
    const claimed = await call<Lead>(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: bob });
    expect(claimed.data).toMatchObject({ stage: 'new', lostReason: null, ownerId: bob.user.id });
  });

  it('lets a manager reassign, and nobody else', async () => {
    const lead = await create(alice);
    expect(
      (await call(t, { method: 'POST', url: `/api/leads/${lead.id}/reassign`, payload: { ownerId: bob.user.id, version: lead.version }, as: alice }))
        .statusCode,
    ).toBe(403);
    const res = await call<Lead>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/reassign`,
      payload: { ownerId: bob.user.id, version: lead.version },
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.ownerId).toBe(bob.user.id);
    const toFinance = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/reassign`,
      payload: { ownerId: finance.user.id, version: res.data.version },
      as: boss,
    });
    expect(toFinance.statusCode).toBe(400);
    const audit = await call<{ items: { action: string; before: unknown; after: unknown }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=lead&entityId=${lead.id}`,
      as: boss,
    });
    expect(audit.data.items.find((e) => e.action === 'lead.reassign')).toMatchObject({ before: { ownerId: alice.user.id }, after: { ownerId: bob.user.id } });
  });
});

describe('reassigning takes the version like every other edit', () => {
  it('gives one of two managers reassigning the same lead from the same version a 409, and keeps one reassignment', async () => {
    const lead = await create(alice);
    const other = await signIn(t, ['manager']);
    const first = await call<Lead>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/reassign`,
      payload: { ownerId: bob.user.id, version: lead.version },
      as: boss,
    });
    expect(first.statusCode).toBe(200);
    expect(first.data.version).toBeGreaterThan(lead.version);
    const second = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/reassign`,
      payload: { ownerId: alice.user.id, version: lead.version },
      as: other,
    });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second)).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_version', currentVersion: first.data.version } });
    const now = await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: boss });
    expect(now.data.ownerId).toBe(bob.user.id);
  });

  it('refuses a reassignment without a version with a clear 400', async () => {
    const lead = await create(alice);
    const res = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/reassign`, payload: { ownerId: bob.user.id }, as: boss });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.[0]?.field).toBe('version');
  });
});

describe('audit of lead writes', () => {
  it('records who created and changed a lead, with before and after', async () => {
    const lead = await create(alice);
    await call(t, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { version: 1, estimatedInvestmentFen: 777 }, as: alice });
    const res = await call<{ items: { action: string; actorId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=lead&entityId=${lead.id}`,
      as: boss,
    });
    const actions = res.data.items.map((e) => e.action);
    expect(actions).toEqual(['lead.update', 'lead.create']);
    expect(res.data.items[0]).toMatchObject({
      actorId: alice.user.id,
      before: { estimatedInvestmentFen: lead.estimatedInvestmentFen },
      after: { estimatedInvestmentFen: 777 },
    });
  });
});

/** A random valid unified social credit code (GB 32100-2015). */
function validCode(): string {
  let body = '91';
  while (body.length < 17) body += CREDIT_CODE_ALPHABET.charAt(Math.floor(Math.random() * CREDIT_CODE_ALPHABET.length));
  return body + creditCodeCheckChar(body);
}
