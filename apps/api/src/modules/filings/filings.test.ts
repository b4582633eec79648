import { createHash } from 'node:crypto';
import { auditLog, companyReports, leads } from '@crm/db';
import { makeZone, unique } from '@crm/db/test/factories';
import { MAX_ATTACHMENT_BYTES, type Lead } from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let alice: Session; // staff, reports first
let bob: Session; // staff, reports later
let carol: Session; // staff, a stranger
let boss: Session; // manager
let boss2: Session; // manager
let finance: Session;
let zoneA: string;
let zoneB: string;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, carol, boss, boss2, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '园区甲' }),
    signIn(t, ['staff'], { displayName: '园区乙' }),
    signIn(t, ['staff']),
    signIn(t, ['manager'], { displayName: '主任一' }),
    signIn(t, ['manager'], { displayName: '主任二' }),
    signIn(t, ['finance']),
  ]);
  zoneA = (await makeZone(t.db)).zone.id;
  zoneB = (await makeZone(t.db)).zone.id;
});
afterAll(() => t.close());

const newLead = async (as: Session, name: string, zoneId = zoneA) =>
  call<Lead>(t, { method: 'POST', url: '/api/leads', as, payload: { companyName: name, channel: 'online', zoneId } });

type Reports = {
  first: { id: string; reportedBy: string; zoneId: string } | null;
  later: { id: string; reportedBy: string; zoneId: string }[];
  disputes: { id: string; status: string }[];
};

describe('首报: the first report and later ones', () => {
  it('makes the creation the first report and logs a later report of the same company, in another zone, against it', async () => {
    const name = `${unique('首报')}有限公司`;
    const created = await newLead(alice, name);
    expect(created.statusCode).toBe(201);
    const again = await newLead(bob, `  ${name} `, zoneB);
    expect(again.statusCode).toBe(409);
    const details = errorOf(again).details as { leadId: string; laterReportId: string; ownerName: string };
    expect(details).toMatchObject({ leadId: created.data.id, ownerName: '园区甲' });
    expect(details.laterReportId).toMatch(/[0-9a-f-]{36}/);
    const reports = await call<Reports>(t, { method: 'GET', url: `/api/leads/${created.data.id}/reports`, as: alice });
    expect(reports.data.first).toMatchObject({ reportedBy: alice.user.id, zoneId: zoneA });
    expect(reports.data.later).toEqual([expect.objectContaining({ id: details.laterReportId, reportedBy: bob.user.id, zoneId: zoneB })]);
    // The owner re-entering their own company is not a later report; strangers cannot read the reports.
    expect((await newLead(alice, name)).statusCode).toBe(409);
    expect((await call<Reports>(t, { method: 'GET', url: `/api/leads/${created.data.id}/reports`, as: alice })).data.later).toHaveLength(1);
    expect((await call(t, { method: 'GET', url: `/api/leads/${created.data.id}/reports`, as: carol })).statusCode).toBe(403);
  });
});

describe('disputes: two units claiming one company', () => {
  async function contested() {
    const name = `${unique('争议')}有限公司`;
    const created = await newLead(alice, name);
    const later = await newLead(bob, name, zoneB);
    const laterReportId = (errorOf(later).details as { laterReportId: string }).laterReportId;
    return { lead: created.data, laterReportId };
  }

  it('lets only the later reporter raise a dispute, one open at a time', async () => {
    const { lead, laterReportId } = await contested();
    const body = { claimReportId: laterReportId, reason: '我单位 11 月已与企业接洽并有会议纪要' };
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/disputes`, as: carol, payload: body })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/disputes`, as: finance, payload: body })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/disputes`, as: bob, payload: { ...body, reason: '' } })).statusCode).toBe(400);
    const raised = await call<{ id: string; status: string; firstReport: { reportedBy: string } }>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/disputes`,
      as: bob,
      payload: body,
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.data).toMatchObject({ status: 'open', firstReport: { reportedBy: alice.user.id } });
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/disputes`, as: bob, payload: body })).statusCode).toBe(409);
    const open = await call<{ items: { id: string }[] }>(t, { method: 'GET', url: '/api/disputes?status=open', as: boss });
    expect(open.data.items.map((d) => d.id)).toContain(raised.data.id);
    expect((await call(t, { method: 'GET', url: '/api/disputes', as: alice })).statusCode).toBe(403);
  });

  it('is settled once by a manager with no stake: "claimant first" moves the first report and the lead, audited', async () => {
    const { lead, laterReportId } = await contested();
    const raised = await call<{ id: string }>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/disputes`,
      as: bob,
      payload: { claimReportId: laterReportId, reason: '有书面往来' },
    });
    // A manager who owns the lead is a party and cannot settle it; nor can staff.
    expect(
      (
        await call(t, {
          method: 'POST',
          url: `/api/leads/${lead.id}/reassign`,
          as: boss2,
          payload: {
            ownerId: boss.user.id,
            version: (await call<{ version: number }>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: boss2 })).data.version,
          },
        })
      ).statusCode,
    ).toBe(200);
    const settle = (as: Session, outcome = 'claimant_first') =>
      call<{ status: string }>(t, {
        method: 'POST',
        url: `/api/disputes/${raised.data.id}/settle`,
        as,
        payload: { outcome, note: '核查会议纪要，乙单位早于甲单位接触企业' },
      });
    expect((await settle(alice)).statusCode).toBe(403);
    const party = await settle(boss);
    expect(party.statusCode).toBe(403);
    expect(errorOf(party).message).toContain('party');
    expect(
      (await call(t, { method: 'POST', url: `/api/disputes/${raised.data.id}/settle`, as: boss2, payload: { outcome: 'both', note: 'x' } })).statusCode,
    ).toBe(400);
    const boss3 = await signIn(t, ['manager']);
    const [first, second] = await Promise.all([settle(boss2), settle(boss3)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const reports = await call<Reports>(t, { method: 'GET', url: `/api/leads/${lead.id}/reports`, as: boss });
    expect(reports.data.first).toMatchObject({ id: laterReportId, reportedBy: bob.user.id });
    expect(reports.data.later.map((r) => r.reportedBy)).toEqual([alice.user.id]);
    expect(reports.data.disputes[0]?.status).toBe('claimant_first');
    const [row] = await t.db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, lead.id));
    expect(row?.ownerId).toBe(bob.user.id);
    const firsts = await t.db
      .select()
      .from(companyReports)
      .where(and(eq(companyReports.leadId, lead.id), eq(companyReports.isFirst, true)));
    expect(firsts).toHaveLength(1);
    const trail = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, lead.id), eq(auditLog.action, 'dispute.settle')));
    expect(trail).toHaveLength(1);
    expect(trail[0]?.after).toMatchObject({ status: 'claimant_first', ownerId: bob.user.id });
  });

  it('"first stands" keeps the first report and the owner', async () => {
    const { lead, laterReportId } = await contested();
    const raised = await call<{ id: string }>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/disputes`,
      as: bob,
      payload: { claimReportId: laterReportId, reason: '口头接触' },
    });
    const res = await call<{ status: string }>(t, {
      method: 'POST',
      url: `/api/disputes/${raised.data.id}/settle`,
      as: boss2,
      payload: { outcome: 'first_stands', note: '无书面证据' },
    });
    expect(res.data.status).toBe('first_stands');
    const reports = await call<Reports>(t, { method: 'GET', url: `/api/leads/${lead.id}/reports`, as: alice });
    expect(reports.data.first?.reportedBy).toBe(alice.user.id);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/disputes/00000000-0000-4000-8000-000000000000/settle',
          as: boss,
          payload: { outcome: 'first_stands', note: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('attachments: the investor’s confirmation (投资方确认函)', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);

  function multipart(filename: string, content: Buffer, field = 'file', type = 'application/octet-stream') {
    const boundary = `----crm${unique('')}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
    return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  const upload = async (as: Session, leadId: string, filename: string, content: Buffer, field?: string) => {
    const { payload, contentType } = multipart(filename, content, field);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/leads/${leadId}/attachments`,
      payload,
      headers: { ...as.headers, 'content-type': contentType },
    });
    return Object.assign(res, {
      data: res.json() as { id: string; sha256: string; sizeBytes: number; contentType: string; originalName: string; error?: { message: string } },
    });
  };

  it('stores a PDF with its checksum and marks the lead 已备案; serves it only to readers, as a download that is never sniffed', async () => {
    const lead = (await newLead(alice, `${unique('备案')}有限公司`)).data;
    expect(lead.filedAt).toBeNull();
    const res = await upload(alice, lead.id, '../../etc/投资方确认函.pdf', PDF);
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      originalName: '投资方确认函.pdf',
    });
    const after = await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice });
    expect(after.data.filedAt).not.toBeNull();
    const file = await t.app.inject({ method: 'GET', url: `/api/leads/${lead.id}/attachments/${res.data.id}`, headers: alice.headers });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''%E6%8A%95/);
    expect((await t.app.inject({ method: 'GET', url: `/api/leads/${lead.id}/attachments/${res.data.id}`, headers: boss.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/leads/${lead.id}/attachments/${res.data.id}`, headers: carol.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/leads/${lead.id}/attachments/${res.data.id}` })).statusCode).toBe(401);
    const list = await call<{ items: { id: string }[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/attachments`, as: alice });
    expect(list.data.items.map((a) => a.id)).toEqual([res.data.id]);
    // PNG and JPEG are welcome too.
    expect((await upload(alice, lead.id, 'scan.png', PNG)).data.contentType).toBe('image/png');
    expect((await upload(alice, lead.id, 'scan.JPG', JPEG)).data.contentType).toBe('image/jpeg');
  });

  it('refuses what is not a PDF or image by its bytes, a mismatched name, an empty or an oversized file, and strangers', async () => {
    const lead = (await newLead(alice, `${unique('附件')}有限公司`)).data;
    const cases: [string, Buffer, string][] = [
      ['virus.exe', Buffer.from('MZ\x90\x00'), '.pdf, .png'],
      ['fake.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'content says otherwise'],
      ['photo.pdf', PNG, 'is a image/png file but is named .pdf'],
      ['empty.pdf', Buffer.alloc(0), 'is empty'],
      ['big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20)]), 'too large'],
    ];
    for (const [name, content, says] of cases) {
      const res = await upload(alice, lead.id, name, content);
      expect(res.statusCode, name).toBe(400);
      expect(res.data.error?.message, name).toContain(says);
    }
    expect((await upload(alice, lead.id, 'ok.pdf', PDF, 'document')).statusCode).toBe(400);
    expect((await upload(carol, lead.id, 'ok.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(finance, lead.id, 'ok.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(boss, lead.id, 'ok.pdf', PDF)).statusCode).toBe(201);
    const json = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/attachments`, as: alice, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    const list = await call<{ items: unknown[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/attachments`, as: alice });
    expect(list.data.items).toHaveLength(1);
  });
});
