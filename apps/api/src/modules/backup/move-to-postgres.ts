/**
 * `pnpm move-to-postgres postgres://…` — moves the CRM from the embedded database (DATA_DIR) to an empty server
 * Postgres: the target gets this version's schema (the same migrations), then every row of every table is copied,
 * parents before children, and the two are counted against each other. Stop the app first (the folder is locked to
 * it, and the move must see its last write); afterwards start it with DATABASE_URL set. The embedded folder is left
 * as it was, so going back is just starting without DATABASE_URL.
 */
import { chunkRows, isHolderAlive, openDb, readLock, schema, type Db } from '@crm/db';
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { readEnv } from '../../env.ts';

const env = readEnv();
const target = process.argv[2];
const say = (line: string) => process.stdout.write(`${line}\n`);
if (!target?.startsWith('postgres')) {
  process.stderr.write('Usage: pnpm move-to-postgres postgres://user@host:5432/database — an empty database the CRM may use.\n');
  process.exit(2);
}
const holder = readLock(env.DATA_DIR);
if (holder && isHolderAlive(holder)) {
  process.stderr.write(`Stop the CRM first: process ${holder.pid} holds ${env.DATA_DIR}, and the move must see its last write.\n`);
  process.exit(2);
}

/** Tables ordered so that every table comes after the tables it references. */
function tablesInOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
  const ordered: PgTable[] = [];
  const seen = new Set<PgTable>();
  const visit = (table: PgTable) => {
    if (seen.has(table)) return;
    seen.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = fk.reference().foreignTable;
      if (parent !== table) visit(parent);
    }
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

/** Tables whose rows are counted from others' (issue 12's rollups), rebuilt after the copy rather than copied. */
const DERIVED = new Set(['lead_rollup', 'lead_totals', 'activity_rollup', 'project_rollup', 'milestone_rollup']);

const count = async (db: Db, table: PgTable) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
};

const source = await openDb({ dataDir: env.DATA_DIR });
const server = await openDb({ url: target });
let ok = true;
try {
  const [{ n: existing } = { n: 0 }] = await server.db.select({ n: sql<number>`count(*)::int` }).from(schema.users);
  if (existing > 0) throw new Error(`${target.replace(/\/\/.*@/, '//')} already has users: move into an empty database only.`);
  const tables = tablesInOrder();
  await server.db.transaction(async (tx) => {
    // A fresh schema already holds the rows its migrations seed (approval item kinds, indicator definitions, the
    // rollups' settings); the source has them too, as edited since, so they are cleared here and copied with the rest.
    for (const table of [...tables].reverse()) await tx.delete(table);
    for (const table of tables) {
      // The rollups are kept by triggers as the leads, projects and activities are copied; they are recounted once at
      // the end instead (a source's rollup may also keep rows whose counts fell to zero).
      if (DERIVED.has(getTableName(table))) continue;
      const rows = (await source.db.select().from(table)) as Record<string, unknown>[];
      const columns = getTableConfig(table).columns.length;
      for (const chunk of chunkRows(rows, columns, server.maxParams)) if (chunk.length) await tx.insert(table).values(chunk as never);
      // Serial keys continue after the copied rows.
      for (const column of getTableConfig(table).columns.filter((c) => c.columnType === 'PgBigSerial53' || c.columnType === 'PgSerial')) {
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('${getTableName(table)}', '${column.name}'), coalesce((select max("${column.name}") from "${getTableName(table)}"), 0) + 1, false)`,
          ),
        );
      }
    }
    await tx.execute(sql`select crm_rebuild_rollups()`);
  });
  for (const table of tables) {
    if (DERIVED.has(getTableName(table))) {
      say(`${getTableName(table).padEnd(28)} recounted from the copied rows`);
      continue;
    }
    const [from, to] = [await count(source.db, table), await count(server.db, table)];
    if (from !== to) ok = false;
    say(`${getTableName(table).padEnd(28)} ${String(from).padStart(9)} → ${String(to).padStart(9)}${from === to ? '' : '  DIFFERENT'}`);
  }
} finally {
  await source.close();
  await server.close();
}
if (!ok) {
  process.stderr.write('The counts differ: the move is not complete. Nothing is lost in the embedded folder; look at the lines marked DIFFERENT.\n');
  process.exit(1);
}
say(`Moved. Start the CRM with DATABASE_URL=${target.replace(/\/\/.*@/, '//…@')} from now on; the embedded folder ${env.DATA_DIR} was not changed.`);
