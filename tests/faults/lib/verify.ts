import { makeUser } from '@crm/db/test/factories';
import { openDb, type Db, type DbOptions } from '@crm/db';
import { sql } from 'drizzle-orm';
import type { Ack } from './load.ts';

/** Staff accounts for the load, written straight into the database before the app starts (hashing 50 passwords
 * through the API would take longer than the fault itself). They sign in through the real login route. */
export async function seedStaff(database: DbOptions, count: number, prefix: string): Promise<string[]> {
  const handle = await openDb(database);
  try {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const row = await makeUser(handle.db, { username: `${prefix}${i}`, roles: ['staff'] });
      names.push(row.username);
    }
    return names;
  } finally {
    await handle.close();
  }
}

export type Findings = { missing: Ack[]; withoutAudit: Ack[]; doubled: { token: string; rows: number }[]; checked: number };

/**
 * Every acknowledged write must be there with exactly one audit row, and no write may be there twice: a visit's
 * summary and a lead's name carry a token unique to one request, so a retried request that wrote again shows as a
 * second row with the same token.
 */
export async function verifyAcks(db: Db, acks: Ack[]): Promise<Findings> {
  const leads = await db.execute<{ id: string; company_name: string }>(sql`select id, company_name from leads where company_name like '压测企业%'`);
  const activities = await db.execute<{ id: string; summary: string }>(sql`select id, summary from activities where summary like '压测跟进 %'`);
  const audits = await db.execute<{ entity_id: string; action: string; activity_id: string | null }>(
    sql`select entity_id, action, after->>'activityId' as activity_id from audit_log where action in ('lead.create', 'activity.create')`,
  );
  const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));
  const leadIds = new Set(rowsOf<{ id: string }>(leads).map((r) => r.id));
  const activityIds = new Set(rowsOf<{ id: string }>(activities).map((r) => r.id));
  const auditCount = new Map<string, number>();
  for (const a of rowsOf<{ entity_id: string; action: string; activity_id: string | null }>(audits)) {
    const key = a.action === 'activity.create' ? `activity:${a.activity_id}` : `lead:${a.entity_id}`;
    auditCount.set(key, (auditCount.get(key) ?? 0) + 1);
  }
  const tokenCount = new Map<string, number>();
  for (const r of rowsOf<{ company_name: string }>(leads)) {
    const t = r.company_name.replace('压测企业', '');
    tokenCount.set(`lead:${t}`, (tokenCount.get(`lead:${t}`) ?? 0) + 1);
  }
  for (const r of rowsOf<{ summary: string }>(activities)) {
    const t = r.summary.replace('压测跟进 ', '');
    tokenCount.set(`activity:${t}`, (tokenCount.get(`activity:${t}`) ?? 0) + 1);
  }
  const missing = acks.filter((a) => !(a.kind === 'lead' ? leadIds : activityIds).has(a.id));
  const withoutAudit = acks.filter((a) => auditCount.get(`${a.kind}:${a.id}`) !== 1);
  const doubled = [...tokenCount].filter(([, n]) => n > 1).map(([token, rows]) => ({ token, rows }));
  return { missing, withoutAudit, doubled, checked: acks.length };
}

/**
 * Every record of every table (the CRM's and the migration journal), each as its JSON text, sorted: two databases
 * are equal when these are.
 */
export async function everyRecord(db: Db): Promise<Map<string, string[]>> {
  const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await db.execute(
      sql`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
    ),
  );
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const name = `"${t.table_schema}"."${t.table_name}"`;
    const rows = rowsOf<{ r: string }>(await db.execute(sql.raw(`select row_to_json(x)::text as r from ${name} x order by 1`)));
    out.set(name, rows.map((r) => r.r).sort());
  }
  return out;
}
