import { HeavyReadAborted, heavyScope } from './heavy.ts';
import { Worker } from 'node:worker_threads';

/**
 * The main thread's side of the embedded database: a small client with the surface drizzle's PGlite driver uses
 * (`query(sql, params, { rowMode, parsers })` and `transaction(fn)`), whose every call is a message to PGlite in
 * pglite-worker.mjs. Transactions keep their meaning: BEGIN takes the worker's gate, the callback's queries run inside
 * it, COMMIT or ROLLBACK gives it back — so work is serialised exactly as on PGlite's one connection, only off the
 * request thread.
 */
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };
type QueryOptions = { rowMode?: 'array' | 'object'; parsers?: Record<number | string, (value: string, typeId: number) => unknown> };
export type QueryResult = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

export type WorkerClient = {
  query: (sql: string, params?: unknown[], options?: QueryOptions) => Promise<QueryResult>;
  transaction: <T>(fn: (tx: Pick<WorkerClient, 'query'>) => Promise<T>) => Promise<T>;
};

/** The worker is gone (crashed or closed): requests answer 503 (apps/api/src/plugins/errors.ts), not 500. */
const unavailable = (why: string) => Object.assign(new Error(`The embedded database is not running: ${why}`), { code: 'DATABASE_UNAVAILABLE' });

/** Rebuilds the worker's Postgres error so the API maps it as it maps the server's (23505 → 409 …). */
const rebuild = (e: Record<string, unknown> & { message: string }) => Object.assign(new Error(e.message), e);

export class PgliteWorkerProxy implements WorkerClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #alive = true;
  #lastBeat = performance.now();
  #exitReason = 'it has not started';

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  static async start(options: { dataDir?: string; sessionTimeZone?: string; loadDataDir?: Uint8Array }): Promise<PgliteWorkerProxy> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: options, execArgv: [] });
    const proxy = new PgliteWorkerProxy(worker);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { op?: string; error?: { message: string } }) => {
        if (msg.op === 'ready') {
          worker.off('message', onMessage);
          resolve();
        } else if (msg.op === 'failed') {
          worker.off('message', onMessage);
          reject(rebuild(msg.error ?? { message: 'the embedded database did not start' }));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded database's thread exited (${code}) while starting`)));
    });
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.on('message', (msg: Reply | { op: 'beat' }) => proxy.#receive(msg));
    worker.on('error', (error) => proxy.#die(`its thread failed: ${error.message}`));
    worker.on('exit', (code) => proxy.#die(`its thread exited (${code})`));
    return proxy;
  }

  #receive(msg: Reply | { op: 'beat' }) {
    this.#lastBeat = performance.now();
    if ('op' in msg) return;
    const waiting = this.#pending.get(msg.id);
    if (!waiting) return;
    this.#pending.delete(msg.id);
    if (msg.ok) waiting.resolve(msg.result);
    else waiting.reject(rebuild(msg.error));
  }

  #die(reason: string) {
    if (!this.#alive) return;
    this.#alive = false;
    this.#exitReason = reason;
    for (const waiting of this.#pending.values()) waiting.reject(unavailable(reason));
    this.#pending.clear();
  }

  #call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (!this.#alive) return Promise.reject(unavailable(this.#exitReason));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  #query(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx: number | undefined) {
    // Functions cannot cross to the worker: drizzle's parsers only keep some types as raw text, so send which.
    const rawTypes = Object.entries(options?.parsers ?? {}).map(([type, parse]) => {
      if (parse('2026-01-01', Number(type)) !== '2026-01-01') throw new Error(`the embedded database's proxy supports only raw-text parsers (type ${type})`);
      return Number(type);
    });
    return this.#call<QueryResult>({ op: 'query', sql, params: params ?? [], rowMode: options?.rowMode ?? 'object', rawTypes, tx });
  }

  /** The last heavy read's query sent to the worker (issue 12). */
  #heavyTail: Promise<unknown> = Promise.resolve();

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    const scope = heavyScope.getStore();
    if (!scope) return this.#query(sql, params, options, undefined);
    // A heavy read's queries go to the worker one at a time, so a sign-in or a write queued beside fifty dashboards
    // waits behind at most one of them; those of a request whose client left or whose time is up are never sent.
    const run = this.#heavyTail.then(() => {
      if (scope.signal.aborted) throw new HeavyReadAborted();
      return this.#query(sql, params, options, undefined);
    });
    this.#heavyTail = run.catch(() => undefined);
    return run;
  }

  async transaction<T>(fn: (tx: Pick<WorkerClient, 'query'> & { transaction?: never }) => Promise<T>): Promise<T> {
    const tx = await this.#call<number>({ op: 'begin' });
    const client = { query: (sql: string, params?: unknown[], options?: QueryOptions) => this.#query(sql, params, options, tx) };
    let result: T;
    try {
      result = await fn(client);
    } catch (error) {
      await this.#call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.#call({ op: 'end', tx, commit: true });
    return result;
  }

  /** A consistent snapshot of the data folder (tar.gz), taken between transactions. */
  dump(): Promise<Uint8Array> {
    return this.#call<Uint8Array>({ op: 'dump' });
  }

  /** Replaces the data folder with a snapshot; the old folder is kept beside it. Returns where. */
  restore(data: Uint8Array): Promise<string> {
    const copy = data.slice();
    return this.#call<string>({ op: 'restore', data: copy }, [copy.buffer as ArrayBuffer]);
  }

  /** Alive and heard from lately: answered without asking the (possibly busy) worker anything. */
  health(): { up: boolean; lastBeatMs: number } {
    const since = performance.now() - this.#lastBeat;
    // A single query may keep the worker from beating for a while; 10 s of silence is not "busy" any more.
    return { up: this.#alive && since < 10_000, lastBeatMs: Math.round(since) };
  }

  async close(): Promise<void> {
    if (!this.#alive) return;
    await this.#call({ op: 'close' }).catch(() => undefined);
    this.#alive = false;
    this.#exitReason = 'it was closed';
    await this.#worker.terminate();
  }
}
