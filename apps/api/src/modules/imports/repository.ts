import { agents, dataImports, importMappings, industries, parks, projects, users, zones, type DbOrTx } from '@crm/db';
import type { ImportKind } from '@crm/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';

/**
 * The imports module's queries (issue 15): its own tables (data_imports, import_mappings) and the reads of other
 * modules' tables an import checks its rows against. Rows are written into other modules' tables by their own
 * code (agents' insertAgent, projects' signInTx, the leads' bulk insert), never from here.
 */

type Row = typeof dataImports.$inferSelect;

export async function findImport(db: DbOrTx, id: string): Promise<Row | null> {
  const [row] = await db.select().from(dataImports).where(eq(dataImports.id, id));
  return row ?? null;
}

/** The newest 200 imports, of one kind and of one importer when given. */
export async function listImportRows(db: DbOrTx, by: { kind?: ImportKind; createdBy?: string }) {
  return db
    .select()
    .from(dataImports)
    .where(and(by.kind ? eq(dataImports.kind, by.kind) : undefined, by.createdBy ? eq(dataImports.createdBy, by.createdBy) : undefined))
    .orderBy(desc(dataImports.createdAt), desc(dataImports.id))
    .limit(200);
}

export async function insertImport(db: DbOrTx, values: typeof dataImports.$inferInsert): Promise<Row | null> {
  const [row] = await db.insert(dataImports).values(values).returning();
  return row ?? null;
}

/** The mapping last chosen for this header row (the same columns in the same order), if any. */
export async function rememberedMapping(db: DbOrTx, kind: ImportKind, headerKey: string) {
  const [remembered] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.kind, kind), eq(importMappings.headerKey, headerKey)));
  return remembered ?? null;
}

export async function rememberMapping(
  db: DbOrTx,
  m: { kind: ImportKind; headerKey: string; headers: string[]; mapping: (string | null)[]; updatedBy: string; updatedAt: Date },
) {
  await db
    .insert(importMappings)
    .values(m)
    .onConflictDoUpdate({
      target: [importMappings.kind, importMappings.headerKey],
      set: { mapping: m.mapping, updatedBy: m.updatedBy, updatedAt: m.updatedAt },
    });
}

/** The check's result, unless the import was started meanwhile (null then). */
export async function markChecked(db: DbOrTx, id: string, set: Partial<typeof dataImports.$inferInsert>): Promise<Row | null> {
  const [updated] = await db
    .update(dataImports)
    .set(set)
    .where(and(eq(dataImports.id, id), sql`${dataImports.status} in ('uploaded', 'checked', 'failed')`))
    .returning();
  return updated ?? null;
}

/** Moves a checked import to importing; null when another request claimed it first. */
export async function claimImport(db: DbOrTx, id: string, startedAt: Date): Promise<Row | null> {
  const [claimed] = await db
    .update(dataImports)
    .set({ status: 'importing', startedAt, error: null, errorReason: null, errorParams: null })
    .where(and(eq(dataImports.id, id), eq(dataImports.status, 'checked')))
    .returning();
  return claimed ?? null;
}

export async function markFailed(db: DbOrTx, id: string, failure: { reason: string; params: Record<string, unknown> }, finishedAt: Date) {
  await db
    .update(dataImports)
    .set({ status: 'failed', error: null, errorReason: failure.reason, errorParams: failure.params, finishedAt })
    .where(eq(dataImports.id, id));
}

export async function markDone(db: DbOrTx, id: string, importedRows: number, finishedAt: Date) {
  await db.update(dataImports).set({ status: 'done', importedRows, finishedAt }).where(eq(dataImports.id, id));
}

export async function importingRows(db: DbOrTx) {
  return db.select({ id: dataImports.id, startedAt: dataImports.startedAt }).from(dataImports).where(eq(dataImports.status, 'importing'));
}

/** The import's advisory lock, held until the transaction ends (failInterruptedImports tries it). */
export async function holdImportLock(db: DbOrTx, id: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${id}`}))`);
}

/** Takes the import's lock for the rest of the transaction if no one holds it; false when a running import does. */
export async function tryImportLock(db: DbOrTx, id: string): Promise<boolean> {
  const result: unknown = await db.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`import:${id}`})) as free`);
  // node-postgres and PGlite answer { rows }, postgres.js the rows themselves.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { free: boolean }[];
  return !!rows[0]?.free;
}

/** An import left importing by a stopped instance is failed; null when it is no longer importing. */
export async function markInterrupted(db: DbOrTx, id: string, startedAt: string, finishedAt: Date) {
  const [row] = await db
    .update(dataImports)
    .set({ status: 'failed', error: null, errorReason: 'IMPORT_INTERRUPTED', errorParams: { startedAt }, finishedAt })
    .where(and(eq(dataImports.id, id), eq(dataImports.status, 'importing')))
    .returning({ id: dataImports.id });
  return row ?? null;
}

// Reads of other modules' tables, for names, lookups and duplicates.

export async function userNames(db: DbOrTx, ids: string[]) {
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}

export async function findUser(db: DbOrTx, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u ?? null;
}

/** Every zone, park, industry and agent, and the active users: what a sheet's names are looked up in. */
export async function lookupRows(db: DbOrTx) {
  const [zoneRows, parkRows, industryRows, agentRows, userRows] = await Promise.all([
    db.select({ id: zones.id, name: zones.name }).from(zones),
    db.select({ id: parks.id, name: parks.name, zoneId: parks.zoneId }).from(parks),
    db.select({ id: industries.id, name: industries.name }).from(industries),
    db.select({ id: agents.id, name: agents.name, status: agents.status }).from(agents),
    db.select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles }).from(users).where(eq(users.active, true)),
  ]);
  return { zoneRows, parkRows, industryRows, agentRows, userRows };
}

/** Every agent's name and credit code with who registered it. */
export async function agentKeyRows(db: DbOrTx) {
  return db
    .select({ name: agents.name, creditCode: agents.creditCode, owner: users.displayName })
    .from(agents)
    .innerJoin(users, eq(users.id, agents.createdBy));
}

/** The projects already signed from these leads, with their owners' names. */
export async function projectsOfLeads(db: DbOrTx, leadIds: string[]) {
  return db
    .select({ leadId: projects.leadId, name: projects.name, signedOn: projects.signedOn, owner: users.displayName })
    .from(projects)
    .innerJoin(users, eq(users.id, projects.ownerId))
    .where(inArray(projects.leadId, leadIds));
}
