import { oneOf } from '../one-of.ts';
import { importKinds, importStatuses } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A staged spreadsheet import (issue 12): the uploaded file stays on disk under the attachments folder
 * (imports/<month>/<uuid>.xlsx|csv) and is read again, as a stream, to check and to import; this row holds who,
 * when, the file, its header row, the mapping and the counts. Status: uploaded → checked → importing → done | failed.
 */
export const dataImports = pgTable(
  'data_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: importKinds }).notNull(), // leads | agents | projects
    fileName: text().notNull(),
    storedName: text().notNull(),
    format: text().notNull(), // xlsx | csv
    encoding: text(), // utf-8 | gb18030 for csv
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    status: text({ enum: importStatuses }).notNull().default('uploaded'),
    headers: jsonb().$type<string[]>().notNull(),
    headerKey: text().notNull(),
    /** One target field (or null: not imported) per column of the header row. */
    mapping: jsonb().$type<(string | null)[]>().notNull(),
    mappingSource: text().notNull(), // remembered | suggested | chosen
    /** Rows with no 负责人 go to this user (managers and admins choose; staff always import for themselves). */
    defaultOwnerId: uuid().references(() => users.id),
    totalRows: integer().notNull().default(0),
    validRows: integer().notNull().default(0),
    refusedRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    /** The first problems found (at most MAX_STORED_ISSUES); issueCount counts them all. */
    issues: jsonb().$type<unknown[]>().notNull().default([]),
    issueCount: integer().notNull().default(0),
    preview: jsonb().$type<unknown[]>().notNull().default([]),
    /** Why it failed: a problem reason of the catalogues and its parameters (rendered in the reader's language). */
    errorReason: text(),
    errorParams: jsonb().$type<Record<string, unknown>>(),
    /** Before issue 12's second part: the failure as English text (old rows only; new failures set errorReason). */
    error: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    checkedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    oneOf('data_imports_status_check', t.status, importStatuses),
    oneOf('data_imports_kind_check', t.kind, importKinds),
    index('data_imports_created_idx').on(t.createdAt, t.id),
    index('data_imports_creator_idx').on(t.createdBy, t.createdAt),
  ],
);

/** The mapping last chosen for a header row (the same spreadsheet layout next month is mapped the same way). */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: importKinds }).notNull(),
    headerKey: text().notNull(),
    headers: jsonb().$type<string[]>().notNull(),
    mapping: jsonb().$type<(string | null)[]>().notNull(),
    updatedBy: uuid()
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [oneOf('import_mappings_kind_check', t.kind, importKinds), uniqueIndex('import_mappings_kind_header_uq').on(t.kind, t.headerKey)],
);
