/**
 * `pnpm load`: a bounded load test on this machine only (127.0.0.1). Starts the real app on the benchmark
 * database (`pnpm seed:bench` first), then autocannon drives the busiest reads for a few seconds each and
 * prints throughput and latency. It stops by itself.
 */
import { openDb } from '@crm/db';
import { TEST_PASSWORD } from '@crm/db/test/factories';
import autocannon from 'autocannon';
import { buildApp } from '../../apps/api/src/app.ts';
import { benchUrl } from '../bench/generate.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);

const handle = await openDb({ url: benchUrl });
const app = await buildApp({ db: handle, jwtSecret: 'load-secret-load-secret-load-secret-012345' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench96', password: TEST_PASSWORD } });
if (login.statusCode !== 200) throw new Error('run pnpm seed:bench first');
const token = login.json<{ accessToken: string }>().accessToken;

for (const [name, path] of [
  ['leads list (manager, first page)', '/api/leads?limit=50'],
  ['leads search', `/api/leads?limit=50&q=${encodeURIComponent('企业4242')}`],
  ['public pool', '/api/leads?limit=50&pool=true'],
] as const) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
  });
  console.log(
    `${name.padEnd(36)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}`,
  );
}
await app.close();
await handle.close();
