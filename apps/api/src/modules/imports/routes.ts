import {
  DataImport,
  DataImportSummary,
  IdParams,
  ImportListQuery,
  invalid,
  MappingBody,
  MAX_IMPORT_BYTES,
  TemplateQuery,
  UploadImportQuery,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../lib/attachment.ts';
import * as service from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Staff import their own leads; managers and admins anyone's, and agents and projects (docs/decisions.md
 * "Spreadsheet imports"); the kind is checked per request and per import in the service.
 */
const IMPORTERS = ['staff', 'manager', 'admin'] as const;

export async function importsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  // Closing the app waits for the imports it is running (each commits or rolls back whole) before the database goes.
  app.addHook('onClose', async () => {
    await Promise.allSettled([...service.running.values()]);
  });
  // An import a stopped instance left "importing" (it wrote nothing: its transaction died with it) is marked failed
  // with the reason IMPORT_INTERRUPTED when the app starts, so it can be checked and run again.
  app.addHook('onReady', async () => {
    const reset = await service.failInterruptedImports(app.db, app.config.clock.now());
    if (reset > 0) app.log.warn({ reset }, 'imports left importing by a stopped instance were marked failed');
  });
  r.get(
    '/api/imports',
    {
      ...app.access([...IMPORTERS]),
      schema: {
        tags,
        summary: 'Imports: who, when, which file, rows imported and refused (staff see their own)',
        querystring: ImportListQuery,
        response: { 200: z.object({ items: z.array(DataImportSummary) }) },
      },
    },
    (req) => service.listImports({ ctx: req.ctx(), kind: req.query.kind }),
  );
  r.get(
    '/api/imports/template',
    { ...app.access([...IMPORTERS]), schema: { tags, summary: 'The .xlsx template for an import', querystring: TemplateQuery } },
    async (req, reply) => {
      const t = await service.templateWorkbook({ ctx: req.ctx(), kind: req.query.kind });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(t.fileName, t.ascii))
        .header('cache-control', 'private, no-store')
        .send(t.buffer);
    },
  );
  r.post(
    '/api/imports',
    {
      ...app.access([...IMPORTERS]),
      schema: {
        tags,
        summary: `Upload an .xlsx or .csv (UTF-8 or GBK) sheet, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB, multipart field "file": staged with its header row and a suggested mapping`,
        consumes: ['multipart/form-data'],
        querystring: UploadImportQuery,
        response: { 201: DataImport },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      service.assertCanImport(ctx);
      // Who imports this kind is known from the query: refused before the body is read.
      service.assertCanImportKind(ctx, req.query.kind);
      if (!req.isMultipart()) throw invalid('file', 'FILE_MULTIPART');
      const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (file?.fieldname !== 'file') {
        file?.file.resume();
        throw invalid('file', 'FILE_MULTIPART');
      }
      return reply.status(201).send(await service.uploadImport({ ctx, kind: req.query.kind, file }));
    },
  );
  r.get(
    '/api/imports/:id',
    {
      ...app.access([...IMPORTERS]),
      schema: { tags, summary: 'One import: mapping, report, preview, progress (poll while importing)', params: IdParams, response: { 200: DataImport } },
    },
    (req) => service.getImport({ ctx: req.ctx(), id: req.params.id }),
  );
  r.put(
    '/api/imports/:id/mapping',
    {
      ...app.access([...IMPORTERS]),
      schema: {
        tags,
        summary: 'Choose the mapping (remembered for this header row) and check every row: the report and a preview; nothing is written to leads',
        params: IdParams,
        body: MappingBody,
        response: { 200: DataImport },
      },
    },
    (req) => service.checkImport({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/imports/:id/run',
    {
      ...app.access([...IMPORTERS]),
      schema: {
        tags,
        summary: 'Import a checked file with no refused row: all rows in one transaction, in the background (202; poll the import)',
        params: IdParams,
        response: { 202: DataImport },
      },
    },
    async (req, reply) => reply.status(202).send(await service.runImport({ ctx: req.ctx(), id: req.params.id })),
  );
  r.get(
    '/api/imports/:id/report',
    { ...app.access([...IMPORTERS]), schema: { tags, summary: "The check's report as .xlsx: row, column, problem, how to fix", params: IdParams } },
    async (req, reply) => {
      const t = await service.reportWorkbook({ ctx: req.ctx(), id: req.params.id });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(t.fileName, t.ascii))
        .header('cache-control', 'private, no-store')
        .send(t.buffer);
    },
  );
}
