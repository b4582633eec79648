import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        security: [],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok'), db: z.literal('up') }), 503: z.object({ status: z.literal('down'), db: z.literal('down') }) },
      },
    },
    async (_request, reply) => {
      try {
        await app.dbHandle.ping();
        return { status: 'ok' as const, db: 'up' as const };
      } catch {
        return reply.status(503).send({ status: 'down' as const, db: 'down' as const });
      }
    },
  );
}
