import { DataDirLockedError, users } from '@crm/db';
import { ProjectListQuery } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { buildApp } from './app.ts';
import { attachmentsDirOf, readEnv } from './env.ts';
import { startControl } from './modules/backup/control.ts';
import { listLeads } from './modules/leads/service.ts';
import { listProjects } from './modules/projects/service.ts';
import { loadDemo } from './modules/setup/demo.ts';
import { ensureAdmin } from './modules/setup/bootstrap.ts';

// server.ts only starts the app (fastify/demo habit); everything else is in buildApp.
const env = readEnv();
const demo = process.argv.includes('--demo') || env.DEMO === '1' || env.DEMO === 'true';
const say = (line: string) => process.stdout.write(`${line}\n`);

const app = await buildApp({
  database: env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR },
  jwtSecret: env.JWT_SECRET,
  jwtPreviousSecret: env.JWT_SECRET_PREVIOUS,
  trustProxy: env.TRUST_PROXY,
  webDist: env.WEB_DIST,
  logger: { level: env.LOG_LEVEL },
  config: {
    cookieSecure: env.COOKIE_SECURE === '1',
    timeZone: env.TIME_ZONE,
    attachmentsDir: attachmentsDirOf(env),
    scheduler: { enabled: env.SCHEDULER_INTERVAL_SECONDS > 0, intervalMs: Math.max(1, env.SCHEDULER_INTERVAL_SECONDS) * 1000 },
  },
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
 * Before taking traffic, run the busiest read paths a few dozen times (the list services, as the first active
 * manager; no session is opened for it). A fresh process answers its first requests several times slower than a warm
 * one (JavaScript and PGlite's WebAssembly are compiled as they run), and after a restart every user's retry arrives
 * at once: measured on PGlite, 50 writes took 2.7 s cold and 1.1 s warm.
 */
async function warmUp() {
  const [admin] = await app.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(eq(users.active, true))
    .limit(1);
  if (!admin) return;
  const ctx = { actor: { ...admin, roles: admin.roles }, db: app.db, requestId: 'warm-up', config: app.config, now: () => app.config.clock.now() };
  for (let i = 0; i < 30; i++) {
    await listLeads({ ctx, input: { limit: 20, sort: '-createdAt' } });
    await listLeads({ ctx, input: { limit: 20, sort: '-createdAt', pool: true } });
    await listProjects({ ctx, input: ProjectListQuery.parse({ limit: 20 }) });
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
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(env.HOST);
if (demo && !loopback) {
  say(`WARNING: demo accounts with a published password are being served on ${env.HOST}. Anyone who can reach this port can sign in.`);
}
await app.listen({ port: env.PORT, host: env.HOST });
const shown = loopback ? 'localhost' : env.HOST;
say(`招商 CRM is running at http://${shown}:${env.PORT}  (API docs: http://${shown}:${env.PORT}/api/docs)`);
if (loopback) say('Only this computer can reach it (HOST=127.0.0.1). To serve a network, see "Serving on a network" in README.md.');
