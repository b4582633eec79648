import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { DbHandle } from '@crm/db';

/**
 * The running CRM's door for `pnpm backup` and `pnpm restore` on the embedded database. The folder is locked to this
 * process, so another program may not open it; instead it asks this process, which takes the snapshot (or loads one)
 * between transactions. The door is a Unix socket readable by this user only — whoever may touch the data folder
 * may use it, nobody over the network can — and its path is written into the folder's lock file.
 */
export function controlSocketPath(dataDir: string): string {
  const beside = `${path.resolve(dataDir)}.sock`;
  // A Unix socket path is limited to about 100 bytes.
  if (beside.length < 100) return beside;
  return path.join(tmpdir(), `crm-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}.sock`);
}

export async function startControl(handle: DbHandle, log: (line: string) => void): Promise<{ path: string; close: () => Promise<void> } | null> {
  const embedded = handle.embedded;
  if (!embedded?.dataDir || !embedded.lock) return null;
  const socketPath = controlSocketPath(embedded.dataDir);
  rmSync(socketPath, { force: true });
  const server: Server = createServer((request, response) => {
    const fail = (error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error instanceof Error ? error.message : String(error));
    };
    if (request.method === 'GET' && request.url === '/backup') {
      embedded.dump().then((data) => {
        response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': data.byteLength });
        response.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        log(`backup taken through the running app (${data.byteLength} bytes)`);
      }, fail);
      return;
    }
    if (request.method === 'POST' && request.url === '/restore') {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        embedded.restore(new Uint8Array(Buffer.concat(chunks))).then((aside) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ restored: true, previousFolder: aside }));
          log(`database restored through the running app; the previous folder is kept in ${aside}`);
        }, fail);
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  embedded.lock.update({ control: socketPath });
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}
