import { buildApp } from './app.ts';
import { attachmentsDirOf, readEnv } from './env.ts';
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
});
say(env.DATABASE_URL ? 'Database: server Postgres (DATABASE_URL)' : `Database: embedded PGlite in ${env.DATA_DIR}`);
await ensureAdmin(app.db, env.ADMIN_PASSWORD, say);
if (demo) await loadDemo(app.dbHandle, say, app.config);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
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
