import { rewardCalculations, rewardPolicies, rewardPolicyVersions, users, type DbOrTx } from '@crm/db';
import { type CreatePolicyBody, type CreateVersionBody, fieldIssue, invalid, notFound, notSaved, type Policy, type PolicyNoticeBody, problem, type RewardVersionJson, versionInEffect } from '@crm/shared';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';

type Tx = Parameters<Parameters<Ctx['db']['transaction']>[0]>[0];

export async function loadPolicies(db: DbOrTx, ids?: string[]): Promise<Policy[]> {
  const policies = await db
    .select()
    .from(rewardPolicies)
    .where(ids ? inArray(rewardPolicies.id, ids) : undefined)
    .orderBy(asc(rewardPolicies.createdAt));
  if (policies.length === 0) return [];
  const versions = await db
    .select({
      v: rewardPolicyVersions,
      createdByName: users.displayName,
      inUse: sql<boolean>`exists (select 1 from ${rewardCalculations} c where c.version_id = ${rewardPolicyVersions.id})`,
    })
    .from(rewardPolicyVersions)
    .innerJoin(users, eq(users.id, rewardPolicyVersions.createdBy))
    .where(inArray(rewardPolicyVersions.policyId, policies.map((p) => p.id)))
    .orderBy(asc(rewardPolicyVersions.versionNo));
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as Policy['kind'],
    description: p.description,
    noticeThresholdFen: p.noticeThresholdFen,
    noticeWorkingDays: p.noticeWorkingDays,
    createdAt: p.createdAt.toISOString(),
    versions: versions
      .filter((v) => v.v.policyId === p.id)
      .map(({ v, createdByName, inUse }) => ({
        id: v.id,
        policyId: v.policyId,
        versionNo: v.versionNo,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        body: v.body,
        note: v.note,
        inUse,
        createdBy: v.createdBy,
        createdByName,
        createdAt: v.createdAt.toISOString(),
      })),
  }));
}

export async function listPolicies({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see reward policies');
  return loadPolicies(ctx.db);
}

export async function getPolicy({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see reward policies');
  const [policy] = await loadPolicies(ctx.db, [id]);
  if (!policy) throw notFound('policy');
  return policy;
}

/**
 * Versions are written once and never edited (a version in use must stay what it was). A change is a new version;
 * where the new version's dates overlap an older one, the newer version wins from its effective date on.
 */
async function insertVersion(tx: Tx, ctx: Ctx, policy: { id: string; kind: string }, version: RewardVersionJson, note: string | null | undefined) {
  if (version.kind !== policy.kind) {
    throw invalid('version.kind', 'POLICY_KIND', { kind: policy.kind });
  }
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${rewardPolicyVersions.versionNo}), 0)::int + 1` })
    .from(rewardPolicyVersions)
    .where(eq(rewardPolicyVersions.policyId, policy.id));
  const [row] = await tx
    .insert(rewardPolicyVersions)
    .values({
      policyId: policy.id,
      versionNo: next,
      effectiveFrom: version.effectiveFrom,
      effectiveTo: version.effectiveTo,
      body: version,
      note: note ?? null,
      createdBy: ctx.actor.id,
    })
    .returning();
  if (!row) throw notSaved('version');
  await audit(tx, ctx, { action: 'policy.version.create', entityType: 'policy', entityId: policy.id, after: { versionNo: next, version } });
  return row;
}

export async function createPolicy({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreatePolicyBody> }) {
  requireRole(ctx, ['admin', 'manager'], 'write reward policies');
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: rewardPolicies.id }).from(rewardPolicies).where(eq(rewardPolicies.name, input.name));
    if (taken) throw problem('NAME_TAKEN', { entity: 'policy', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    const [policy] = await tx.insert(rewardPolicies).values({
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        ...(input.noticeThresholdFen !== undefined ? { noticeThresholdFen: input.noticeThresholdFen } : {}),
        ...(input.noticeWorkingDays !== undefined ? { noticeWorkingDays: input.noticeWorkingDays } : {}),
        createdBy: ctx.actor.id,
      }).returning();
    if (!policy) throw notSaved('policy');
    await audit(tx, ctx, { action: 'policy.create', entityType: 'policy', entityId: policy.id, after: { name: policy.name, kind: policy.kind, noticeThresholdFen: policy.noticeThresholdFen, noticeWorkingDays: policy.noticeWorkingDays } });
    if (input.version) await insertVersion(tx, ctx, policy, input.version, input.note);
    const id = policy.id;
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getPolicy({ ctx: within(ctx, tx), id });
  });
}

export async function addVersion({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof CreateVersionBody> }) {
  requireRole(ctx, ['admin', 'manager'], 'write reward policies');
  return ctx.db.transaction(async (tx) => {
    const [policy] = await tx.select().from(rewardPolicies).where(eq(rewardPolicies.id, id)).for('update');
    if (!policy) throw notFound('policy');
    await insertVersion(tx, ctx, policy, input.version, input.note);
    return getPolicy({ ctx: within(ctx, tx), id });
  });
}

/**
 * 公示 settings of a policy (issue 14): the threshold above which an approved reward is published, and for how many
 * working days. A change applies to approvals from now on; a window already running keeps its dates.
 */
export async function setNotice({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof PolicyNoticeBody> }) {
  requireRole(ctx, ['admin', 'manager'], 'write reward policies');
  return ctx.db.transaction(async (tx) => {
    const [policy] = await tx.select().from(rewardPolicies).where(eq(rewardPolicies.id, id)).for('update');
    if (!policy) throw notFound('policy');
    await tx.update(rewardPolicies).set({ noticeThresholdFen: input.noticeThresholdFen, noticeWorkingDays: input.noticeWorkingDays }).where(eq(rewardPolicies.id, id));
    await audit(tx, ctx, {
      action: 'policy.notice',
      entityType: 'policy',
      entityId: id,
      before: { noticeThresholdFen: policy.noticeThresholdFen, noticeWorkingDays: policy.noticeWorkingDays },
      after: input,
    });
    return getPolicy({ ctx: within(ctx, tx), id });
  });
}

/** The version in effect on a date: among those whose range covers it, the newest version wins (the engine's rule). */
export const versionOn = <T extends { versionNo: number; effectiveFrom: string; effectiveTo: string | null }>(versions: T[], date: string): T | null => versionInEffect(versions, date);
