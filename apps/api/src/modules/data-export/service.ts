import type { PassThrough, Writable } from 'node:stream';
import { schema, type DbOrTx } from '@crm/db';
import { zoneDateTime } from '@crm/shared';
import { and, asc, eq, getTableName, gt, is, or, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { setText } from '../../lib/xlsx.ts';

/**
 * The full export (issue 11): every record of every entity, for an administrator — to keep, to audit, or to take the
 * data elsewhere. Streamed page by page (keyset on each table's primary key), so a million leads never sit in memory.
 * On a server Postgres the whole export reads one snapshot (a repeatable-read, read-only transaction); on the
 * embedded database each page is its own read, so other users are not held up for the length of the download.
 *
 * Left out on purpose: password and refresh-token hashes, the JWT signing secret, stored idempotent answers, the
 * per-address throttle's counters and the scheduler's job queue —
 * secrets or machinery, not records. (`pnpm backup` keeps everything.)
 */
const SKIP_TABLES = new Set(['refresh_tokens', 'idempotency_keys', 'rate_limit_hits', 'jobs']);
const SKIP_COLUMNS: Record<string, Set<string>> = { users: new Set(['passwordHash']) };
const SKIP_ROWS: Record<string, (row: Record<string, unknown>) => boolean> = { settings: (row) => row.key === 'jwt_secret' };
const PAGE = 1000;

type Entity = { name: string; table: PgTable; key: PgColumn[]; columns: [string, PgColumn][] };

export function entities(): Entity[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
  return tables
    .map((table) => {
      const config = getTableConfig(table);
      const name = getTableName(table);
      const skip = SKIP_COLUMNS[name] ?? new Set<string>();
      const columnByName = new Map(config.columns.map((c) => [c.name, c]));
      const columns = Object.entries(table as unknown as Record<string, PgColumn>).filter(([prop, c]) => columnByName.get(c?.name) === c && !skip.has(prop));
      const composite = config.primaryKeys[0]?.columns;
      const key = composite ?? config.columns.filter((c) => c.primary);
      return { name, table, key, columns };
    })
    .filter((e) => !SKIP_TABLES.has(e.name) && e.key.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every row of one entity, a page at a time, in primary-key order. */
async function* rowsOf(db: DbOrTx, entity: Entity): AsyncGenerator<Record<string, unknown>> {
  let last: unknown[] | null = null;
  const selection = Object.fromEntries(entity.columns);
  const keyProps = entity.key.map((k) => entity.columns.find(([, c]) => c === k)?.[0] ?? k.name);
  for (;;) {
    // (a, b) > (x, y) spelled out, so it works for any number of key columns.
    const after: SQL | undefined = last
      ? or(...entity.key.map((k, i) => and(...entity.key.slice(0, i).map((p, j) => eq(p, (last as unknown[])[j])), gt(k, (last as unknown[])[i]))))
      : undefined;
    const page = (await db
      .select(selection)
      .from(entity.table)
      .where(after)
      .orderBy(...entity.key.map((k) => asc(k)))
      .limit(PAGE)) as Record<string, unknown>[];
    for (const row of page) if (!SKIP_ROWS[entity.name]?.(row)) yield row;
    if (page.length < PAGE) return;
    const tail = page[page.length - 1] as Record<string, unknown>;
    last = keyProps.map((p) => tail[p]);
  }
}

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Waits when the client reads slower than we write (backpressure), so memory stays flat. */
const write = (out: Writable, chunk: string) => (out.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));

async function writeJson(db: DbOrTx, out: PassThrough, ctx: Ctx) {
  await write(out, `{"exportedAt":${json(ctx.now().toISOString())},"timeZone":${json(ctx.config.timeZone)},"tables":{`);
  let firstTable = true;
  for (const entity of entities()) {
    await write(out, `${firstTable ? '' : ','}${json(entity.name)}:[`);
    firstTable = false;
    let first = true;
    for await (const row of rowsOf(db, entity)) {
      await write(out, `${first ? '' : ','}\n${json(row)}`);
      first = false;
    }
    await write(out, ']');
  }
  await write(out, '}}\n');
}

const cellText = (v: unknown, timeZone: string): string | number | boolean | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return zoneDateTime(v, timeZone, { seconds: true });
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

async function writeXlsx(db: DbOrTx, out: PassThrough, ctx: Ctx) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '招商 CRM';
  book.created = ctx.now();
  for (const entity of entities()) {
    // A sheet per entity; its name is the table's (Excel allows 31 characters).
    const sheet = book.addWorksheet(entity.name.slice(0, 31));
    const header = sheet.addRow(entity.columns.map(([prop]) => prop));
    header.font = { bold: true };
    header.commit();
    for await (const row of rowsOf(db, entity)) {
      const line = sheet.addRow([]);
      entity.columns.forEach(([prop], i) => {
        const v = cellText(row[prop], ctx.config.timeZone);
        const cell = line.getCell(i + 1);
        if (typeof v === 'string') setText(cell, v);
        else cell.value = v;
      });
      line.commit();
    }
    sheet.commit();
  }
  await book.commit();
}

/** `snapshot`: read everything in one repeatable-read transaction (a server Postgres, which has connections to spare). */
/** The role check comes before the download starts (a 403 in the error shape, not a broken file). */
export function assertCanExport(ctx: Ctx): void {
  requireRole(ctx, ['admin'], 'export every record');
}

export async function exportAll({ ctx, format, out, snapshot }: { ctx: Ctx; format: 'json' | 'xlsx'; out: PassThrough; snapshot: boolean }): Promise<void> {
  requireRole(ctx, ['admin'], 'export every record');
  await ctx.db.transaction((tx) => audit(tx, ctx, { action: 'export.all', entityType: 'system', entityId: 'export', after: { format } }));
  const produce = (db: DbOrTx) => (format === 'json' ? writeJson(db, out, ctx) : writeXlsx(db, out, ctx));
  try {
    if (snapshot) {
      await ctx.db.transaction((tx) => produce(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
    } else {
      await produce(ctx.db);
    }
    if (format === 'json') out.end();
  } catch (error) {
    out.destroy(error as Error);
  }
}
