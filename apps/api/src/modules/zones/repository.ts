import { chainNodes, industries, parks, zoneIndustries, zones, type DbOrTx } from '@crm/db';
import type { Zone, Industry } from '@crm/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';

type ZoneRow = typeof zones.$inferSelect;
type IndustryRow = typeof industries.$inferSelect;

/** All zones with their parks and industries in three queries (no per-row queries). */
export async function loadZones(db: DbOrTx, ids?: string[]): Promise<Zone[]> {
  const zoneRows = await db
    .select()
    .from(zones)
    .where(ids ? inArray(zones.id, ids) : undefined)
    .orderBy(asc(zones.createdAt), asc(zones.name));
  if (zoneRows.length === 0) return [];
  const zoneIds = zoneRows.map((z) => z.id);
  const [parkRows, linkRows] = await Promise.all([
    db.select().from(parks).where(inArray(parks.zoneId, zoneIds)).orderBy(asc(parks.createdAt), asc(parks.name)),
    db.select().from(zoneIndustries).where(inArray(zoneIndustries.zoneId, zoneIds)),
  ]);
  return zoneRows.map((z) => ({
    id: z.id,
    name: z.name,
    level: z.level as Zone['level'],
    county: z.county,
    isEnclave: z.isEnclave,
    enclavePartner: z.enclavePartner,
    benefitShareBp: z.benefitShareBp,
    leadingIndustryIds: linkRows.filter((l) => l.zoneId === z.id && l.kind === 'leading').map((l) => l.industryId),
    emergingIndustryIds: linkRows.filter((l) => l.zoneId === z.id && l.kind === 'emerging').map((l) => l.industryId),
    parks: parkRows.filter((p) => p.zoneId === z.id).map((p) => ({ id: p.id, zoneId: p.zoneId, name: p.name })),
    version: z.version,
  }));
}

export async function loadIndustries(db: DbOrTx, ids?: string[]): Promise<Industry[]> {
  const rows = await db
    .select()
    .from(industries)
    .where(ids ? inArray(industries.id, ids) : undefined)
    .orderBy(asc(industries.createdAt), asc(industries.name));
  if (rows.length === 0) return [];
  const nodes = await db
    .select()
    .from(chainNodes)
    .where(
      inArray(
        chainNodes.industryId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(chainNodes.sortOrder), asc(chainNodes.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    chainNodes: nodes
      .filter((n) => n.industryId === r.id)
      .map((n) => ({ id: n.id, industryId: n.industryId, name: n.name, position: n.position as 'upstream', sortOrder: n.sortOrder })),
  }));
}

export async function setZoneIndustries(db: DbOrTx, zoneId: string, kind: 'leading' | 'emerging', industryIds: string[]) {
  await db.delete(zoneIndustries).where(and(eq(zoneIndustries.zoneId, zoneId), eq(zoneIndustries.kind, kind)));
  if (industryIds.length) await db.insert(zoneIndustries).values(industryIds.map((industryId) => ({ zoneId, industryId, kind })));
}

export async function existingIndustryIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: industries.id }).from(industries).where(inArray(industries.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function zoneNamed(db: DbOrTx, name: string) {
  const [taken] = await db.select({ id: zones.id }).from(zones).where(eq(zones.name, name));
  return taken ?? null;
}

export async function insertZone(
  db: DbOrTx,
  values: Pick<ZoneRow, 'name' | 'level' | 'county' | 'isEnclave' | 'enclavePartner' | 'benefitShareBp'>,
): Promise<ZoneRow | null> {
  const [row] = await db.insert(zones).values(values).returning();
  return row ?? null;
}

/** Writes the zone only at the version the caller read (null: someone else saved it first). */
export async function updateZone(
  db: DbOrTx,
  id: string,
  version: number,
  set: Pick<ZoneRow, 'name' | 'level' | 'county' | 'isEnclave' | 'enclavePartner' | 'benefitShareBp' | 'version' | 'updatedAt'>,
) {
  const [row] = await db
    .update(zones)
    .set(set)
    .where(and(eq(zones.id, id), eq(zones.version, version)))
    .returning({ id: zones.id });
  return row ?? null;
}

export async function insertParks(db: DbOrTx, zoneId: string, names: string[]) {
  await db.insert(parks).values(names.map((name) => ({ zoneId, name })));
}

export async function insertPark(db: DbOrTx, zoneId: string, name: string) {
  const [park] = await db.insert(parks).values({ zoneId, name }).returning();
  return park;
}

export async function industryNamed(db: DbOrTx, name: string) {
  const [taken] = await db.select({ id: industries.id }).from(industries).where(eq(industries.name, name));
  return taken ?? null;
}

export async function insertIndustry(db: DbOrTx, values: Pick<IndustryRow, 'name' | 'description'>): Promise<IndustryRow | null> {
  const [row] = await db.insert(industries).values(values).returning();
  return row ?? null;
}

/** Writes the industry only at the version the caller read (null: someone else saved it first). */
export async function updateIndustry(db: DbOrTx, id: string, version: number, set: Pick<IndustryRow, 'name' | 'description' | 'version' | 'updatedAt'>) {
  const [row] = await db
    .update(industries)
    .set(set)
    .where(and(eq(industries.id, id), eq(industries.version, version)))
    .returning({ id: industries.id });
  return row ?? null;
}

type NodeValues = Pick<typeof chainNodes.$inferInsert, 'name' | 'position' | 'sortOrder'>;

export async function insertChainNodes(db: DbOrTx, industryId: string, nodes: NodeValues[]) {
  await db.insert(chainNodes).values(nodes.map((n) => ({ industryId, ...n })));
}

export async function insertChainNode(db: DbOrTx, industryId: string, node: NodeValues) {
  const [row] = await db
    .insert(chainNodes)
    .values({ industryId, ...node })
    .returning();
  return row;
}
