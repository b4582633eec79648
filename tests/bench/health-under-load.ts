/**
 * `pnpm bench:health`: how fast /api/health answers on the embedded database while 50 signed-in users load it
 * (issue 11 asks ≤ 100 ms; it took over 5 s when PGlite ran on the request thread). Starts the app on a fresh
 * PGlite folder in a temporary directory, runs the fault tests' mixed load and probes health every 100 ms.
 * Loopback only; it stops by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from '../faults/lib/app-process.ts';
import { signInAll, startLoad, summarize } from '../faults/lib/load.ts';
import { seedStaff } from '../faults/lib/verify.ts';

const USERS = Number(process.env.BENCH_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const root = mkdtempSync(path.join(tmpdir(), 'crm-bench-health-'));
const dataDir = path.join(root, 'pglite');
const names = await seedStaff({ dataDir }, USERS, 'health');
const app = await startApp({ dataDir });
try {
  const users = await signInAll(app.base, names);
  const load = startLoad({ base: app.base, users, durationMs: SECONDS * 1000, writeShare: 0.4 });
  const probes: number[] = [];
  while (load.elapsed() < SECONDS * 1000 - 500) {
    const t0 = performance.now();
    const res = await fetch(`${app.base}/api/health`);
    await res.text();
    probes.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await load.done();
  probes.sort((a, b) => a - b);
  const at = (p: number) => Math.round(probes[Math.min(probes.length - 1, Math.floor((p / 100) * probes.length))] ?? 0);
  const s = summarize(result.outcomes);
  console.log(`embedded PGlite, ${USERS} users for ${SECONDS} s: ${Math.round(s.perSecond)} req/s, p50 ${Math.round(s.p50)} ms, p99 ${Math.round(s.p99)} ms`);
  console.log(`/api/health while loaded: ${probes.length} probes, p50 ${at(50)} ms, p99 ${at(99)} ms, max ${Math.round(probes.at(-1) ?? 0)} ms`);
} finally {
  app.kill('SIGTERM');
  await app.exited;
  rmSync(root, { recursive: true, force: true });
}
