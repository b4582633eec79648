import { ErrorBody } from '@crm/shared';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { docsCsp } from './security-headers.ts';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Error bodies a route documents beyond the generic one (a 409 whose `details` name a 撞单's holder, say), by
     * status. Documentation only: `response` would make Fastify serialise the error handler's body through the schema
     * (and strip what it does not name); these go into the OpenAPI document and nowhere else.
     */
    errorResponses?: Record<number, z.ZodType>;
  }
}

/**
 * Schemas the document names once as components and refers to: the error body is on every route, and the list of
 * reasons is long; written out inline they would triple the document.
 */
const components = z.registry<{ id: string }>();
components.add(ErrorBody, { id: 'ErrorBody' });
components.add(ErrorBody.shape.error.shape.reason, { id: 'ProblemReason' });
const jsonSchemaTransform = createJsonSchemaTransform({ schemaRegistry: components });

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
      transformObject: createJsonSchemaTransformObject({ schemaRegistry: components }),
      // Every write documents the Idempotency-Key header (plugins/idempotency.ts). Every route that documents its
      // answer documents the error body (plugins/errors.ts) for 4xx and 5xx too, and its own error bodies by status.
      transform: (input) => {
        const { errorResponses, ...schema } = input.schema ?? {};
        const documented =
          input.url.startsWith('/api/') && input.schema?.response
            ? { ...input, schema: { ...schema, response: { '4XX': ErrorBody, '5XX': ErrorBody, ...errorResponses, ...(schema.response as object) } } }
            : input;
        const out = jsonSchemaTransform(documented);
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
