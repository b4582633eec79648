import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './cluster.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Passes the password policy (issue 9): long enough, and not containing the username.
export const ADMIN_PASSWORD = 'Fault-Orchard-2026';

export type AppProcess = {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process printed (stdout and stderr), for assertions and for a failing test's message. */
  output: () => string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning: () => boolean;
  kill: (signal: NodeJS.Signals) => void;
};

export type Database = { url: string } | { dataDir: string };

/**
 * Starts the CRM as an operator would (`apps/api/src/server.ts`, the same entry `pnpm start` runs) in its own
 * process on a free loopback port, and waits until it listens (or exits, which rejects with its output).
 */
export async function startApp(database: Database, over: { port?: number; env?: Record<string, string> } = {}): Promise<AppProcess> {
  const port = over.port ?? (await freePort());
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/api/src/server.ts')], {
    cwd: repoRoot,
    env: {
      ...inherited,
      ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
      PORT: String(port),
      HOST: '127.0.0.1',
      // The load's users each come from their own address (X-Forwarded-For, as behind a reverse proxy): fifty people
      // signing in from one address would rightly meet the sign-in throttle.
      TRUST_PROXY: 'loopback',
      ADMIN_PASSWORD,
      LOG_LEVEL: 'error',
      WEB_DIST: path.join(repoRoot, 'no-web-app-in-fault-tests'),
      ...over.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 60 s:\n${out}`)), 60_000);
    const onData = () => {
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${code ?? signal}) before it listened:\n${out}`));
    });
  });
  await ready;
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    isRunning: () => running,
    kill: (signal) => {
      if (running) child.kill(signal);
    },
  };
}

/** Runs a command of the repository (`pnpm backup`, a second server …) to its end and returns what it printed. */
export async function runScript(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
