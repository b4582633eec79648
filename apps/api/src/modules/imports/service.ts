import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { dataImports, Tx } from '@crm/db';
import {
  agentFieldHeaders,
  agentImportFields,
  AppError,
  notSaved,
  problem,
  invalid,
  importFieldLabelsOf,
  isMajorInvestment,
  importFieldsOf,
  leadFieldHeaders,
  leadImportFields,
  MAX_IMPORT_BYTES,
  MAX_STORED_ISSUES,
  problemLanguages,
  projectFieldHeaders,
  projectImportFields,
  renderProblem,
  requiredImportFieldsOf,
  type DataImport,
  type ImportIssue,
  type ImportKind,
  type MappingBody,
  type ProblemParams,
} from '@crm/shared';
import type { MultipartFile } from '@fastify/multipart';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { hasRole, requireRole, within, type Ctx } from '../../lib/context.ts';
import { dayStart, today } from '../../lib/dates.ts';
import { cleanName } from '../filings/attachments.ts';
import { calendarFrom, rulesFor, startingClock, type ZoneRules } from '../clocks/clock.ts';
import { insertAgent } from '../agents/service.ts';
import { writeLeads, type NewLead } from '../leads/bulk-insert.ts';
import { newLeadValues, protectionFromToday } from '../leads/service.ts';
import { AgentRowChecker, agentsAgainstCrm, loadAgentKeys, type CheckedAgent } from './agent-rows.ts';
import { columnsOf } from './cells.ts';
import { checkAgainstCrm, LeadRowChecker, loadLookups, suggestMapping, type Checked, type OwnerRule } from './lead-rows.ts';
import { ProjectRowChecker, projectsAgainstCrm, writeProjects, type CheckedProject } from './project-rows.ts';
import { cellText, detectEncoding, isBlankRow, readSheet, sniffSheet, type SheetFormat, type SheetRow } from './read.ts';
import * as repo from './repository.ts';

/**
 * Spreadsheet imports of leads, agents and projects (issue 12). Who may import: leads — staff (their own leads
 * only), managers and admins (into anyone's name: the 负责人 column, else a default owner they choose); agents and
 * projects — managers and admins only. Upload stores the file on disk and its header row; check maps, validates
 * every row and keeps the report; run writes every row in one transaction or none.
 */
const IMPORTERS = ['staff', 'manager', 'admin'] as const;
/** Who imports each kind (docs/decisions.md "Spreadsheet imports of agents and projects"). */
const IMPORTERS_OF: Record<ImportKind, readonly ('staff' | 'manager' | 'admin')[]> = {
  leads: IMPORTERS,
  agents: ['manager', 'admin'],
  projects: ['manager', 'admin'],
};
const entityOf = { leads: 'lead', agents: 'agent', projects: 'project' } as const;
/** Rows per insert: a lead row binds about 25 parameters, so 500 rows stay near 12,500, well under 32,767. */
const CHUNK = 500;
const PREVIEW_ROWS = 20;

type Row = typeof dataImports.$inferSelect;

/** This instance's progress of the imports it is running (polled by GET /api/imports/:id). */
const progress = new Map<string, number>();
/** The background runs, so a test or a shutdown can wait for them. */
export const running = new Map<string, Promise<void>>();

const notFound = () => problem('IMPORT_NOT_FOUND');
const isManager = (ctx: Ctx) => hasRole(ctx, 'manager', 'admin');

function filePath(ctx: Ctx, storedName: string) {
  return path.join(path.resolve(ctx.config.attachmentsDir), storedName);
}

const headerKey = (headers: string[]) =>
  createHash('sha256')
    .update(JSON.stringify(headers.map((h) => h.replace(/\s+/g, ''))))
    .digest('hex');

/** Display names of these users, in one query. */
async function namesOf(ctx: Ctx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await repo.userNames(ctx.db, wanted);
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function toView(ctx: Ctx, row: Row, names?: Map<string, string>): Promise<DataImport> {
  const known = names ?? (await namesOf(ctx, [row.createdBy, row.defaultOwnerId]));
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    format: row.format as SheetFormat,
    encoding: row.encoding,
    sizeBytes: row.sizeBytes,
    status: row.status as DataImport['status'],
    headers: row.headers,
    mapping: row.mapping,
    mappingSource: row.mappingSource as DataImport['mappingSource'],
    defaultOwnerId: row.defaultOwnerId,
    defaultOwnerName: row.defaultOwnerId ? (known.get(row.defaultOwnerId) ?? null) : null,
    totalRows: row.totalRows,
    validRows: row.validRows,
    refusedRows: row.refusedRows,
    importedRows: row.importedRows,
    processedRows: row.status === 'done' ? row.importedRows : (progress.get(row.id) ?? 0),
    issues: row.issues as ImportIssue[],
    issueCount: row.issueCount,
    preview: row.preview as DataImport['preview'],
    errorReason: row.errorReason,
    errorParams: row.errorParams,
    error: row.errorReason ? renderProblem(problemLanguages.en, row.errorReason, row.errorParams as ProblemParams) : row.error,
    createdBy: row.createdBy,
    createdByName: known.get(row.createdBy) ?? '',
    createdAt: row.createdAt.toISOString(),
    checkedAt: row.checkedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Staff see and use their own imports (of leads); managers and admins every import. */
async function loadImport(ctx: Ctx, id: string): Promise<Row> {
  requireRole(ctx, [...IMPORTERS], 'import spreadsheets');
  const row = await repo.findImport(ctx.db, id);
  if (!row) throw notFound();
  if (row.createdBy !== ctx.actor.id && !isManager(ctx)) throw problem('IMPORT_NOT_YOURS');
  assertCanImportKind(ctx, row.kind);
  return row;
}

/** Leads: staff, managers, admins; agents and projects: managers and admins. */
export function assertCanImportKind(ctx: Ctx, kind: ImportKind) {
  if (!hasRole(ctx, ...IMPORTERS_OF[kind])) throw problem('IMPORT_KIND_MANAGERS', { entity: entityOf[kind] });
}

export async function getImport({ ctx, id }: { ctx: Ctx; id: string }) {
  return toView(ctx, await loadImport(ctx, id));
}

export async function listImports({ ctx, kind }: { ctx: Ctx; kind?: ImportKind }) {
  requireRole(ctx, [...IMPORTERS], 'import spreadsheets');
  const rows = await repo.listImportRows(ctx.db, { kind, createdBy: isManager(ctx) ? undefined : ctx.actor.id });
  const names = await namesOf(
    ctx,
    rows.flatMap((r) => [r.createdBy, r.defaultOwnerId]),
  );
  const items = [];
  for (const r of rows) {
    const { issues: _i, preview: _p, headers: _h, mapping: _m, ...summary } = await toView(ctx, r, names);
    items.push(summary);
  }
  return { items };
}

/** Checked before the body is read: who may upload. */
export function assertCanImport(ctx: Ctx) {
  requireRole(ctx, [...IMPORTERS], 'import spreadsheets');
}

/**
 * Stores the upload under the attachments folder (imports/<month>/<uuid>.<ext>), streamed with its SHA-256 and cut
 * off at MAX_IMPORT_BYTES, reads its header row and offers the mapping remembered for that header row (or one
 * suggested from the header names). Nothing is checked or imported yet.
 */
export async function uploadImport({ ctx, kind, file }: { ctx: Ctx; kind: ImportKind; file: MultipartFile }) {
  assertCanImport(ctx);
  assertCanImportKind(ctx, kind);
  const fileName = cleanName(file.filename ?? '');
  const ext = path.extname(fileName).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    file.file.resume();
    throw invalid('file', 'FILE_TYPE', { name: fileName || '—' });
  }
  const root = path.resolve(ctx.config.attachmentsDir);
  const storedName = `imports/${ctx.now().toISOString().slice(0, 7)}/${randomUUID()}${ext}`;
  const temp = path.join(root, '.incoming', `${randomUUID()}.part`);
  await mkdir(path.dirname(temp), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(file.file, tap, createWriteStream(temp, { flags: 'wx' }));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const refuse = async (error: AppError) => {
    await unlink(temp).catch(() => undefined);
    return error;
  };
  if (file.file.truncated) throw await refuse(problem('IMPORT_TOO_LARGE', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 }));
  if (size === 0) throw await refuse(invalid('file', 'FILE_EMPTY'));
  const sniffed = await sniffSheet(temp);
  if (sniffed === 'xls') throw await refuse(invalid('file', 'FILE_XLS'));
  if (ext === '.xlsx' && sniffed !== 'xlsx') throw await refuse(invalid('file', 'FILE_NOT_XLSX'));
  if (ext === '.csv' && sniffed !== 'text') throw await refuse(invalid('file', 'FILE_NOT_CSV'));
  const format: SheetFormat = ext === '.xlsx' ? 'xlsx' : 'csv';
  const encoding = format === 'csv' ? await detectEncoding(temp) : null;

  let headers: string[] | null = null;
  try {
    for await (const r of readSheet(temp, format, encoding)) {
      if (isBlankRow(r.cells)) continue;
      headers = r.cells.map((c) => cellText(c));
      while (headers.length && headers.at(-1) === '') headers.pop();
      break;
    }
  } catch {
    throw await refuse(invalid('file', 'FILE_UNREADABLE', { format }));
  }
  if (!headers || headers.length === 0) throw await refuse(invalid('file', 'FILE_NO_HEADER'));
  if (headers.length > 200) throw await refuse(invalid('file', 'FILE_TOO_MANY_COLUMNS', { count: headers.length }));

  const final = path.join(root, storedName);
  await mkdir(path.dirname(final), { recursive: true });
  await rename(temp, final);
  const key = headerKey(headers);
  const remembered = await repo.rememberedMapping(ctx.db, kind, key);
  const mapping = remembered && remembered.mapping.length === headers.length ? remembered.mapping : suggestMapping(headers, kind);
  const now = ctx.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertImport(tx, {
        kind,
        fileName,
        storedName,
        format,
        encoding,
        sizeBytes: size,
        sha256: hash.digest('hex'),
        status: 'uploaded',
        headers,
        headerKey: key,
        mapping,
        mappingSource: remembered ? 'remembered' : 'suggested',
        defaultOwnerId: kind === 'leads' && hasRole(ctx, 'staff', 'manager') ? ctx.actor.id : null,
        createdBy: ctx.actor.id,
        createdAt: now,
      });
      if (!row) throw notSaved('import');
      await audit(tx, ctx, {
        action: 'import.upload',
        entityType: 'data_import',
        entityId: row.id,
        after: { kind, fileName, sizeBytes: size, format, encoding, headers },
      });
      return toView({ ...ctx, db: tx as unknown as Ctx['db'] }, row);
    });
  } catch (error) {
    await unlink(final).catch(() => undefined);
    throw error;
  }
}

/** Who rows without a 负责人 go to, and whether the importer may name others. */
async function ownerRule(ctx: Ctx, row: Row, requested: string | null | undefined): Promise<OwnerRule> {
  const staffOnly = !isManager(ctx);
  let id: string | null = staffOnly ? ctx.actor.id : requested === undefined ? row.defaultOwnerId : requested;
  if (staffOnly && requested && requested !== ctx.actor.id) throw problem('IMPORT_OWN_NAME_ONLY');
  let defaultOwner: OwnerRule['defaultOwner'] = null;
  if (id) {
    const u = await repo.findUser(ctx.db, id);
    if (!u?.active || (!u.roles.includes('staff') && !u.roles.includes('manager'))) throw invalid('defaultOwnerId', 'OWNER_NOT_STAFF');
    defaultOwner = { id: u.id, displayName: u.displayName };
  } else id = null;
  return { actorId: ctx.actor.id, actorName: ctx.actor.displayName, staffOnly, defaultOwner };
}

function assertMapping(kind: ImportKind, headers: string[], mapping: (string | null)[]) {
  const labels = importFieldLabelsOf[kind];
  if (mapping.length !== headers.length) throw invalid('mapping', 'MAPPING_LENGTH', { columns: headers.length, mapped: mapping.length });
  const seen = new Set<string>();
  for (const f of mapping) {
    if (!f) continue;
    if (!importFieldsOf[kind].includes(f)) throw invalid('mapping', 'MAPPING_UNKNOWN_FIELD', { field: f });
    if (seen.has(f)) throw invalid('mapping', 'MAPPING_TWICE', { label: `${labels[f]} (${f})` });
    seen.add(f);
  }
  for (const f of requiredImportFieldsOf[kind]) if (!seen.has(f)) throw invalid('mapping', 'MAPPING_REQUIRED', { label: `${labels[f]} (${f})` });
}

type AnyChecked = { row: number; issues: ImportIssue[]; preview: Record<string, string | null> };

/** Rolls back a dry run (the check signs each project row in a transaction that never commits). */
class DryRun extends Error {}

/** Reads the file once, row by row, without its header row. */
async function* dataRows(ctx: Ctx, row: Row) {
  let headerSeen = false;
  for await (const r of readSheet(filePath(ctx, row.storedName), row.format as SheetFormat, row.encoding as 'utf-8' | 'gb18030' | null)) {
    if (isBlankRow(r.cells)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    yield r;
  }
}

/**
 * Reads the file once and checks every row with the checker of its kind: the mapped cells, the CRM's zones,
 * industries, agents and users, duplicates inside the file and against the CRM (per chunk). Holds one chunk of rows
 * at a time. `db` is the import's transaction when importing; when only checking, each chunk of projects is signed
 * in a transaction rolled back (the signing service's own rules decide).
 */
async function scan<C extends AnyChecked>(
  ctx: Ctx,
  db: Ctx['db'],
  row: Row,
  rule: OwnerRule | null,
  importing: boolean,
  onChunk: (chunk: C[]) => Promise<void>,
) {
  const kind = row.kind;
  const { columnName } = columnsOf(row.headers, row.mapping, importFieldLabelsOf[kind]);
  let check: (r: SheetRow) => AnyChecked;
  let againstCrm: (chunk: AnyChecked[]) => Promise<void>;
  if (kind === 'leads') {
    const checker = new LeadRowChecker(row.headers, row.mapping, await loadLookups(db), rule!, today(ctx));
    check = (r) => checker.check(r);
    againstCrm = (chunk) => checkAgainstCrm(db, chunk as Checked[], row.headers, row.mapping);
  } else if (kind === 'agents') {
    const checker = new AgentRowChecker(row.headers, row.mapping);
    const keys = await loadAgentKeys(db);
    check = (r) => checker.check(r);
    againstCrm = async (chunk) => agentsAgainstCrm(keys, chunk as CheckedAgent[], columnName);
  } else {
    const checker = new ProjectRowChecker(row.headers, row.mapping, await loadLookups(db));
    check = (r) => checker.check(r);
    againstCrm = importing
      ? (chunk) => projectsAgainstCrm(within(ctx, db as unknown as Tx), db as unknown as Tx, chunk as CheckedProject[], columnName, false)
      : async (chunk) => {
          await db
            .transaction(async (tx) => {
              await projectsAgainstCrm(within(ctx, tx), tx, chunk as CheckedProject[], columnName, true);
              throw new DryRun();
            })
            .catch((error: unknown) => {
              if (!(error instanceof DryRun)) throw error;
            });
        };
  }
  let chunk: AnyChecked[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await againstCrm(chunk);
    await onChunk(chunk as C[]);
    chunk = [];
  };
  for await (const r of dataRows(ctx, row)) {
    chunk.push(check(r));
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
}

/** Saves the mapping (remembered for this header row), checks every row and keeps the report and a preview. */
export async function checkImport({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof MappingBody> }) {
  const row = await loadImport(ctx, id);
  if (row.status === 'importing' || row.status === 'done') throw problem('IMPORT_BUSY', { status: row.status });
  assertMapping(row.kind, row.headers, input.mapping);
  const rule = row.kind === 'leads' ? await ownerRule(ctx, row, input.defaultOwnerId) : null;
  const staged: Row = { ...row, mapping: input.mapping };
  let total = 0;
  let refused = 0;
  let issueCount = 0;
  const issues: ImportIssue[] = [];
  const preview: DataImport['preview'] = [];
  await scan(ctx, ctx.db, staged, rule, false, async (chunk) => {
    for (const c of chunk) {
      total++;
      if (c.issues.length) refused++;
      issueCount += c.issues.length;
      for (const i of c.issues) if (issues.length < MAX_STORED_ISSUES) issues.push(i);
      if (preview.length < PREVIEW_ROWS) preview.push({ row: c.row, values: c.preview, refused: c.issues.length > 0 });
    }
  });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await repo.rememberMapping(tx, {
      kind: row.kind,
      headerKey: row.headerKey,
      headers: row.headers,
      mapping: input.mapping,
      updatedBy: ctx.actor.id,
      updatedAt: now,
    });
    const updated = await repo.markChecked(tx, id, {
      status: 'checked',
      mapping: input.mapping,
      mappingSource: 'chosen',
      defaultOwnerId: rule?.defaultOwner?.id ?? null,
      totalRows: total,
      validRows: total - refused,
      refusedRows: refused,
      issues,
      issueCount,
      preview,
      error: null,
      errorReason: null,
      errorParams: null,
      checkedAt: now,
    });
    if (!updated) throw problem('IMPORT_STARTED_MEANWHILE');
    await audit(tx, ctx, {
      action: 'import.check',
      entityType: 'data_import',
      entityId: id,
      after: { mapping: input.mapping, totalRows: total, refusedRows: refused, issueCount },
    });
    return toView({ ...ctx, db: tx as unknown as Ctx['db'] }, updated);
  });
}

/**
 * Starts the import of a checked file with no refused row, in the background: the answer says "importing" and the
 * web polls GET /api/imports/:id for progress. All rows go in one transaction: any row refused now (the CRM changed
 * since the check) or any failure writes nothing, and the import is marked failed with the reason.
 */
export async function runImport({ ctx, id }: { ctx: Ctx; id: string }) {
  const row = await loadImport(ctx, id);
  if (row.status !== 'checked') throw row.status === 'uploaded' ? problem('IMPORT_NOT_CHECKED') : problem('IMPORT_BUSY', { status: row.status });
  if (row.refusedRows > 0) throw problem('IMPORT_REFUSED_ROWS', { count: row.refusedRows }, { refusedRows: row.refusedRows });
  if (row.validRows === 0) throw problem('IMPORT_NO_ROWS');
  const rule = row.kind === 'leads' ? await ownerRule(ctx, row, row.defaultOwnerId) : null;
  const now = ctx.now();
  const claimed = await repo.claimImport(ctx.db, id, now);
  if (!claimed) throw problem('IMPORT_ALREADY_STARTED');
  progress.set(id, 0);
  const work = importRows(ctx, claimed, rule, now)
    .catch(async (error: unknown) => {
      // Stored as a problem of the catalogues (reason and parameters), so each reader sees it in their language.
      const failure = error instanceof AppError ? error : problem('IMPORT_FAILED', { detail: error instanceof Error ? error.message : String(error) });
      await repo.markFailed(ctx.db, id, { reason: failure.reason, params: { ...failure.params } }, ctx.now());
    })
    .catch(() => undefined)
    .finally(() => {
      progress.delete(id);
      running.delete(id);
    });
  running.set(id, work);
  return toView(ctx, claimed);
}

/**
 * An import left "importing" by an instance that stopped (a crash, a restart) is marked failed, so it can be checked
 * and run again. A running import holds a transaction-scoped advisory lock on its id; a row whose lock is free has no
 * instance running it (its transaction rolled back when the connection went). Called when the app starts.
 */
export async function failInterruptedImports(db: Ctx['db'], now: Date) {
  const stuck = await repo.importingRows(db);
  let reset = 0;
  for (const s of stuck) {
    if (running.has(s.id)) continue;
    const done = await db.transaction(async (tx) => {
      if (!(await repo.tryImportLock(tx, s.id))) return false;
      const startedAt = s.startedAt ? `${s.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
      const row = await repo.markInterrupted(tx, s.id, startedAt, now);
      if (row)
        await audit(
          tx,
          { actor: null, requestId: null },
          { action: 'import.interrupted', entityType: 'data_import', entityId: s.id, after: { startedAt: s.startedAt?.toISOString() ?? null } },
        );
      return !!row;
    });
    if (done) reset++;
  }
  return reset;
}

async function importRows(ctx: Ctx, row: Row, rule: OwnerRule | null, now: Date) {
  await ctx.db.transaction(async (tx) => {
    const txDb = tx as unknown as Ctx['db'];
    // Held until the transaction ends: an instance starting meanwhile sees this import is running (failInterruptedImports).
    await repo.holdImportLock(tx, row.id);
    const kind = row.kind;
    // The same for every row of the import: today, its owners' protection, and each registration day's start.
    const todayIs = today(ctx);
    const calendar = kind === 'leads' ? await calendarFrom(tx, todayIs) : null;
    const rules = new Map<string | null, ZoneRules>();
    const clocks = new Map<string, ReturnType<typeof startingClock>>();
    const protectionExpiresAt = protectionFromToday(ctx);
    const dayStarts = new Map<string, Date>();
    const dayStartOf = (day: string) => {
      const known = dayStarts.get(day);
      if (known) return known;
      const at = dayStart(ctx, day);
      dayStarts.set(day, at);
      return at;
    };
    const txCtx = within(ctx, tx);
    let imported = 0;
    let writing: Promise<void> = Promise.resolve();
    const onChunk = async (chunk: (AnyChecked & { lead?: unknown; value?: unknown })[]) => {
      const refusedNow = chunk.find((c) => c.issues.length > 0 || !(kind === 'leads' ? c.lead : c.value));
      if (refusedNow) {
        const first = refusedNow.issues[0];
        throw problem('IMPORT_ROW_CHANGED', { row: refusedNow.row }, { problem: first?.problem ?? null });
      }
      if (kind === 'agents') {
        for (const c of chunk as CheckedAgent[]) await insertAgent(tx, txCtx, c.value!, { importId: row.id });
        imported += chunk.length;
        progress.set(row.id, imported);
        return;
      }
      if (kind === 'projects') {
        imported += await writeProjects(txCtx, tx, chunk as CheckedProject[], row.id);
        progress.set(row.id, imported);
        return;
      }
      const values: NewLead[] = [];
      for (const c of chunk as Checked[]) {
        const lead = c.lead!;
        const zoneId = lead.zoneId ?? null;
        if (!rules.has(zoneId)) rules.set(zoneId, await rulesFor(tx, zoneId));
        const zoneRules = rules.get(zoneId)!;
        const createdAt = lead.registeredOn && lead.registeredOn < todayIs ? dayStartOf(lead.registeredOn) : now;
        // A clock starting now depends only on the zone's rules and whether the lead is major: worked out once each.
        const clockKey = `${zoneId}|${isMajorInvestment(lead.estimatedInvestmentFen, zoneRules)}`;
        let clock = clocks.get(clockKey);
        if (!clock) {
          clock = startingClock(ctx, zoneRules, calendar!, { estimatedInvestmentFen: lead.estimatedInvestmentFen, epochAt: now });
          clocks.set(clockKey, clock);
        }
        values.push({ ...newLeadValues(ctx, { ...lead, createdAt }, lead.ownerId, now, protectionExpiresAt), ...clock });
      }
      // One chunk is written while the next is read and checked: Node's work and the database's overlap (the
      // transaction's statements still run one after another, in order).
      await writing;
      writing = writeLeads(tx, values, { actorId: ctx.actor.id, requestId: ctx.requestId, importId: row.id, now }).then((n) => {
        imported += n;
        progress.set(row.id, imported);
      });
      // Awaited before the next write and at the end; until then its failure must not count as unhandled.
      writing.catch(() => undefined);
    };
    try {
      await scan<AnyChecked & { lead?: unknown; value?: unknown }>(ctx, txDb, row, rule, true, onChunk);
      await writing;
    } catch (error) {
      // A failed write aborts the transaction, so the next chunk's statement fails too: the write's error is the cause.
      throw await writing.then(
        () => error,
        (writeError: unknown) => writeError,
      );
    }
    const finishedAt = ctx.now();
    await repo.markDone(tx, row.id, imported, finishedAt);
    await audit(tx, ctx, {
      action: 'import.run',
      entityType: 'data_import',
      entityId: row.id,
      after: { kind: row.kind, fileName: row.fileName, sha256: row.sha256, importedRows: imported, defaultOwnerId: rule?.defaultOwner?.id ?? null },
    });
  });
}

/** The check's report as a workbook: every problem with its row, column, what is wrong and how to fix it. */
export async function reportWorkbook({ ctx, id }: { ctx: Ctx; id: string }) {
  const row = await loadImport(ctx, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 22 },
    { header: '问题', key: 'problem', width: 50 },
    { header: '如何修改', key: 'fix', width: 50 },
    { header: '单元格内容', key: 'value', width: 30 },
    { header: '已有负责人', key: 'existingOwner', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of row.issues as ImportIssue[]) {
    // Values are written as text: a cell that was a formula in the upload must not become one in the report.
    ws.addRow({
      row: i.row,
      column: i.column,
      problem: i.problem,
      fix: i.fix,
      value: i.value === null ? '' : { richText: [{ text: i.value }] },
      existingOwner: i.existingOwner ?? '',
    });
  }
  const summary = wb.addWorksheet('汇总');
  summary.addRows([
    ['文件', row.fileName],
    ['数据行', row.totalRows],
    ['可导入', row.validRows],
    ['被拒绝的行', row.refusedRows],
    ['问题数', row.issueCount],
    ...(row.issueCount > (row.issues as unknown[]).length ? [['说明', `只列出前 ${(row.issues as unknown[]).length} 个问题`]] : []),
  ]);
  const name = row.fileName.replace(/\.(xlsx|csv)$/i, '');
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${name}_检查报告.xlsx`, ascii: `import-report-${row.id}.xlsx` };
}

/** The template: the columns in the order people expect, one example row, and the names the CRM knows. */
export async function templateWorkbook({ ctx, kind }: { ctx: Ctx; kind: ImportKind }) {
  assertCanImport(ctx);
  assertCanImportKind(ctx, kind);
  const lookups = await loadLookups(ctx.db);
  if (kind === 'agents') return agentTemplate();
  if (kind === 'projects') return projectTemplate(ctx, lookups);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('线索');
  const fields = leadImportFields.filter((f) => f !== 'investmentYuan' && f !== 'park');
  ws.addRow(fields.map((f) => leadFieldHeaders[f][0]));
  ws.getRow(1).font = { bold: true };
  const example: Record<string, string | number> = {
    companyName: '示例科技有限公司',
    creditCode: '91350100M000100Y43',
    contactName: '张经理',
    contactPhone: '13800000000',
    industry: [...lookups.industries.keys()][0] ?? '',
    zone: [...lookups.zones.keys()][0] ?? '',
    channel: '产业链招商',
    agent: '',
    investmentWan: '1200',
    owner: hasRole(ctx, 'staff', 'manager') ? ctx.actor.displayName : '',
    registeredOn: today(ctx),
    nextFollowUpOn: '',
    notes: '删除本示例行后填写',
  };
  ws.addRow(fields.map((f) => example[f] ?? ''));
  fields.forEach((_, i) => {
    ws.getColumn(i + 1).width = 18;
  });
  const help = wb.addWorksheet('填写说明');
  help.addRows([
    ['必填', '企业名称'],
    ['统一社会信用代码', '18 位，校验位错误的行会被拒绝；不知道可留空'],
    ['日期', '2026-11-30、2026/11/30、2026年11月30日 或 Excel 日期'],
    ['预计投资', '列名写“(万元)”按万元，写“(元)”按元，换算为分时精确到分'],
    ['渠道', '产业链招商、网络招商、代理招商、以商招商、委托招商、以人才引项目、专业机构招商、招商活动、自主招商（空白为自主招商）'],
    ['负责人', '在职招商人员或管理人员的姓名或用户名；招商人员只能导入自己的线索'],
    ['开发区', [...lookups.zones.keys()].join('、')],
    ['行业', [...lookups.industries.keys()].join('、')],
    ['公式', '不接受公式单元格，请粘贴为数值'],
  ]);
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 90;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: '线索导入模板.xlsx', ascii: 'leads-import-template.xlsx' };
}

async function workbookOf(sheet: string, headers: string[], example: (string | number)[], help: [string, string][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  for (let i = 1; i <= headers.length; i++) ws.getColumn(i).width = 18;
  const notes = wb.addWorksheet('填写说明');
  notes.addRows(help);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function agentTemplate() {
  const example: Record<string, string> = {
    name: '示例招商咨询有限公司',
    kind: '招商代理机构',
    creditCode: '91350100M000100Y43',
    contactName: '李经理',
    phone: '13900000000',
    email: '',
    isGovernmentUnit: '否',
    isPlatformCompany: '否',
    relatedPartyNote: '',
    agreementTitle: '委托招商协议',
    agreementStartsOn: '2026-01-01',
    agreementEndsOn: '2026-12-31',
    notes: '删除本示例行后填写',
  };
  const buffer = await workbookOf(
    '招商代理',
    agentImportFields.map((f) => agentFieldHeaders[f][0]!),
    agentImportFields.map((f) => example[f] ?? ''),
    [
      ['必填', '名称、类型'],
      ['类型', '招商代理机构、中介、引荐企业、个人引荐人'],
      ['统一社会信用代码', '18 位，校验位错误的行会被拒绝；个人可留空'],
      ['政府单位/平台公司', '填“是”或“否”（空白为否）；是的代理不发放引荐奖励'],
      ['协议', '可填一份委托协议：名称与开始日期必填，结束日期可空'],
      ['日期', '2026-11-30、2026/11/30、2026年11月30日 或 Excel 日期'],
      ['重复', '与系统中已登记的代理（名称或信用代码相同）或文件中其他行重复的行会被拒绝'],
      ['公式', '不接受公式单元格，请粘贴为数值'],
    ],
  );
  return { buffer, fileName: '招商代理导入模板.xlsx', ascii: 'agents-import-template.xlsx' };
}

async function projectTemplate(ctx: Ctx, lookups: Awaited<ReturnType<typeof loadLookups>>) {
  const example: Record<string, string | number> = {
    creditCode: '91350100M000100Y43',
    companyName: '示例科技有限公司',
    signedOn: today(ctx),
    contractInvestmentWan: '5000',
    registeredCapitalWan: '1000',
    fixedAssetWan: '3000',
    landMu: '50',
    annualOutputWan: '8000',
    annualTaxWan: '400',
    expectedJobs: 120,
    zone: [...lookups.zones.keys()][0] ?? '',
    park: '',
    industry: [...lookups.industries.keys()][0] ?? '',
    agent: '',
    notes: '删除本示例行后填写',
  };
  const buffer = await workbookOf(
    '项目',
    projectImportFields.map((f) => projectFieldHeaders[f][0]!),
    projectImportFields.map((f) => example[f] ?? ''),
    [
      ['必填', '签约日期、签约投资(万元)、开发区、行业；统一社会信用代码或企业名称'],
      ['线索', '项目由线索签约而来：按统一社会信用代码（没有时按企业名称）找到系统中的线索，签约人即线索负责人'],
      ['金额', '以万元计，换算为分时精确到分（小数位多于分的会被拒绝）'],
      ['日期', '2026-11-30、2026/11/30、2026年11月30日 或 Excel 日期；签约日期不能晚于今天'],
      ['开发区', [...lookups.zones.keys()].join('、')],
      ['行业', [...lookups.industries.keys()].join('、')],
      ['重复', '已签约的线索或文件中重复的线索会被拒绝'],
      ['公式', '不接受公式单元格，请粘贴为数值'],
    ],
  );
  return { buffer, fileName: '项目导入模板.xlsx', ascii: 'projects-import-template.xlsx' };
}
