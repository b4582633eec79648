import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built web app on the API's port; unknown non-API paths get index.html (client-side routes). */
export const webPlugin = fp(
  async (app: FastifyInstance, options: { dist: string }) => {
    const index = path.join(options.dist, 'index.html');
    if (!existsSync(index)) {
      app.log.warn(`web app not built (${index} missing): run "pnpm build" to serve the UI`);
      return;
    }
    await app.register(fastifyStatic, { root: options.dist, wildcard: false, index: ['index.html'] });
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${url}.`, requestId: request.id } });
      }
      const file = path.normalize(url).replace(/^(\.\.[/\\])+/, '');
      if (file !== '/' && path.extname(file) && existsSync(path.join(options.dist, file))) return reply.sendFile(file.slice(1));
      return reply.sendFile('index.html');
    });
  },
  { name: 'web' },
);
