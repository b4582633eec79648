import { createHash } from 'node:crypto';
import { sessions, users, type Db } from '@crm/db';
import { problem, type Role } from '@crm/shared';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt, { type TokenOrHeader } from '@fastify/jwt';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, AppConfig, Ctx } from '../lib/context.ts';
import { idempotentDb } from './idempotency.ts';

/** What an access token says: whose it is and which session it belongs to; the session is checked on every request. */
export type AccessTokenPayload = { sub: string; sid: string; username: string };

// Pinned claims (ASVS 5.0 9.1.1, 9.2.1–9.2.3): a token of another issuer or audience (say, a test system sharing a
// secret by mistake) is refused like a forged one.
export const JWT_ISSUER = 'zhaoshang-crm';
export const JWT_AUDIENCE = 'zhaoshang-crm-api';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenPayload;
    user: AccessTokenPayload;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook that refuses requests without a valid access token of a live session of an active user. */
    authenticate: onRequestHookHandler;
    /**
     * Route options for a signed-in route open to `roles`: the token, the session and the role are checked in
     * onRequest, before the body is even read, so a caller without the role gets 403 whatever they send.
     */
    access: (
      roles: readonly Role[],
      options?: { duringPasswordChange?: boolean },
    ) => { onRequest: onRequestHookHandler; config: { roles: readonly Role[]; duringPasswordChange?: boolean } };
    /** onRequest hook for routes authenticated by the refresh cookie: the request must come from this site's own pages. */
    sameOrigin: onRequestHookHandler;
    signAccessToken: (user: { id: string; username: string }, sessionId: string) => string;
    db: Db;
    config: AppConfig;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session the access token belongs to. */
    sessionId: string | null;
    /** The signed-in user must change a password someone else set before anything else. */
    mustChangePassword: boolean;
    /** The service context of a signed-in request. */
    ctx: () => Ctx;
  }
  interface FastifyContextConfig {
    /** The roles that may call the route at all; record-level rules stay in the service. */
    roles?: readonly Role[];
    /** Answers while the user must still change a password someone else set (only /api/me and the change itself). */
    duringPasswordChange?: boolean;
  }
}

/** Names a secret without revealing it: the token header's `kid`, so a token says which key to verify it with. */
export const keyId = (secret: string) => createHash('sha256').update(secret).digest('base64url').slice(0, 12);

export const authPlugin = fp(
  async (app: FastifyInstance, options: { secret: string; previousSecret?: string }) => {
    // Verification accepts the current secret and, while a rotation settles, the previous one (JWT_SECRET_PREVIOUS):
    // access tokens live 15 minutes, so the previous secret can go once that long has passed.
    const keys = new Map<string, string>([[keyId(options.secret), options.secret]]);
    if (options.previousSecret) keys.set(keyId(options.previousSecret), options.previousSecret);

    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: {
        private: options.secret,
        public: async (_request: FastifyRequest, token: TokenOrHeader) => {
          const kid: unknown = 'header' in token ? token.header.kid : token.kid;
          const key = typeof kid === 'string' ? keys.get(kid) : undefined;
          if (!key) throw problem('SESSION_INVALID');
          return key;
        },
      },
      decode: { complete: true },
      sign: { algorithm: 'HS256', iss: JWT_ISSUER, aud: JWT_AUDIENCE, kid: keyId(options.secret), expiresIn: app.config.accessTokenTtlSeconds },
      verify: {
        algorithms: ['HS256'],
        allowedIss: JWT_ISSUER,
        allowedAud: JWT_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'iss', 'aud', 'sub', 'sid'],
      },
    });

    app.decorateRequest('actor', null);
    app.decorateRequest('sessionId', null);
    app.decorateRequest('mustChangePassword', false);
    app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
      if (!this.actor) throw problem('SIGN_IN_FIRST');
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

    // Tokens are stamped and checked by the app's one clock (tests move it), not by fast-jwt's Date.now().
    app.decorate('signAccessToken', (user: { id: string; username: string }, sessionId: string) =>
      app.jwt.sign({ sub: user.id, sid: sessionId, username: user.username }, { clockTimestamp: app.config.clock.now().getTime() }),
    );

    const authenticate: onRequestHookHandler = async (request) => {
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) {
        throw problem('SIGN_IN_FIRST');
      }
      let payload: AccessTokenPayload;
      try {
        payload = await request.jwtVerify<AccessTokenPayload>({ clockTimestamp: app.config.clock.now().getTime() });
      } catch {
        throw problem('SESSION_INVALID');
      }
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string' || !UUID.test(payload.sid) || !UUID.test(payload.sub)) {
        throw problem('SESSION_INVALID');
      }
      // One query per request: the user's roles and active flag are read fresh (a deactivation or role change
      // takes effect at once) and the session must still be live (logout, a password change, a reset or a
      // refresh-token reuse ends it, and with it every access token it issued).
      const now = app.config.clock.now();
      const [row] = await app.db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          roles: users.roles,
          active: users.active,
          mustChangePassword: users.mustChangePassword,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, payload.sid), eq(sessions.userId, payload.sub), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
        // A named statement: planned once per connection, not on every request.
        .prepare('session_check')
        .execute();
      if (!row) throw problem('SESSION_ENDED');
      if (!row.active) throw problem('ACCOUNT_INACTIVE');
      request.actor = { id: row.id, username: row.username, displayName: row.displayName, roles: row.roles };
      request.sessionId = payload.sid;
      request.mustChangePassword = row.mustChangePassword;

      const config = request.routeOptions.config;
      if (row.mustChangePassword && !config.duringPasswordChange) {
        throw problem(
          'PASSWORD_CHANGE_REQUIRED',
          {},
          {
            reason: 'password_change_required',
          },
        );
      }
      const roles = config.roles;
      if (roles && !request.actor.roles.some((r) => roles.includes(r))) {
        throw problem('ROLE_REQUIRED', { action: `use ${request.method} ${request.routeOptions.url ?? request.url}`, roles });
      }
    };
    app.decorate('authenticate', authenticate);
    app.decorate('access', (roles: readonly Role[], options: { duringPasswordChange?: boolean } = {}) => ({
      onRequest: authenticate,
      config: { roles, ...(options.duringPasswordChange ? { duringPasswordChange: true } : {}) },
    }));

    app.decorate('sameOrigin', (async (request) => {
      // CSRF defence for the cookie-authenticated routes (ASVS 5.0 3.5.1): beside SameSite=Strict, a browser names
      // the page that sent a POST in Origin (every current browser does, same-origin POSTs included); it must be
      // this site. A request without Origin is not from a browser page the CRM served, and the cookie is for those.
      const origin = request.headers.origin;
      if (!origin || !sameHost(origin, request.host)) {
        throw problem('ORIGIN_REFUSED', {}, { reason: 'origin' });
      }
    }) satisfies onRequestHookHandler);

    // Every route that signs people in declares the roles it is for: a route without them fails at start-up, and the
    // OpenAPI document shows them (x-roles), which is what the role-before-body test walks.
    app.addHook('onRoute', (route: RouteOptions) => {
      const hooks = ([] as unknown[]).concat(route.onRequest ?? []);
      if (!hooks.includes(authenticate)) return;
      const roles = route.config?.roles;
      if (!roles || roles.length === 0) throw new Error(`${String(route.method)} ${route.url}: a signed-in route must name its roles (app.access([...]))`);
      if (route.schema && !route.schema.hide) {
        const schema = route.schema as Record<string, unknown>;
        schema['x-roles'] = [...roles];
        const who = `Roles: ${roles.join(', ')}.`;
        schema.description = typeof schema.description === 'string' ? `${schema.description}\n\n${who}` : who;
      }
    });
  },
  { name: 'auth' },
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Whether a page at `origin` is this site, reached as `host` (the Host header, or X-Forwarded-Host behind a trusted
 * proxy). The scheme is not compared: behind a TLS proxy the page is https and the proxied request http.
 */
function sameHost(origin: string, host: string): boolean {
  let page: URL;
  let self: URL;
  try {
    page = new URL(origin);
    self = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  if (page.hostname.toLowerCase() !== self.hostname.toLowerCase()) return false;
  const explicitPort = /:(\d+)$/.exec(host)?.[1];
  const pagePort = page.port || DEFAULT_PORT[page.protocol];
  return explicitPort ? explicitPort === pagePort : page.port === '';
}
