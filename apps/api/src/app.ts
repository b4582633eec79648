import { randomBytes, randomUUID } from 'node:crypto';
import { openDb, setRowClock, settings, type DbHandle, type DbOptions } from '@crm/db';
import { isTimeZone } from '@crm/shared';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { defaultConfig, type AppConfig } from './lib/context.ts';
import { agentsRoutes } from './modules/agents/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { dataExportRoutes } from './modules/data-export/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { reportsRoutes } from './modules/reports/routes.ts';
import { activitiesRoutes } from './modules/activities/routes.ts';
import { leadsRoutes } from './modules/leads/routes.ts';
import { performanceRoutes } from './modules/performance/routes.ts';
import { pipelineRoutes } from './modules/pipeline/routes.ts';
import { projectsRoutes } from './modules/projects/routes.ts';
import { rewardsRoutes } from './modules/rewards/routes.ts';
import { usersRoutes } from './modules/users/routes.ts';
import { zonesRoutes } from './modules/zones/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { webPlugin } from './plugins/web.ts';

export type BuildOptions = {
  /** An open database (tests share one per file); otherwise one is opened from `database`. */
  db?: DbHandle;
  database?: DbOptions;
  jwtSecret?: string;
  webDist?: string;
  logger?: boolean | { level: string };
  config?: Partial<Omit<AppConfig, 'login'>> & { login?: Partial<AppConfig['login']> };
};

declare module 'fastify' {
  interface FastifyInstance {
    dbHandle: DbHandle;
  }
}

/** Builds the whole app; server.ts and the tests both use it (fastify/demo habit). */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = options.db ?? (await openDb(options.database ?? {}));
  const config: AppConfig = {
    ...defaultConfig,
    ...options.config,
    login: { ...defaultConfig.login, ...options.config?.login },
  };
  if (!isTimeZone(config.timeZone)) throw new Error(`timeZone: ${config.timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`);
  // Rows are stamped by the app's clock, not the database's now(): one clock for every "when".
  setRowClock(config.clock);

  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
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
  if (!options.db) app.addHook('onClose', async () => handle.close());

  await app.register(errorsPlugin);
  await app.register(openapiPlugin);
  await app.register(authPlugin, { secret: options.jwtSecret ?? (await jwtSecretFromDb(handle)) });
  await app.register(idempotencyPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(zonesRoutes);
  await app.register(agentsRoutes);
  await app.register(leadsRoutes);
  await app.register(activitiesRoutes);
  await app.register(projectsRoutes);
  await app.register(pipelineRoutes);
  await app.register(rewardsRoutes);
  await app.register(performanceRoutes);
  await app.register(dashboardRoutes);
  await app.register(reportsRoutes);
  await app.register(auditRoutes);
  await app.register(dataExportRoutes);

  if (options.webDist) await app.register(webPlugin, { dist: options.webDist });
  await app.ready();
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
