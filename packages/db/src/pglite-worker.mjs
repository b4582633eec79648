// @ts-check
/**
 * The embedded database's thread: PGlite (Postgres compiled to WebAssembly) runs here, in a worker_threads Worker, so
 * its queries — synchronous WebAssembly that blocks whatever thread runs it — never stall the API's request thread
 * (issue 11: /api/health took over 5 s under 50 users when PGlite ran on the main thread). The main thread talks to
 * it through pglite-proxy.ts.
 *
 * Plain JavaScript on purpose: a worker starts a fresh module loader, which neither tsx nor vitest reaches, so this
 * file must load with Node alone. It imports nothing of ours.
 *
 * One "gate" serialises the work as PGlite's one connection requires: a query outside a transaction passes the gate
 * alone; a transaction holds it from BEGIN to COMMIT/ROLLBACK while its own queries run; a dump or a restore holds it
 * between transactions, so a backup is a consistent snapshot.
 */
import { mkdirSync, renameSync, existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

if (!parentPort) throw new Error('pglite-worker.mjs runs only as a worker thread');
const port = parentPort;

/** @type {{ dataDir?: string, sessionTimeZone?: string, loadDataDir?: Uint8Array }} */
const options = workerData ?? {};

/** @type {PGlite} */
let pg;

/** A FIFO lock: run(fn) waits for everything queued before it. */
let tail = Promise.resolve();
function acquire() {
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((resolve) => (release = () => resolve(undefined)));
  const ready = tail;
  tail = tail.then(() => held);
  return ready.then(() => release);
}
/** @template T @param {() => Promise<T>} fn @returns {Promise<T>} */
async function exclusive(fn) {
  const release = await acquire();
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Open transactions by id: the release of the gate they hold. @type {Map<number, () => void>} */
const transactions = new Map();
let nextTx = 1;

async function open(/** @type {Blob | undefined} */ loadDataDir) {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  if (options.sessionTimeZone) await db.query(`set time zone '${options.sessionTimeZone.replace(/'/g, "''")}'`);
  return db;
}

/** drizzle asks for some types as raw text (dates, timestamps, intervals); it passes identity parsers for them. */
const rawParsers = (/** @type {number[] | undefined} */ types) => Object.fromEntries((types ?? []).map((t) => [t, (/** @type {string} */ v) => v]));

const errorOf = (/** @type {any} */ e) => ({
  message: e?.message ?? String(e),
  name: e?.name,
  code: e?.code,
  severity: e?.severity,
  detail: e?.detail,
  hint: e?.hint,
  constraint: e?.constraint,
  constraint_name: e?.constraint,
  table: e?.table,
  column: e?.column,
  schema: e?.schema,
});

/** @param {any} msg */
async function handle(msg) {
  switch (msg.op) {
    case 'query': {
      const run = () => pg.query(msg.sql, msg.params ?? [], { rowMode: msg.rowMode ?? 'object', parsers: rawParsers(msg.rawTypes) });
      // Inside a transaction the transaction holds the gate already.
      const result = msg.tx ? await run() : await exclusive(run);
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'begin': {
      const release = await acquire();
      try {
        await pg.exec('begin');
      } catch (error) {
        release();
        throw error;
      }
      const id = nextTx++;
      transactions.set(id, release);
      return id;
    }
    case 'end': {
      const release = transactions.get(msg.tx);
      if (!release) throw new Error(`no open transaction ${msg.tx}`);
      transactions.delete(msg.tx);
      try {
        await pg.exec(msg.commit ? 'commit' : 'rollback');
      } finally {
        release();
      }
      return null;
    }
    case 'dump':
      return exclusive(async () => {
        // A checkpoint first, so the snapshot needs no WAL replay to be read; taken between transactions.
        await pg.exec('checkpoint');
        const blob = await pg.dumpDataDir('gzip');
        return new Uint8Array(await blob.arrayBuffer());
      });
    case 'restore':
      return exclusive(async () => {
        const dir = options.dataDir;
        if (!dir) throw new Error('an in-memory database has nothing to restore into');
        await pg.close();
        // The current folder is kept beside the restored one until someone removes it: a restore is never the
        // only copy of anything.
        const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(dir, aside);
        try {
          pg = await open(new Blob([msg.data]));
        } catch (error) {
          if (existsSync(dir)) renameSync(dir, `${aside}-failed`);
          renameSync(aside, dir);
          pg = await open(undefined);
          throw error;
        }
        return aside;
      });
    case 'close':
      await exclusive(() => pg.close());
      return null;
    default:
      throw new Error(`unknown operation ${msg.op}`);
  }
}

try {
  pg = await open(options.loadDataDir ? new Blob([options.loadDataDir]) : undefined);
} catch (error) {
  port.postMessage({ op: 'failed', error: errorOf(error) });
  process.exit(1);
}

// The heartbeat: the API's health check reads the last one instead of asking this thread, which may be busy.
const beat = setInterval(() => port.postMessage({ op: 'beat' }), 250);
beat.unref();

port.on('message', (msg) => {
  handle(msg).then(
    (result) => {
      const transfer = result instanceof Uint8Array ? [result.buffer] : [];
      port.postMessage({ id: msg.id, ok: true, result }, /** @type {any} */ (transfer));
      if (msg.op === 'close') {
        clearInterval(beat);
        port.close();
      }
    },
    (error) => port.postMessage({ id: msg.id, ok: false, error: errorOf(error) }),
  );
});
port.postMessage({ op: 'ready' });
