import { leads, pgErrorOf } from '@crm/db';
import { leadStages, roles } from '@crm/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Enum-like columns (issue 15) are text the database checks against the shared lists: a writer that goes around the
 * API — a script, a hand-written statement — cannot store a stage, role or kind the API would not understand.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const checkViolation = async (statement: Promise<unknown>) => {
  const error = await statement.then(
    () => null,
    (e: unknown) => e,
  );
  return pgErrorOf(error);
};

describe('enum-like columns are checked by Postgres', () => {
  it('refuses a lead stage that is not on the list, and takes every one that is', async () => {
    const staff = await signIn(t, ['staff']);
    const row = (stage: string, n: number) => sql`insert into leads (company_name, normalized_name, channel, owner_id, created_by, stage)
      values (${`检查${n}有限公司`}, ${`check-${n}-${Date.now()}`}, 'online', ${staff.user.id}, ${staff.user.id}, ${stage})`;
    const bad = await checkViolation(t.db.execute(row('won', 0)));
    expect(bad?.code).toBe('23514');
    expect(bad?.constraint_name ?? bad?.constraint).toBe('leads_stage_check');
    for (const [i, stage] of leadStages.entries()) await t.db.execute(row(stage, i + 1));
    const [counted] = await t.db.select({ n: sql<number>`count(*)::int` }).from(leads).where(sql`${leads.ownerId} = ${staff.user.id}`);
    expect(counted?.n).toBe(leadStages.length);
  });

  it('refuses a role that is not on the list in a user’s roles', async () => {
    const someone = await signIn(t, ['staff']);
    const bad = await checkViolation(t.db.execute(sql`update users set roles = array['staff', 'owner']::text[] where id = ${someone.user.id}`));
    expect(bad?.code).toBe('23514');
    await t.db.execute(sql`update users set roles = ${`{${roles.join(',')}}`}::text[] where id = ${someone.user.id}`);
  });
});
