import { randomUUID } from 'node:crypto';
import { agentAgreements, agents, chainNodes, industries, parks, users, zones, type Db } from '../index.ts';

/**
 * Test rows with unique values (openstatus habit), so test files can share one server database and run
 * in any order. Every factory returns the inserted row.
 */
export const unique = (prefix = 't') => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;

// argon2id hash of TEST_PASSWORD (which passes the password policy), computed once so factories do not pay for
// hashing on every user.
export const TEST_PASSWORD = 'test-Orchard-2026';
const TEST_PASSWORD_HASH = '$argon2id$v=19$m=65536,p=4,t=3$gIvfJz5XjAIP/AFTzXBGBw$Uynnq8pyHLNuSkOnkzwLmhy1uVTZWeeg9c8gqac20hs';

export async function makeUser(db: Db, over: Partial<typeof users.$inferInsert> = {}) {
  const username = over.username ?? unique('u');
  const [row] = await db
    .insert(users)
    .values({ username, displayName: over.displayName ?? `测试${username.slice(-4)}`, passwordHash: TEST_PASSWORD_HASH, roles: ['staff'], ...over })
    .returning();
  if (!row) throw new Error('user not created');
  return row;
}

export async function makeIndustry(db: Db, over: { name?: string; nodes?: string[] } = {}) {
  const [industry] = await db
    .insert(industries)
    .values({ name: over.name ?? unique('产业') })
    .returning();
  if (!industry) throw new Error('industry not created');
  const nodes = await db
    .insert(chainNodes)
    .values(
      (over.nodes ?? ['上游环节', '中游环节']).map((name, i) => ({
        industryId: industry.id,
        name,
        position: i === 0 ? 'upstream' : 'midstream',
        sortOrder: i,
      })),
    )
    .returning();
  return { industry, nodes };
}

export async function makeZone(db: Db, over: Partial<typeof zones.$inferInsert> = {}) {
  const [zone] = await db
    .insert(zones)
    .values({ name: unique('开发区'), level: 'provincial', ...over })
    .returning();
  if (!zone) throw new Error('zone not created');
  const [park] = await db
    .insert(parks)
    .values({ zoneId: zone.id, name: unique('园区') })
    .returning();
  if (!park) throw new Error('park not created');
  return { zone, park };
}

export async function makeAgent(db: Db, createdBy: string, over: Partial<typeof agents.$inferInsert> = {}) {
  const [agent] = await db
    .insert(agents)
    .values({ name: unique('代理'), kind: 'agency', createdBy, ...over })
    .returning();
  if (!agent) throw new Error('agent not created');
  return agent;
}

/** An agreement (委托招商协议) in force from 2020 with no end unless given: agent money needs one (issue 8). */
export async function makeAgreement(db: Db, agentId: string, over: Partial<typeof agentAgreements.$inferInsert> = {}) {
  const [agreement] = await db
    .insert(agentAgreements)
    .values({ agentId, title: unique('委托招商协议'), startsOn: '2020-01-01', endsOn: null, ...over })
    .returning();
  if (!agreement) throw new Error('agreement not created');
  return agreement;
}
