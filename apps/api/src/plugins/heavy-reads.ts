import { cancelPending, heavyScope, rollupSettings, type HeavyScope } from '@crm/db';
import { problem } from '@crm/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Ctx } from '../lib/context.ts';
import { rememberRollupZone } from '../lib/rollups.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Runs a heavy read (issue 12): on the heavy pool (server Postgres), behind the per-instance limit of heavy reads
     * at once, with a deadline (queue included) after which it is cancelled and answers 503 HEAVY_READ_TIMEOUT, and
     * cancelled as soon as the client goes away. On PGlite a request abandoned while it waits is never started.
     */
    heavy<T>(reply: FastifyReply, run: (ctx: Ctx) => Promise<T>): Promise<T>;
    /**
     * Runs a streamed download (the .xlsx exports) as a heavy read that lasts as long as the file: it waits for a
     * heavy-read slot (the deadline counts that wait only: a download of 50,000 rows may take longer), reads on the
     * heavy pool, and holds the slot until the response has been sent or abandoned. A client that goes away cancels
     * the statement running for it and every one after.
     */
    download(reply: FastifyReply, run: (ctx: Ctx) => Promise<FastifyReply>): Promise<FastifyReply>;
  }
}

/** A counting semaphore whose waiters give up when their signal aborts. */
export class Semaphore {
  private active = 0;
  /** Slots handed out since the start: a request abandoned while it waited never gets one. */
  granted = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}
  get inUse() {
    return this.active;
  }
  get queued() {
    return this.waiting.length;
  }
  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      this.granted++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.active++;
        this.granted++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }
  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

class Timeout extends Error {}
class ClientGone extends Error {}

export const heavyReadsPlugin = fp(
  async (app) => {
    const handle = app.dbHandle;
    const { concurrency, timeoutMs } = app.config.heavy;
    // On a server as many as the heavy pool has connections (3 by default), so none waits inside the driver where no
    // deadline reaches it; on PGlite one, so a request's queries never queue behind fifty others' at the one connection.
    const limit = concurrency > 0 ? concurrency : handle.kind === 'postgres' ? 3 : 1;
    const gate = new Semaphore(limit);
    app.decorate('heavyGate', gate);

    // The rollups' months are cut in one time zone; the app reads them only when it is its own (lib/rollups.ts).
    const [settings] = await handle.db.select().from(rollupSettings).limit(1);
    if (settings) rememberRollupZone(handle.db, settings.timeZone);
    if (settings && handle.heavyDb !== handle.db) rememberRollupZone(handle.heavyDb, settings.timeZone);

    app.decorateRequest('heavy', async function <T>(this: FastifyRequest, reply: FastifyReply, run: (ctx: Ctx) => Promise<T>): Promise<T> {
      const controller = new AbortController();
      const scope: HeavyScope = { signal: controller.signal, pending: new Set() };
      const onClose = () => {
        if (!reply.raw.writableEnded) controller.abort(new ClientGone('client went away'));
      };
      reply.raw.once('close', onClose);
      const timer = setTimeout(() => controller.abort(new Timeout('heavy read timed out')), timeoutMs);
      controller.signal.addEventListener('abort', () => cancelPending(scope), { once: true });
      try {
        await gate.acquire(controller.signal);
        const ctx = { ...this.ctx(), db: handle.heavyDb };
        // The slot is held until the work has really stopped (on PGlite a running query cannot be cut short), but the
        // answer does not wait for that: a deadline or a departed client settles it at once.
        const work = heavyScope.run(scope, () => run(ctx)).finally(() => gate.release());
        work.catch(() => undefined);
        return await new Promise<T>((resolve, reject) => {
          const onAbort = () => reject(controller.signal.reason);
          if (controller.signal.aborted) return onAbort();
          controller.signal.addEventListener('abort', onAbort, { once: true });
          work.then(resolve, reject).finally(() => controller.signal.removeEventListener('abort', onAbort));
        });
      } catch (error) {
        if (controller.signal.aborted) {
          const reason: unknown = controller.signal.reason;
          if (reason instanceof ClientGone) this.log.info({ url: this.url }, 'heavy read cancelled: the client went away');
          else this.log.warn({ url: this.url, timeoutMs }, 'heavy read timed out');
          // A client that went away reads no answer; the one it would have had is the same as a timeout's.
          throw problem('HEAVY_READ_TIMEOUT', { seconds: Math.max(1, Math.round(timeoutMs / 1000)) });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        reply.raw.off('close', onClose);
      }
    });

    app.decorateRequest(
      'download',
      async function (this: FastifyRequest, reply: FastifyReply, run: (ctx: Ctx) => Promise<FastifyReply>): Promise<FastifyReply> {
        const controller = new AbortController();
        const scope: HeavyScope = { signal: controller.signal, pending: new Set() };
        controller.signal.addEventListener('abort', () => cancelPending(scope), { once: true });
        // The response closes when it has been sent or when the client went away; either way the download is over.
        let released = false;
        let slot = false;
        const over = () => {
          if (!reply.raw.writableFinished) controller.abort(new ClientGone('client went away'));
          if (slot && !released) {
            released = true;
            gate.release();
          }
        };
        reply.raw.once('finish', over);
        reply.raw.once('close', over);
        const timer = setTimeout(() => controller.abort(new Timeout('download waited too long for a slot')), timeoutMs);
        try {
          await gate.acquire(controller.signal);
          slot = true;
        } catch (error) {
          reply.raw.off('finish', over);
          reply.raw.off('close', over);
          if (controller.signal.aborted) throw problem('HEAVY_READ_TIMEOUT', { seconds: Math.max(1, Math.round(timeoutMs / 1000)) });
          throw error;
        } finally {
          clearTimeout(timer);
        }
        try {
          return await heavyScope.run(scope, () => run({ ...this.ctx(), db: handle.heavyDb }));
        } catch (error) {
          // Refused before the file began (a 403, a bad filter): the slot goes back now, unless the client left
          // first and `over` already gave it back (a slot given back twice would let one more heavy read in).
          reply.raw.off('finish', over);
          reply.raw.off('close', over);
          if (!released) {
            released = true;
            gate.release();
          }
          throw error;
        }
      },
    );
  },
  { name: 'heavy-reads' },
);

declare module 'fastify' {
  interface FastifyInstance {
    heavyGate: Semaphore;
  }
}
