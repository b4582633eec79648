import { problem } from '@crm/shared';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built web app on the API's port; unknown non-API paths get index.html (client-side routes).
 * index.html carries the zone's time zone (<meta name="crm-time-zone">), so the page's "today" and every printed
 * time follow the zone, not the browser; it is rewritten once here from the API's TIME_ZONE setting. Each time it is
 * served it also carries a fresh CSP nonce (<meta name="csp-nonce">) that Ant Design puts on the <style> tags it
 * writes, the one kind of inline style element the Content-Security-Policy lets in (plugins/security-headers.ts).
 */
export const webPlugin = fp(
  async (app: FastifyInstance, options: { dist: string }) => {
    const indexFile = path.join(options.dist, 'index.html');
    if (!existsSync(indexFile)) {
      app.log.warn(`web app not built (${indexFile} missing): run "pnpm build" to serve the UI`);
      return;
    }
    const zone = app.config.timeZone.replace(/[^A-Za-z0-9_+\-/]/g, '');
    const indexHtml = readFileSync(indexFile, 'utf8').replace(
      /<meta name="crm-time-zone" content="[^"]*"\s*\/?>/,
      `<meta name="crm-time-zone" content="${zone}" />`,
    );
    const withNonce = indexHtml.replace(/\s*<meta name="csp-nonce" content="[^"]*"\s*\/?>/, '');
    const [head, tail] = [withNonce.slice(0, withNonce.indexOf('</head>')), withNonce.slice(withNonce.indexOf('</head>'))];
    const sendIndex = (reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(`${head}  <meta name="csp-nonce" content="${reply.cspNonce.style}" />\n  ${tail}`);

    await app.register(fastifyStatic, {
      root: options.dist,
      wildcard: false,
      index: false,
      // index.html is served from memory below, rewritten; the file as built must never go out.
      globIgnore: ['**/index.html'],
      // The build writes .br and .gz beside every asset (vite-plugin-compression2); the one the browser accepts is sent.
      preCompressed: true,
      cacheControl: false,
      // Files under /assets/ carry a content hash in their name: they never change, so browsers keep them a year.
      // Anything else (icons, index.html) is revalidated.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/*', { schema: { hide: true }, helmet: { enableCSPNonces: true } }, (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) {
        const missing = problem('ROUTE_NOT_FOUND', { method: request.method, path: url });
        return reply
          .status(404)
          .send({ error: { code: missing.code, reason: missing.reason, params: missing.params, message: missing.message, requestId: request.id } });
      }
      const file = path.normalize(url).replace(/^(\.\.[/\\])+/, '');
      if (file !== '/' && file !== '/index.html' && path.extname(file) && existsSync(path.join(options.dist, file))) return reply.sendFile(file.slice(1));
      return sendIndex(reply);
    });
  },
  { name: 'web' },
);
