/**
 * A tiny round-robin HTTP load balancer for trying several API instances on one machine (`pnpm load`, README
 * "Several instances"), written with node:http only so nothing has to be installed. In production use your own
 * (nginx, HAProxy, a cloud balancer): the API keeps nothing that matters in one process, so any balancer works —
 * no sticky sessions needed.
 *
 *   tsx tests/load/proxy.ts 8080 http://127.0.0.1:3001 http://127.0.0.1:3002
 */
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

export type Proxy = { server: Server; port: number; close: () => Promise<void> };

/** Appends the caller to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does: the API (TRUST_PROXY) takes
 * the first address it does not trust as the client's. */
const forwardedFor = (req: IncomingMessage): string => {
  const earlier = req.headers['x-forwarded-for'];
  const peer = req.socket.remoteAddress ?? '';
  return earlier ? `${Array.isArray(earlier) ? earlier.join(', ') : earlier}, ${peer}` : peer;
};

export async function startProxy(upstreams: string[], port = 0, host = '127.0.0.1'): Promise<Proxy> {
  const targets = upstreams.map((u) => new URL(u));
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = createServer((req, res) => {
    const target = targets[next++ % targets.length] as URL;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor(req) }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) return res.destroy();
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'No instance answered.' } }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [port, ...upstreams] = process.argv.slice(2);
  if (!port || upstreams.length === 0) {
    process.stderr.write('usage: tsx tests/load/proxy.ts PORT http://host:port [http://host:port …]\n');
    process.exit(2);
  }
  const proxy = await startProxy(upstreams, Number(port), '0.0.0.0');
  process.stdout.write(`balancing http://localhost:${proxy.port} over ${upstreams.join(', ')}\n`);
}
