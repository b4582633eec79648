import { randomBytes, randomUUID } from 'node:crypto';
import { openDb, setRowClock, settings, type DbHandle, type DbOptions } from '@crm/db';
import { isTimeZone } from '@crm/shared';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { defaultConfig, type AppConfig } from './lib/context.ts';
import { agentsRoutes } from './modules/agents/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { dataExportRoutes } from './modules/data-export/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { reportsRoutes } from './modules/reports/routes.ts';
import { indicatorsRoutes } from './modules/indicators/routes.ts';
import { activitiesRoutes } from './modules/activities/routes.ts';
import { leadsRoutes } from './modules/leads/routes.ts';
import { performanceRoutes } from './modules/performance/routes.ts';
import { pipelineRoutes } from './modules/pipeline/routes.ts';
import { projectsRoutes } from './modules/projects/routes.ts';
import { approvalsRoutes } from './modules/approvals/routes.ts';
import { rewardsRoutes } from './modules/rewards/routes.ts';
import { usersRoutes } from './modules/users/routes.ts';
import { zonesRoutes } from './modules/zones/routes.ts';
import { importsRoutes } from './modules/imports/routes.ts';
import fastifyMultipart from '@fastify/multipart';
import { MAX_ATTACHMENT_BYTES } from '@crm/shared';
import { clocksRoutes } from './modules/clocks/routes.ts';
import { eventsRoutes } from './modules/events/routes.ts';
import { filingsRoutes } from './modules/filings/routes.ts';
import { inboxRoutes } from './modules/inbox/routes.ts';
import { schedulerRoutes } from './modules/scheduler/routes.ts';
import { createScheduler, type Scheduler } from './modules/scheduler/tick.ts';
import { weeklyRoutes } from './modules/weekly/routes.ts';
import { viewsRoutes } from './modules/views/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { heavyReadsPlugin } from './plugins/heavy-reads.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { inputGuardPlugin } from './plugins/input-guard.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { webPlugin } from './plugins/web.ts';

export type BuildOptions = {
  /** An open database (tests share one per file); otherwise one is opened from `database`. */
  db?: DbHandle;
  database?: DbOptions;
  jwtSecret?: string;
  /** The secret before the last rotation: its access tokens stay valid until they expire (15 minutes). */
  jwtPreviousSecret?: string;
  /** Fastify's trustProxy (TRUST_PROXY): which proxies may tell the client's address (X-Forwarded-For) and Host. */
  trustProxy?: boolean | string | number;
  webDist?: string;
  logger?: boolean | { level: string };
  config?: Partial<Omit<AppConfig, 'login' | 'rateLimit' | 'scheduler' | 'heavy'>> & {
    login?: Partial<AppConfig['login']>;
    rateLimit?: Partial<AppConfig['rateLimit']>;
    scheduler?: Partial<AppConfig['scheduler']>;
    heavy?: Partial<AppConfig['heavy']>;
  };
};

declare module 'fastify' {
  interface FastifyInstance {
    dbHandle: DbHandle;
    scheduler: Scheduler;
  }
}

/** Builds the whole app; server.ts and the tests both use it (fastify/demo habit). */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = options.db ?? (await openDb(options.database ?? {}));
  const config: AppConfig = {
    ...defaultConfig,
    ...options.config,
    login: { ...defaultConfig.login, ...options.config?.login },
    rateLimit: { ...defaultConfig.rateLimit, ...options.config?.rateLimit },
    scheduler: { ...defaultConfig.scheduler, ...options.config?.scheduler },
    heavy: { ...defaultConfig.heavy, ...options.config?.heavy },
  };
  if (!isTimeZone(config.timeZone)) throw new Error(`timeZone: ${config.timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`);
  // Rows are stamped by the app's clock, not the database's now(): one clock for every "when".
  setRowClock(config.clock);

  const app = Fastify({
    // Request logs are written asynchronously (issue 12): a synchronous write per request held the event loop for
    // about 7% of a list request. pino flushes what is buffered when the process exits.
    logger: options.logger ? { level: options.logger === true ? 'info' : options.logger.level, stream: pino.destination({ dest: 1, sync: false }) } : false,
    genReqId: () => randomUUID(),
    // The largest honest body (a lead with its contacts, a policy version) is a few kB; anything over 1 MiB is 413.
    bodyLimit: 1024 * 1024,
    // Fastify takes a hop count as a number at run time; its types only list string and boolean.
    trustProxy: (options.trustProxy ?? false) as boolean | string,
  }).withTypeProvider<ZodTypeProvider>();
  // A POST without a body but with a JSON content type (scripts do this for /claim, /submit …) is an empty
  // object, not a parse error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '') return done(null, undefined);
    jsonParser(request, String(body), done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', handle.db);
  app.decorate('dbHandle', handle);
  app.decorate('config', config);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const scheduler = createScheduler({ db: handle.db, config, log: app.log });
  app.decorate('scheduler', scheduler);
  // The scheduler stops (and its pass in flight finishes) before the database closes.
  app.addHook('onClose', async () => {
    await scheduler.stop();
    if (!options.db) await handle.close();
  });

  await app.register(errorsPlugin);
  await app.register(openapiPlugin);
  await app.register(authPlugin, { secret: options.jwtSecret ?? (await jwtSecretFromDb(handle)), previousSecret: options.jwtPreviousSecret });
  await app.register(rateLimitPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(inputGuardPlugin);
  await app.register(idempotencyPlugin);
  await app.register(heavyReadsPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(zonesRoutes);
  await app.register(agentsRoutes);
  await app.register(leadsRoutes);
  await app.register(activitiesRoutes);
  await app.register(projectsRoutes);
  await app.register(approvalsRoutes);
  await app.register(pipelineRoutes);
  await app.register(rewardsRoutes);
  await app.register(performanceRoutes);
  await app.register(dashboardRoutes);
  await app.register(reportsRoutes);
  await app.register(indicatorsRoutes);
  await app.register(auditRoutes);
  // Attachments (投资方确认函): one file per request, refused past the size limit while it streams in.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, parts: 5 } });
  await app.register(clocksRoutes);
  await app.register(inboxRoutes);
  await app.register(filingsRoutes);
  await app.register(eventsRoutes);
  await app.register(weeklyRoutes);
  await app.register(schedulerRoutes);
  await app.register(dataExportRoutes);
  await app.register(viewsRoutes);
  await app.register(searchRoutes);
  await app.register(importsRoutes);

  if (options.webDist) await app.register(webPlugin, { dist: options.webDist });
  await app.ready();
  scheduler.start();
  return app;
}

/**
 * Without JWT_SECRET the secret is generated once and kept in the database, so sessions survive restarts
 * and a newcomer has nothing to configure.
 */
async function jwtSecretFromDb(handle: DbHandle): Promise<string> {
  const fresh = randomBytes(48).toString('base64url');
  await handle.db.insert(settings).values({ key: 'jwt_secret', value: fresh }).onConflictDoNothing();
  const [row] = await handle.db.select().from(settings).where(eq(settings.key, 'jwt_secret'));
  return row?.value ?? fresh;
}
