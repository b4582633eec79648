import {
  type ChainNodeInput,
  type CreateIndustryBody,
  type CreateParkBody,
  type CreateZoneBody,
  fieldIssue,
  type Industry,
  invalid,
  notFound,
  notSaved,
  problem,
  staleVersion,
  type UpdateIndustryBody,
  type UpdateZoneBody,
  type Zone,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

async function checkIndustries(ctx: Ctx, tx: Parameters<typeof repo.existingIndustryIds>[0], field: string, ids: string[]) {
  const found = await repo.existingIndustryIds(tx, ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw invalid(field, 'INDUSTRY_MISSING', { id: missing });
  void ctx;
}

function checkIndustryOverlap(leading: string[], emerging: string[]) {
  const overlap = leading.find((id) => emerging.includes(id));
  if (overlap) throw invalid('emergingIndustryIds', 'LEADING_AND_EMERGING');
}

export const listZones = ({ ctx }: { ctx: Ctx }) => repo.loadZones(ctx.db);

export async function createZone({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateZoneBody> }): Promise<Zone> {
  requireRole(ctx, ['admin'], 'manage zones');
  checkIndustryOverlap(input.leadingIndustryIds, input.emergingIndustryIds);
  return ctx.db.transaction(async (tx) => {
    await checkIndustries(ctx, tx, 'leadingIndustryIds', input.leadingIndustryIds);
    await checkIndustries(ctx, tx, 'emergingIndustryIds', input.emergingIndustryIds);
    const taken = await repo.zoneNamed(tx, input.name);
    if (taken) throw problem('NAME_TAKEN', { entity: 'zone', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    const row = await repo.insertZone(tx, {
      name: input.name,
      level: input.level,
      county: input.county ?? null,
      isEnclave: input.isEnclave,
      enclavePartner: input.enclavePartner ?? null,
      benefitShareBp: input.benefitShareBp ?? null,
    });
    if (!row) throw notSaved('zone');
    await repo.setZoneIndustries(tx, row.id, 'leading', input.leadingIndustryIds);
    await repo.setZoneIndustries(tx, row.id, 'emerging', input.emergingIndustryIds);
    const uniqueParks = [...new Set(input.parks)];
    if (uniqueParks.length) await repo.insertParks(tx, row.id, uniqueParks);
    const [zone] = await repo.loadZones(tx, [row.id]);
    if (!zone) throw notSaved('zone');
    await audit(tx, ctx, { action: 'zone.create', entityType: 'zone', entityId: row.id, after: zone });
    return zone;
  });
}

export async function updateZone({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateZoneBody> }): Promise<Zone> {
  requireRole(ctx, ['admin'], 'manage zones');
  return ctx.db.transaction(async (tx) => {
    const [before] = await repo.loadZones(tx, [id]);
    if (!before) throw notFound('zone');
    const leading = input.leadingIndustryIds ?? before.leadingIndustryIds;
    const emerging = input.emergingIndustryIds ?? before.emergingIndustryIds;
    checkIndustryOverlap(leading, emerging);
    const isEnclave = input.isEnclave ?? before.isEnclave;
    const enclavePartner = input.enclavePartner === undefined ? before.enclavePartner : input.enclavePartner;
    if (isEnclave && !enclavePartner) throw invalid('enclavePartner', 'ENCLAVE_PARTNER');
    await checkIndustries(ctx, tx, 'leadingIndustryIds', leading);
    await checkIndustries(ctx, tx, 'emergingIndustryIds', emerging);
    const row = await repo.updateZone(tx, id, input.version, {
      name: input.name ?? before.name,
      level: input.level ?? before.level,
      county: input.county === undefined ? before.county : input.county,
      isEnclave,
      enclavePartner,
      benefitShareBp: input.benefitShareBp === undefined ? before.benefitShareBp : input.benefitShareBp,
      version: before.version + 1,
      updatedAt: ctx.now(),
    });
    if (!row) throw staleVersion('zone', before.version, input.version);
    if (input.leadingIndustryIds) await repo.setZoneIndustries(tx, id, 'leading', leading);
    if (input.emergingIndustryIds) await repo.setZoneIndustries(tx, id, 'emerging', emerging);
    const [after] = await repo.loadZones(tx, [id]);
    if (!after) throw notSaved('zone');
    await audit(tx, ctx, { action: 'zone.update', entityType: 'zone', entityId: id, before, after });
    return after;
  });
}

export async function addPark({ ctx, zoneId, input }: { ctx: Ctx; zoneId: string; input: z.infer<typeof CreateParkBody> }): Promise<Zone> {
  requireRole(ctx, ['admin'], 'manage zones');
  return ctx.db.transaction(async (tx) => {
    const [zone] = await repo.loadZones(tx, [zoneId]);
    if (!zone) throw notFound('zone');
    if (zone.parks.some((p) => p.name === input.name)) {
      throw problem('NAME_TAKEN_IN', { parentName: zone.name, entity: 'park', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    }
    const park = await repo.insertPark(tx, zoneId, input.name);
    await audit(tx, ctx, { action: 'park.create', entityType: 'zone', entityId: zoneId, after: park });
    const [after] = await repo.loadZones(tx, [zoneId]);
    if (!after) throw notSaved('park');
    return after;
  });
}

export const listIndustries = ({ ctx }: { ctx: Ctx }) => repo.loadIndustries(ctx.db);

export async function createIndustry({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateIndustryBody> }): Promise<Industry> {
  requireRole(ctx, ['admin'], 'manage industries');
  const names = input.chainNodes.map((n) => n.name);
  if (new Set(names).size !== names.length) throw invalid('chainNodes', 'DUPLICATE_NODE_NAMES');
  return ctx.db.transaction(async (tx) => {
    const taken = await repo.industryNamed(tx, input.name);
    if (taken) throw problem('NAME_TAKEN', { entity: 'industry', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    const row = await repo.insertIndustry(tx, { name: input.name, description: input.description ?? null });
    if (!row) throw notSaved('industry');
    if (input.chainNodes.length) {
      await repo.insertChainNodes(
        tx,
        row.id,
        input.chainNodes.map((n, i) => ({ name: n.name, position: n.position, sortOrder: n.sortOrder ?? i })),
      );
    }
    const [industry] = await repo.loadIndustries(tx, [row.id]);
    if (!industry) throw notSaved('industry');
    await audit(tx, ctx, { action: 'industry.create', entityType: 'industry', entityId: row.id, after: industry });
    return industry;
  });
}

export async function updateIndustry({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateIndustryBody> }): Promise<Industry> {
  requireRole(ctx, ['admin'], 'manage industries');
  return ctx.db.transaction(async (tx) => {
    const [before] = await repo.loadIndustries(tx, [id]);
    if (!before) throw notFound('industry');
    const row = await repo.updateIndustry(tx, id, input.version, {
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      version: before.version + 1,
      updatedAt: ctx.now(),
    });
    if (!row) throw staleVersion('industry', before.version, input.version);
    const [after] = await repo.loadIndustries(tx, [id]);
    if (!after) throw notSaved('industry');
    await audit(tx, ctx, { action: 'industry.update', entityType: 'industry', entityId: id, before, after });
    return after;
  });
}

export async function addChainNode({ ctx, industryId, input }: { ctx: Ctx; industryId: string; input: z.infer<typeof ChainNodeInput> }): Promise<Industry> {
  requireRole(ctx, ['admin'], 'manage industries');
  return ctx.db.transaction(async (tx) => {
    const [industry] = await repo.loadIndustries(tx, [industryId]);
    if (!industry) throw notFound('industry');
    if (industry.chainNodes.some((n) => n.name === input.name)) {
      throw problem('NAME_TAKEN_IN', { parentName: industry.name, entity: 'chain node', name: input.name }, { fields: [fieldIssue('name', 'TAKEN')] });
    }
    const node = await repo.insertChainNode(tx, industryId, {
      name: input.name,
      position: input.position,
      sortOrder: input.sortOrder ?? industry.chainNodes.length,
    });
    await audit(tx, ctx, { action: 'chain_node.create', entityType: 'industry', entityId: industryId, after: node });
    const [after] = await repo.loadIndustries(tx, [industryId]);
    if (!after) throw notSaved('chain node');
    return after;
  });
}
