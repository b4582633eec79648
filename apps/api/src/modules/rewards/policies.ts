import {
  type CreatePolicyBody,
  type CreateVersionBody,
  fieldIssue,
  invalid,
  notFound,
  notSaved,
  type PolicyNoticeBody,
  problem,
  type RewardVersionJson,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

export async function listPolicies({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see reward policies');
  return repo.loadPolicies(ctx.db);
}

export async function getPolicy({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx, ['manager', 'finance', 'admin'], 'see reward policies');
  const [policy] = await repo.loadPolicies(ctx.db, [id]);
  if (!policy) throw notFound('policy');
  return policy;
}

/**
 * Versions are written once and never edited (a version in use must stay what it was). A change is a new version;
 * where the new version's dates overlap an older one, the newer version wins from its effective date on.
 */
async function insertVersion(tx: repo.Tx, ctx: Ctx, policy: { id: string; kind: string }, version: RewardVersionJson, note: string | null | undefined) {
  if (version.kind !== policy.kind) {
    throw invalid('version.kind', 'POLICY_KIND', { kind: policy.kind });
  }
  const next = await repo.nextVersionNo(tx, policy.id);
  const row = await repo.insertPolicyVersion(tx, {
    policyId: policy.id,
    versionNo: next,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    body: version,
    note: note ?? null,
    createdBy: ctx.actor.id,
  });
  if (!row) throw notSaved('version');
  await audit(tx, ctx, { action: 'policy.version.create', entityType: 'policy', entityId: policy.id, after: { versionNo: next, version } });
  return row;
}

export async function createPolicy({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreatePolicyBody> }) {
  requireRole(ctx, ['admin', 'manager'], 'write reward policies');
  return ctx.db.transaction(async (tx) => {
    const taken = await repo.policyNamed(tx, input.name);
    if (taken) throw problem('NAME_TAKEN', { entity: 'policy', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    const policy = await repo.insertPolicy(tx, {
      name: input.name,
      kind: input.kind,
      description: input.description ?? null,
      ...(input.noticeThresholdFen !== undefined ? { noticeThresholdFen: input.noticeThresholdFen } : {}),
      ...(input.noticeWorkingDays !== undefined ? { noticeWorkingDays: input.noticeWorkingDays } : {}),
      createdBy: ctx.actor.id,
    });
    if (!policy) throw notSaved('policy');
    await audit(tx, ctx, {
      action: 'policy.create',
      entityType: 'policy',
      entityId: policy.id,
      after: { name: policy.name, kind: policy.kind, noticeThresholdFen: policy.noticeThresholdFen, noticeWorkingDays: policy.noticeWorkingDays },
    });
    if (input.version) await insertVersion(tx, ctx, policy, input.version, input.note);
    const id = policy.id;
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getPolicy({ ctx: within(ctx, tx), id });
  });
}

export async function addVersion({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof CreateVersionBody> }) {
  requireRole(ctx, ['admin', 'manager'], 'write reward policies');
  return ctx.db.transaction(async (tx) => {
    const policy = await repo.lockPolicy(tx, id);
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
    const policy = await repo.lockPolicy(tx, id);
    if (!policy) throw notFound('policy');
    await repo.updatePolicy(tx, id, { noticeThresholdFen: input.noticeThresholdFen, noticeWorkingDays: input.noticeWorkingDays });
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
