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
    // Never queues behind the work under way: on PGlite it reads the database thread's last heartbeat, so a load
    // balancer's probe answers at once even while 50 users keep that thread busy (issue 11).
    async (_request, reply) => {
      const { up } = await app.dbHandle.health();
      if (up) return { status: 'ok' as const, db: 'up' as const };
      return reply
        .status(503)
        .header('retry-after', '2')
        .send({ status: 'down' as const, db: 'down' as const });
    },
  );
}
