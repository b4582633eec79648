import { DataDirLockedError, users } from '@crm/db';
import { eq } from 'drizzle-orm';
import { buildApp } from './app.ts';
import { readEnv } from './env.ts';
import { startControl } from './modules/backup/control.ts';
import { loadDemo } from './modules/setup/demo.ts';
import { ensureAdmin } from './modules/setup/bootstrap.ts';

// server.ts only starts the app (fastify/demo habit); everything else is in buildApp.
const env = readEnv();
const demo = process.argv.includes('--demo') || env.DEMO === '1' || env.DEMO === 'true';
const say = (line: string) => process.stdout.write(`${line}\n`);

const app = await buildApp({
  database: env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR },
  jwtSecret: env.JWT_SECRET,
  webDist: env.WEB_DIST,
  logger: { level: env.LOG_LEVEL },
  config: { cookieSecure: env.COOKIE_SECURE === '1', timeZone: env.TIME_ZONE },
}).catch((error: unknown) => {
  // A second start on the same embedded folder says so and exits, instead of ruining the folder (issue 11).
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
});
say(env.DATABASE_URL ? 'Database: server Postgres (DATABASE_URL)' : `Database: embedded PGlite in ${env.DATA_DIR}`);
await ensureAdmin(app.db, env.ADMIN_PASSWORD, say);
if (demo) await loadDemo(app.dbHandle, say, app.config);
const control = await startControl(app.dbHandle, say);
await warmUp();

/**
 * Before taking traffic, run the busiest read paths a few dozen times through the real app (as an internal request,
 * signed for the first admin). A fresh process answers its first requests several times slower than a warm one
 * (JavaScript and PGlite's WebAssembly are compiled as they run), and after a restart every user's retry arrives at
 * once: measured on PGlite, 50 writes took 2.7 s cold and 1.1 s warm.
 */
async function warmUp() {
  const [admin] = await app.db.select({ id: users.id, username: users.username }).from(users).where(eq(users.active, true)).limit(1);
  if (!admin) return;
  const headers = { authorization: `Bearer ${app.jwt.sign({ sub: admin.id, username: admin.username })}` };
  for (let i = 0; i < 30; i++) {
    for (const url of ['/api/me', '/api/leads?limit=20', '/api/leads?limit=20&pool=true', '/api/projects?limit=20']) await app.inject({ method: 'GET', url, headers });
  }
}

/**
 * SIGTERM (an orchestrator, `kill`) and SIGINT (Ctrl-C) drain: stop accepting connections, answer requests that
 * arrive on open connections with 503 and `Connection: close` (a load balancer retries them elsewhere), let the
 * requests in flight finish, then close the database and exit. Fastify's close() does the first three in that order
 * and closes the database in the app's onClose hook, after the server has no connection left. A drain that hangs is
 * cut after 25 s (orchestrators kill at 30 s).
 */
let draining = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (draining) return;
    draining = true;
    say(`${signal}: finishing the requests in flight, then stopping`);
    setTimeout(() => {
      say('the requests in flight did not finish within 25 s; stopping anyway');
      process.exit(1);
    }, 25_000).unref();
    void (async () => {
      await control?.close();
      await app.close();
      say('stopped');
      process.exit(0);
    })();
  });
}
await app.listen({ port: env.PORT, host: env.HOST });
say(`招商 CRM is running at http://localhost:${env.PORT}  (API docs: http://localhost:${env.PORT}/api/docs)`);
