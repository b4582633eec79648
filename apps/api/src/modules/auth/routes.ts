import { AppError, LoginBody, LoginResult, Ok, SessionUser } from '@crm/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { login, issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './service.ts';

const COOKIE = 'crm_refresh';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: app.config.cookieSecure, path: '/api/auth', expires });
  const accessToken = (user: { id: string; username: string }) => app.jwt.sign({ sub: user.id, username: user.username });

  r.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], security: [], summary: 'Sign in; sets the refresh cookie', body: LoginBody, response: { 200: LoginResult } } },
    async (request, reply) => {
      const now = app.config.clock.now();
      const user = await login({ db: app.db, config: app.config, requestId: request.id, now: () => now }, request.body);
      const refresh = await issueRefreshToken(app.db, app.config, user.id, now);
      setCookie(reply, refresh.token, refresh.expiresAt);
      return { accessToken: accessToken(user), expiresIn: app.config.accessTokenTtlSeconds, user };
    },
  );

  r.post(
    '/api/auth/refresh',
    { schema: { tags: ['auth'], security: [], summary: 'New access token from the refresh cookie (rotated)', response: { 200: LoginResult } } },
    async (request, reply) => {
      const token = request.cookies[COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'No session: please sign in.');
      const rotated = await rotateRefreshToken(app.db, app.config, token, app.config.clock.now());
      setCookie(reply, rotated.token, rotated.expiresAt);
      return { accessToken: accessToken(rotated.user), expiresIn: app.config.accessTokenTtlSeconds, user: rotated.user };
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], security: [], summary: 'Revokes the refresh token and clears the cookie', response: { 200: Ok } } },
    async (request, reply) => {
      const token = request.cookies[COOKIE];
      if (token) await revokeRefreshToken(app.db, token, app.config.clock.now());
      reply.clearCookie(COOKIE, { path: '/api/auth' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me',
    { onRequest: app.authenticate, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: SessionUser } } },
    async (request) => {
      const { actor } = request.ctx();
      return { id: actor.id, username: actor.username, displayName: actor.displayName, roles: actor.roles };
    },
  );
}
