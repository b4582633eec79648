import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { leadAttachments } from '@crm/db';
import { type AppError, attachmentTypes, invalid, MAX_ATTACHMENT_BYTES, notFound, notSaved, problem } from '@crm/shared';
import type { MultipartFile } from '@fastify/multipart';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { momentOf } from '../../lib/dates.ts';
import * as leadRepo from '../leads/repository.ts';
import { assertCanWrite, getLead } from '../leads/service.ts';
import * as repo from './repository.ts';

type ContentType = keyof typeof attachmentTypes;

/** What a file really is, by its first bytes — never by its name or the type the browser claims. */
export function sniffType(head: Buffer): ContentType | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * The name people see, made harmless: no folders, no control characters, at most 120 characters keeping the
 * extension. It is only ever shown and sent back in Content-Disposition; the file on disk has a generated name.
 */
export function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (clean.length <= 120) return clean;
  const ext = path.extname(clean).slice(0, 10);
  return clean.slice(0, 120 - ext.length) + ext;
}

const toAttachment = (a: typeof leadAttachments.$inferSelect, uploadedByName: string) => ({
  id: a.id,
  leadId: a.leadId,
  kind: a.kind as 'investor_confirmation',
  originalName: a.originalName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  uploadedByName,
  createdAt: a.createdAt.toISOString(),
});

export async function listAttachments({ ctx, leadId }: { ctx: Ctx; leadId: string }) {
  await getLead({ ctx, id: leadId });
  const rows = await repo.attachmentsOfLead(ctx.db, leadId);
  return { items: rows.map(({ a, name }) => toAttachment(a, name)) };
}

/** Checked before the body is read: who may attach to this lead (its owner or a manager). */
export async function assertCanAttach({ ctx, leadId }: { ctx: Ctx; leadId: string }) {
  requireRole(ctx, ['staff', 'manager', 'admin'], 'attach files to leads');
  const lead = await leadRepo.findLead(ctx.db, leadId, momentOf(ctx));
  if (!lead) throw notFound('lead');
  assertCanWrite(ctx, lead, 'attach files to this lead');
}

/**
 * Stores the investor's confirmation (投资方确认函): streamed to disk under a generated name while its SHA-256 is
 * computed, refused past MAX_ATTACHMENT_BYTES, and accepted only when its bytes are a PDF, PNG or JPEG whose name
 * says the same. The row, the lead's 已备案 mark and the audit entry commit together; a failed write removes the file.
 */
export async function storeAttachment({ ctx, leadId, file }: { ctx: Ctx; leadId: string; file: MultipartFile }) {
  await assertCanAttach({ ctx, leadId });
  const originalName = cleanName(file.filename ?? '');
  const ext = path.extname(originalName).toLowerCase();
  const allowed = Object.values(attachmentTypes).flat() as string[];
  if (!originalName || !allowed.includes(ext)) {
    file.file.resume();
    throw invalid('file', 'FILE_TYPE_NAME', { name: originalName || 'no name' });
  }
  const root = path.resolve(ctx.config.attachmentsDir);
  const month = ctx.now().toISOString().slice(0, 7);
  const storedName = `${month}/${randomUUID()}${ext}`;
  const temp = path.join(root, '.incoming', `${randomUUID()}.part`);
  await mkdir(path.dirname(temp), { recursive: true });
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
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
  if (file.file.truncated) throw await refuse(invalid('file', 'FILE_TOO_LARGE', { maxMB: MAX_ATTACHMENT_BYTES / 1024 / 1024 }));
  if (size === 0) throw await refuse(invalid('file', 'FILE_EMPTY'));
  const type = sniffType(head);
  if (!type) throw await refuse(invalid('file', 'FILE_CONTENT'));
  if (!(attachmentTypes[type] as readonly string[]).includes(ext)) throw await refuse(invalid('file', 'FILE_EXTENSION', { type, ext }));
  const final = path.join(root, storedName);
  await mkdir(path.dirname(final), { recursive: true });
  await rename(temp, final);
  const sha256 = hash.digest('hex');
  const now = ctx.now();
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const locked = await leadRepo.lockLead(tx, leadId);
      if (!locked) throw notFound('lead');
      const row = await repo.insertAttachment(tx, {
        leadId,
        kind: 'investor_confirmation',
        originalName,
        storedName,
        contentType: type,
        sizeBytes: size,
        sha256,
        uploadedBy: ctx.actor.id,
        createdAt: now,
      });
      if (!row) throw notSaved('file');
      await leadRepo.markLeadFiled(tx, leadId, now);
      await audit(tx, ctx, {
        action: 'lead.attach',
        entityType: 'lead',
        entityId: leadId,
        after: { attachmentId: row.id, kind: 'investor_confirmation', originalName, contentType: type, sizeBytes: size, sha256, filed: true },
      });
      return row.id;
    });
    const saved = await repo.attachmentWithName(ctx.db, id);
    if (!saved) throw notSaved('file');
    return toAttachment(saved.a, saved.name);
  } catch (error) {
    await unlink(final).catch(() => undefined);
    throw error;
  }
}

/** The stored file, for readers of its lead only. */
export async function openAttachment({ ctx, leadId, attachmentId }: { ctx: Ctx; leadId: string; attachmentId: string }) {
  await getLead({ ctx, id: leadId });
  const row = await repo.findAttachment(ctx.db, leadId, attachmentId);
  if (!row) throw problem('NOT_FOUND_ON', { entity: 'file', parent: 'lead' });
  const root = path.resolve(ctx.config.attachmentsDir);
  const file = path.resolve(root, row.storedName);
  if (!file.startsWith(root + path.sep)) throw problem('INTERNAL');
  const info = await stat(file).catch(() => null);
  if (!info) throw problem('INTERNAL');
  return { row, size: info.size, stream: createReadStream(file) };
}
