import { users, type Db } from '@crm/db';
import { AppError, type Role } from '@crm/shared';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, AppConfig, Ctx } from '../lib/context.ts';
import { idempotentDb } from './idempotency.ts';

export type AccessTokenPayload = { sub: string; username: string };

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenPayload;
    user: AccessTokenPayload;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook that refuses requests without a valid access token of an active user. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    db: Db;
    config: AppConfig;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The service context of a signed-in request. */
    ctx: () => Ctx;
  }
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { secret: string }) => {
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { expiresIn: app.config.accessTokenTtlSeconds },
    });

    app.decorateRequest('actor', null);
    app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
      if (!this.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      const claim = this.idempotency ?? undefined;
      return {
        actor: this.actor,
        db: claim ? idempotentDb(app.db, claim) : app.db,
        requestId: this.id,
        config: app.config,
        now: () => app.config.clock.now(),
        ...(claim ? { idempotency: claim } : {}),
      };
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) {
        throw new AppError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <accessToken>" from POST /api/auth/login.');
      }
      let payload: AccessTokenPayload;
      try {
        payload = await request.jwtVerify<AccessTokenPayload>();
      } catch {
        throw new AppError('UNAUTHENTICATED', 'Your session has expired or is not valid. Please sign in again.');
      }
      // Roles and the active flag are read fresh on every request, so a deactivation or role change
      // takes effect at once rather than when the token expires.
      const [row] = await app.db
        .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, active: users.active })
        .from(users)
        .where(eq(users.id, payload.sub));
      if (!row || !row.active) throw new AppError('UNAUTHENTICATED', 'This account is not active. Ask an administrator.');
      request.actor = { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles as Role[] };
    });
  },
  { name: 'auth' },
);
