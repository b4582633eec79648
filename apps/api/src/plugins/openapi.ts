import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { docsCsp } from './security-headers.ts';

/** The OpenAPI document is generated from the same zod schemas the routes validate with. */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: '招商 CRM API',
          description:
            'Investment-attraction CRM for an economic development zone. Money is integer fen; rates are basis points. ' +
            'While the database is unreachable every route answers 503 UNAVAILABLE with Retry-After. Writes accept an ' +
            'Idempotency-Key header (a new UUID per write): sent again with the same key, a write is not carried out twice ' +
            'and the first answer comes back with Idempotent-Replayed: true.',
          version: '1.0.0',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
        security: [{ bearer: [] }],
      },
      // Every write documents the Idempotency-Key header (plugins/idempotency.ts).
      transform: (input) => {
        const out = jsonSchemaTransform(input);
        const methods = [input.route.method].flat();
        if (methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) && input.url.startsWith('/api/') && !input.url.startsWith('/api/auth/')) {
          (out.schema as Record<string, unknown>).headers = {
            type: 'object',
            properties: {
              'idempotency-key': {
                type: 'string',
                maxLength: 200,
                description: 'A new UUID per write; send the same key again to retry the same request without writing twice (kept for a day, per user).',
              },
            },
          };
        }
        return out;
      },
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      transformStaticCSP: docsCsp(app.config.cookieSecure),
      uiConfig: { validatorUrl: null },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
