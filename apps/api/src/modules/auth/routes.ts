import { ChangePasswordBody, LoginBody, LoginResult, Ok, problem, roles, SessionUser } from '@crm/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePassword, login, logout, refreshSession, type Client, type SignedIn } from './service.ts';

const COOKIE = 'crm_refresh';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest) => ({
    db: app.db,
    config: app.config,
    requestId: request.id,
    now: app.config.clock.now(),
    signAccessToken: app.signAccessToken,
  });
  const client = (request: FastifyRequest): Client => ({ address: request.ip, userAgent: request.headers['user-agent'] ?? null });
  // The refresh token lives in an httpOnly cookie sent only to /api/auth and never cross-site (SameSite=Strict).
  const answer = (reply: FastifyReply, started: SignedIn) => {
    reply.setCookie(COOKIE, started.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: app.config.cookieSecure,
      path: '/api/auth',
      expires: started.refreshExpiresAt,
    });
    return { accessToken: started.accessToken, expiresIn: started.expiresIn, user: started.user };
  };
  // Per client address, counted in the database (plugins/rate-limit.ts), before the body is read or a hash is run.
  const limited = (perMinute: number) => ({ rateLimit: { max: perMinute, timeWindow: 60_000 } });

  r.post(
    '/api/auth/login',
    {
      config: limited(app.config.rateLimit.signInPerMinute),
      schema: { tags: ['auth'], security: [], summary: 'Sign in; sets the refresh cookie', body: LoginBody, response: { 200: LoginResult } },
    },
    async (request, reply) => answer(reply, await login(deps(request), request.body, client(request))),
  );

  r.post(
    '/api/auth/refresh',
    {
      onRequest: app.sameOrigin,
      config: limited(app.config.rateLimit.refreshPerMinute),
      schema: {
        tags: ['auth'],
        security: [],
        summary: 'New access token from the refresh cookie (rotated; a reused one ends its session)',
        response: { 200: LoginResult },
      },
    },
    async (request, reply) => {
      const token = request.cookies[COOKIE];
      if (!token) throw problem('NO_SESSION');
      return answer(reply, await refreshSession(deps(request), token));
    },
  );

  r.post(
    '/api/auth/logout',
    {
      onRequest: app.sameOrigin,
      config: limited(app.config.rateLimit.refreshPerMinute),
      schema: { tags: ['auth'], security: [], summary: "Ends all of the user's sessions and clears the cookie", response: { 200: Ok } },
    },
    async (request, reply) => {
      const token = request.cookies[COOKIE];
      if (token) await logout(deps(request), token);
      reply.clearCookie(COOKIE, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: app.config.cookieSecure });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/password',
    {
      onRequest: app.authenticate,
      config: { roles, duringPasswordChange: true, ...limited(app.config.rateLimit.signInPerMinute) },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (the current one is required); ends every other session and starts a new one',
        body: ChangePasswordBody,
        response: { 200: LoginResult },
      },
    },
    async (request, reply) => answer(reply, await changePassword(deps(request), request.ctx().actor, request.body, client(request))),
  );

  r.get(
    '/api/me',
    { ...app.access(roles, { duringPasswordChange: true }), schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: SessionUser } } },
    async (request) => {
      const { actor } = request.ctx();
      return { id: actor.id, username: actor.username, displayName: actor.displayName, roles: actor.roles, mustChangePassword: request.mustChangePassword };
    },
  );
}
